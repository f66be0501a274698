// Placing a turn's sentences on its speech units (internal to sync/): a sentence's boundary goes
// on a pause, chosen by a small dynamic program that weighs each sentence's speech against its
// share of the turn's text (a log-normal prior) and prefers longer pauses. A translation keeps
// neither every pause nor only pauses at sentence ends, so both terms are soft.
#pragma once

#include <cstddef>
#include <vector>

#include "units.h"

namespace tingdu::sync::align {

struct SentenceWeights {
  double duration_sigma = 0.5;  // of log(speech / expected), looser than a turn's (sentences vary more)
  double pause = 6;             // reward per second of pause at a boundary (up to kPauseCap)
  double cut = 4;               // for a boundary inside speech (no pause)
};

struct SentencePlacement {
  bool ok = false;                 // false: more sentences than units, or nothing to place
  std::vector<std::size_t> first;  // per sentence: its first unit (absolute index)
  std::vector<double> sigma;       // per sentence: spread of its start (seconds); 0 for the first
};

// Sentences with `units` spoken units each, over units [first, end) of `all`.
SentencePlacement place_sentences(const std::vector<Unit>& all, std::size_t first, std::size_t end,
                                  const std::vector<double>& units, const SentenceWeights& w = {});

}  // namespace tingdu::sync::align
