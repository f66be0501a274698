// FFmpeg's own messages (what libav* would print to stderr), handed to the program instead, a
// whole line at a time, so it decides what the listener sees: usually nothing, because the
// caller already reports the failure in its own words ("episode.mp3: not an audio file").
#pragma once

#include <functional>
#include <string_view>

namespace tingdu::media {

enum class LogLevel { error, warning, info, debug };

// Called from whatever thread FFmpeg logs on (the decoder and index threads, never the audio
// callback), one call at a time. `line` has no trailing newline and names its source, e.g.
// "[mp3 @ 0x55d0] Header missing".
using LogSink = std::function<void(LogLevel level, std::string_view line)>;

// Routes every FFmpeg message from now on to `sink` (nullptr: drop them all). Messages below
// `least` (debug < info < warning < error) are dropped before formatting.
void set_ffmpeg_log_sink(LogSink sink, LogLevel least = LogLevel::warning);

}  // namespace tingdu::media
