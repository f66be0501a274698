// Subtitle cues people can read: a cue per sentence, cut further at clause breaks (and, when a
// clause alone is too long, at line-break opportunities) so that no cue is on screen longer
// than the usual limits allow. The limits followed:
//   - at most 7 seconds on screen, at most 2 lines (Netflix Timed Text Style Guide, General
//     Requirements: "Maximum duration: 7 seconds per subtitle event", two lines);
//   - at most 42 characters a line for Latin text (Netflix's English guide; the BBC's is 37);
//   - at most 20 characters a line for Chinese, Japanese and Korean text (Netflix asks 16 for
//     Simplified Chinese; 20 is the limit this project's issue sets, and a longer line still
//     reads at the sizes players use).
// Mixed text counts each character against its own limit (a Han character is 1/20 of a line,
// a Latin letter 1/42).
#pragma once

#include <string>
#include <vector>

#include "sync/episode.h"
#include "sync/timeline.h"

namespace tingdu::sync {

struct SubtitleLimits {
  double max_seconds = 7;
  int lines = 2;
  int cjk_per_line = 20;
  int latin_per_line = 42;
};

struct SubtitleCue {
  double start = 0, end = 0;  // seconds
  std::string speaker;        // on the first cue of a turn only
  std::string text;           // one or two lines ("\n" between them)
  std::size_t turn = 0;
};

// The episode's cues from the timeline's sentences.
std::vector<SubtitleCue> sentence_cues(const Episode& episode, const Timeline& timeline, const SubtitleLimits& limits = {});

enum class CueCut {
  sentence,  // a cue per sentence (cut to the limits) where the times are Tingdu's own
  turn,      // a cue per turn
};

struct CueOptions {
  CueCut by = CueCut::sentence;
  bool split = false;  // also cut turns whose own times last longer than limits.max_seconds
  SubtitleLimits limits;
};

// The episode to write as subtitles. A turn the transcript times itself keeps its cue as the
// author made it: times (unless the listener pinned it elsewhere), text, line breaks, markup
// (and is cut into sentences only when `split` and it lasts too long). Turns
// whose times come from the timeline (estimated, aligned, anchored) get those times, and with
// CueCut::sentence a cue per sentence. Made cues never run into the next cue.
Episode subtitle_episode(const Episode& source, const Timeline& timeline, const CueOptions& options = {});

// An episode whose turns are those cues (only a turn's first cue names its speaker), for
// the SRT and WebVTT writers (writer.h).
Episode cue_episode(const Episode& episode, const std::vector<SubtitleCue>& cues);

}  // namespace tingdu::sync
