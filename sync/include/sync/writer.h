// Writing an episode in the timed formats other players read.
#pragma once

#include <string>

#include "sync/episode.h"
#include "sync/format.h"

namespace tingdu::sync {

struct WriteResult {
  std::string text;   // the file's content, UTF-8, "\n" line ends
  std::string error;  // empty on success; else what was missing (the text is then empty)
  bool ok() const { return error.empty(); }
};

// A turn with no end time ends where the next turn starts; a last turn with no end lasts this
// long (seconds), the length of a typical subtitle cue.
inline constexpr double kLastCueSeconds = 5.0;

// Writes srt, vtt (speakers as <v> tags), lrc ([mm:ss.xxx], speakers as "Name: "), json
// (Podcasting 2.0 transcript) or chapters-json. Every turn needs a start time (an error names
// the first turn without one; the timeline fills them in before export). Times are written to
// the millisecond. srt and vtt write each turn's markup back as <i> <b> <u> tags; lrc and json
// have no such styling and write the plain text. markdown and plain are not written.
WriteResult write_transcript(const Episode& episode, Format format);

}  // namespace tingdu::sync
