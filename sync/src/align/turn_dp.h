// Placing a known sequence of turns on speech units by dynamic programming (internal to sync/):
// the segmentation of the units into consecutive turns, with stretches no turn claims
// ("nobody") allowed between them, that costs least. See alignment.h for the terms.
//
// Costs are in nats (natural-log units). Forward and backward passes both run, so for every
// turn the cheapest complete placement that starts it at each unit of its band is known: the
// spread of those costs is the turn's confidence.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "units.h"

namespace tingdu::sync::align {

struct DpTurn {
  int speaker = 0;                    // index into the per-unit scores
  double expected_speech = 1;         // seconds of voice activity its text should take
  std::size_t lo = 0, hi = 0;         // it may start at units [lo, hi] (span-local indices)
  std::optional<double> chapter_time; // the outline's start time when it opens a chapter
};

struct DpWeights {
  // Tuned on conversations of real recorded voices (tests/tools/make_conversation).
  double score = 0.08;          // per frame of log-likelihood ratio (frames are not independent)
  double duration_sigma = 0.35; // of log(speech / expected speech)
  // Speech given to nobody earns this log-likelihood ratio per frame (weighted like `score`):
  // a stretch whose frames sound no more like the turn's speaker than that (music, a clip,
  // another voice: all near 0) is better left to nobody.
  double nobody_llr = 0.0;
  double nobody_open = 8;       // for each stretch given to nobody
  double cut = 3;               // for a boundary inside speech (no pause)
  double same_speaker_pause = 8;// reward per second of pause (up to 1.5 s) at a boundary between
                                // two turns of one speaker: only the pause tells them apart
  double chapter_per_second = 0.35; // pull toward a chapter's outline time, beyond kChapterSlack
};

struct DpProblem {
  const std::vector<Unit>* units = nullptr;
  std::size_t first_unit = 0, end_unit = 0;  // the span: units [first_unit, end_unit)
  const std::vector<float>* unit_scores = nullptr;  // per unit x speakers: sum of frame LLRs
  std::size_t speakers = 0;
  double frame_seconds = 0.01;        // of the frames whose scores the units sum
  std::vector<DpTurn> turns;          // in order; lo/hi relative to first_unit
  bool first_turn_fixed = false;      // the first turn starts at the span's first unit (an anchor)
  DpWeights weights;
};

struct DpPlacement {
  std::size_t start = 0, end = 0;  // the turn's units [start, end), span-local
  // Cost of the best complete placement starting the turn at each unit of its band, less the
  // best overall (so the chosen start has 0): index u - band_lo.
  std::vector<double> start_costs;
  std::size_t band_lo = 0;
};

struct DpResult {
  bool ok = false;                        // false: no placement fits the bands
  std::vector<DpPlacement> turns;
  std::vector<int> owner;                 // per span unit: the turn that claims it, -1 nobody
  double cost = 0;
};

DpResult place_turns(const DpProblem& problem);

}  // namespace tingdu::sync::align
