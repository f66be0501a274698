// Speech units: the pieces of audio the alignment places turns on (internal to sync/). A unit
// is a stretch of voice activity between pauses; a long stretch is cut at its quietest frames
// into pieces of about a second, so a turn can change inside speech that has no pause (a quick
// reply, crosstalk) at a second's resolution, and where its level drops for good.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sync/alignment.h"

namespace tingdu::sync::align {

struct Unit {
  std::size_t first = 0, last = 0;  // frames [first, last)
  double start = 0, end = 0;        // seconds
  double pause_before = 0;          // seconds of silence before it; 0 when cut inside speech
  double speech = 0;                // seconds of voice activity in it
};

// Units in time order. `cuts` (seconds, sorted): also cut there (anchor times, level drops), so
// no unit straddles one.
std::vector<Unit> make_units(const FrameView& frames, const std::vector<double>& cuts = {});

// Where speech runs on at once into a much quieter sound that lasts (a word run straight into
// laughter or a music bed): seconds, sorted, each inside a stretch of voice activity. The turns
// are placed on units cut there too; the coarse map wants the plain pieces (a few cuts more move
// its clusters).
std::vector<double> level_drops(const FrameView& frames);

// Index of the first unit starting at or after `seconds` (units.size() when none).
std::size_t unit_at_or_after(const std::vector<Unit>& units, double seconds);

}  // namespace tingdu::sync::align
