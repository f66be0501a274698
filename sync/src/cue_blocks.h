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
// A malformed time is an error (nullopt); an end before the start is a warning and the end
// is set to the start.
std::optional<Timing> parse_timing(const text::Line& line, DiagnosticSink& sink);

// Sorts turns by start (stable), warning once when the source was out of order.
void sort_by_start(Episode& ep, DiagnosticSink& sink);

}  // namespace tingdu::sync::cues
