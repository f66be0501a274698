// Who speaks when, before any voice is known (internal to sync/): the speech units grouped by
// how they sound, k-means over the mean of each unit's normalised cepstrum. Needs nothing from
// the transcript, so it holds where the transcript's times are wrong (ads inserted, an intro
// cut): the coarse map (coarse_map.h) matches these groups against the speakers of the estimate.
#pragma once

#include <cstddef>
#include <vector>

#include "units.h"
#include "voices.h"

namespace tingdu::sync::align {

// Per unit: its group 0..groups-1, or -1 for a unit with under kClusterMinSpeech of voice
// activity (too little to say how it sounds). Deterministic (a fixed seed for k-means++).
std::vector<int> cluster_units(const Voices& voices, const std::vector<Unit>& units, int groups);

// Seconds of voice activity a unit needs to be grouped.
inline constexpr double kClusterMinSpeech = 0.3;

}  // namespace tingdu::sync::align
