// The coarse map (internal to sync/): how the audio's timeline differs from the transcript's
// (the estimate from the chapter stamps), found before any turn is placed. Real files differ from
// the cut the stamps were taken from: a pre-roll or ads inserted (dynamic ad insertion), an
// intro cut out. Both timelines become a low-rate signal of who speaks: the estimate's speaker
// per bin, and per audio bin how much of it each group of units (clusters.h) fills. A global
// alignment of the two with affine gaps (Gotoh's) finds the map: matched bins, cheap short gaps
// for the estimate's own drift, and long gaps for stretches the transcript lacks (inserted) or
// the audio lacks (removed). Which group is which speaker is learnt on the way: first at the
// best single offset, then on the first alignment's matches.
//
// Cost: (audio bins) x (offsets searched) cells, a byte each; the bin grows with the audio's
// length so that this stays under kMaxCells.
#pragma once

#include <cstddef>
#include <vector>

namespace tingdu::sync::align {

struct CoarseSignal {
  double bin = 1;              // seconds per bin, both timelines
  std::vector<int> estimate;   // per transcript bin: the estimate's speaker there, -1 for none
  std::vector<float> audio;    // per audio bin x groups: the share of the bin that is speech of each group
  int speakers = 0, groups = 0;
};

struct CoarseStretch {
  double start = 0, end = 0;  // seconds
};

struct CoarseMap {
  bool found = false;            // false: the signals did not agree enough to trust a map
  double bin = 1;
  std::vector<double> audio_of;  // per transcript bin: where it starts in the audio (s); NaN: removed
  std::vector<CoarseStretch> inserted;  // audio the transcript lacks (long gaps of the alignment)
  std::vector<CoarseStretch> removed;   // transcript time the audio lacks
  // How well the matched bins agree: the similarity gained over the matched speech, as a share
  // of the most it could be (0: no better than chance, 1: every group a speaker's alone).
  double agreement = 0;
  // True when a stretch was inserted or removed before the end of either timeline: the audio's
  // timeline is not the stamps' (an audio that only ends early or late is the same cut).
  bool moves = false;

  // Audio seconds for transcript seconds: NaN inside a removed stretch; unchanged when !found.
  double to_audio(double transcript_seconds) const;
};

// `long_gap`: what a second of a long gap costs (in similarity units; see kLongGapCosts). Offsets
// searched: up to `max_offset` seconds either way at the start, more as the audio is longer (up
// to `insert_share` of it inserted, as much of the transcript removed).
CoarseMap find_coarse_map(const CoarseSignal& signal, double long_gap, double max_offset = 600, double insert_share = 0.2);

// The costs a second of a long gap that the aligner tries, keeping the map that agrees best once
// the voices are learnt on it: the right one for a file lies anywhere from 0.1 to 0.25 (lower lets
// a map slip two turns on a long file; higher keeps a long ad in as drift), and a wrong map agrees
// far less (0.45-0.55 against 0.75-0.8 on the test conversations).
inline constexpr double kLongGapCosts[] = {0.15, 0.1, 0.22};
// A map that moves nothing and agrees at least this well settles it: no other cost is tried.
inline constexpr double kSettledAgreement = 0.6;

// The bin for audio of `seconds` (a second, or more for long audio: see kMaxCells).
double coarse_bin(double seconds, double max_offset = 600, double insert_share = 0.2);

}  // namespace tingdu::sync::align
