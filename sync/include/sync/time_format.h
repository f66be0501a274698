// Reading and writing the clock times that transcripts and people use. All times are seconds
// (double) from the start of the audio; writers round to the millisecond.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tingdu::sync {

// Largest time any reader accepts: 1000 hours. Anything beyond is a typo or an overflow.
inline constexpr double kMaxTimeSeconds = 1000.0 * 3600.0;

// "M:SS", "MM:SS" or "H:MM:SS", each optionally with ".f" to ".fff". Seconds must be < 60, and
// minutes < 60 when hours are given (minutes alone may exceed 59: "75:30"). Whitespace around is
// not accepted. nullopt when malformed or above kMaxTimeSeconds.
std::optional<double> parse_clock(std::string_view text);

// What a person types for a time: plain seconds ("4210", "12.5") or a clock as parse_clock.
std::optional<double> parse_time_argument(std::string_view text);

// Subtitle cue times: "[H:]MM:SS.mmm" (WebVTT) or "HH:MM:SS,mmm" (SRT); one to three fraction
// digits after '.' or ','; hours optional. nullopt when malformed.
std::optional<double> parse_cue_time(std::string_view text);

// "M:SS" below an hour, "H:MM:SS" from an hour on; whole seconds, rounded down; negative as 0.
// For a clock that runs (the playhead, elapsed time, a length).
std::string format_clock(double seconds);
// The same, to the nearest second: for where something starts or ends (a chapter, a turn, a
// loop), so an aligned start of 57.98 s reads 0:58, as the outline stamps it.
std::string format_clock_nearest(double seconds);

// "HH:MM:SS<sep>mmm", rounded to the millisecond; sep is ',' for SRT and '.' for WebVTT.
std::string format_cue_time(double seconds, char separator);

// How sure a time is, for a listener: "about ±1.2 s" (one decimal), or "< 0.1 s" where that
// would read ±0.0. `uncertainty` in seconds, at least 0.
std::string format_uncertainty(double uncertainty);

// Seconds rounded to the millisecond, the precision every writer keeps.
double round_ms(double seconds);

}  // namespace tingdu::sync
