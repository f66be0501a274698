// A playhead moved to a start reads back up to half an audio frame before it (the player seeks
// to whole frames: 10 µs at 48 kHz): within kAtStart of a turn's or sentence's start, it is at
// that start. Shorter than any sentence.
#pragma once

namespace tingdu::ui {

inline constexpr double kAtStart = 1e-3;  // seconds

}  // namespace tingdu::ui
