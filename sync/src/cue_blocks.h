// What SRT and WebVTT share (internal to sync/): blank-line separated blocks and the
// "START --> END" timing line.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sync/diagnostic.h"
#include "sync/episode.h"
#include "text_util.h"

namespace tingdu::sync::cues {

// Consecutive non-blank lines.
std::vector<std::vector<text::Line>> blocks(std::string_view text);

bool is_timing_line(std::string_view line);

struct Timing {
  double start = 0;
  double end = 0;
};
// Parses "00:01:02,500 --> 00:01:04,000" (cue settings after the end time are ignored).
// A malformed time skips the cue (a warning through skip_cue; nullopt); an end before the start
// is a warning and the end is set to the start.
std::optional<Timing> parse_timing(const text::Line& line, DiagnosticSink& sink);

// Reports one cue that is left out and why ("line 6: this cue is skipped: expected ..."): a
// warning, so the rest of the file is still read.
void skip_cue(DiagnosticSink& sink, int line, int column, const std::string& why);

// The error for a file in which no cue could be read: not a subtitle file at all, or one whose
// every cue was bad (`skipped` of them). `example` shows what a cue looks like.
void refuse_empty(DiagnosticSink& sink, std::size_t skipped, const std::string& example);

// Sorts turns by start (stable), warning once when the source was out of order.
void sort_by_start(Episode& ep, DiagnosticSink& sink);

}  // namespace tingdu::sync::cues
