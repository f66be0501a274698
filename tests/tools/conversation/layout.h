// Where every sound of a conversation goes, in samples, and so its truth; and the rendering of
// a layout to audio.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "common.h"
#include "plan.h"

namespace conv {

struct Span {
  std::int64_t start, end;  // samples, [start, end)
};

struct Clip {
  std::int64_t at;
  std::span<const float> sound;
};

// A stretch of the audio no turn of the transcript covers.
struct Untranscribed {
  Span span;         // its first and last sounding samples
  std::string kind;  // "music", "aside" (the master's), "ad", "preroll" (the listener's cut)
};

struct Layout {
  std::vector<Clip> clips;
  std::vector<Span> turns;
  std::vector<std::vector<Span>> sentences;  // by turn
  std::vector<bool> heard;                   // by turn: false when a cut left it out of the audio
  std::vector<Untranscribed> untranscribed;  // in time order
  std::int64_t length = 0;
};

// The master: turns one after another (a backchannel over the end of the turn before), the
// stretch before its turn, a second of noise after the last.
Layout lay_out(const std::vector<Turn>& turns, const std::optional<Stretch>& stretch, int rate);

// The true chapter starts, in samples: the first speech of each chapter's first turn.
std::vector<std::int64_t> chapter_starts(const std::vector<Turn>& turns, const Layout& layout);

// The outline's times, as an editor might write them: whole seconds, up to ±jitter from the true
// starts, never negative and still in order.
std::vector<std::int64_t> outline_times(const std::vector<std::int64_t>& starts, int rate, double jitter, Rng& rng);

// The clips mixed (summed: a backchannel overlaps), with `bed` (music, may be empty) under all of
// it, over a lowpassed white-noise floor at `noise_db` dBFS.
Samples render(const Layout& layout, const Samples& bed, double noise_db, Rng& rng);

}  // namespace conv
