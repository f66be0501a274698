// Placing a turn's sentences on its speech units (internal to sync/): a sentence's boundary goes
// on a pause, chosen by a small dynamic program that weighs each sentence's speech against its
// share of the turn's text (a log-normal prior) and prefers pauses, each weighted as its
// speaker's cues say (sentence_cues.h).
// A translation keeps neither every pause nor only pauses at sentence ends, so both terms are soft.
#pragma once

#include <cstddef>
#include <vector>

#include "sentence_cues.h"
#include "units.h"

namespace tingdu::sync::align {

struct SentencePlacement {
  bool ok = false;                 // false: more sentences than units, or nothing to place
  std::vector<std::size_t> first;  // per sentence: its first unit (absolute index)
  std::vector<double> sigma;       // per sentence: spread of its start (seconds); 0 for the first
  std::vector<double> misfit;      // per sentence: log(its speech / its share of the turn's by text)
};

// Sentences with `units` spoken units each, over units [first, end) of `all`, by a speaker whose
// speech `cues` describes.
SentencePlacement place_sentences(const std::vector<Unit>& all, std::size_t first, std::size_t end,
                                  const std::vector<double>& units, const SentenceCues& cues);

}  // namespace tingdu::sync::align
