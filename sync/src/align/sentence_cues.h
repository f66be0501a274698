// What tells one speaker's sentences apart in their speech (internal to sync/): how much a pause
// says about a sentence starting after it, and how closely a sentence's length of speech follows
// its share of the turn's text. Speakers differ: one pauses only between sentences, another as
// long inside a phrase as between phrases; a synthetic voice keeps its pace to a few percent, a
// person doesn't. So one set of weights for all misleads on some of them.
//
// The cues start as a prior (a pause reward growing with the pause up to a second, a cost for a
// boundary inside speech; lengths within a factor e^0.5) and are then learnt from a first
// placement of the speaker's sentences: the pauses that placement put sentence starts on against
// the pauses inside its sentences, as a log-likelihood ratio per length bin (capped by the prior:
// learning only ever lowers a pause's reward), and the spread of its sentences' lengths.
#pragma once

#include <array>
#include <cstddef>

namespace tingdu::sync::align {

class SentenceCues {
 public:
  // The prior.
  SentenceCues() = default;

  // Nats in favour of a sentence starting after `pause` seconds of silence (0: a cut inside
  // speech). Only differences between pauses matter: the DP places a fixed number of starts.
  // Never decreasing in `pause`.
  double pause_reward(double pause) const;
  // The spread of log(a sentence's speech / its share of the turn's speech by text).
  double length_sigma() const { return length_sigma_; }

  // From a first placement: a pause inside a turn, a sentence start or not.
  void count_pause(double pause, bool starts_sentence);
  // From a first placement: a sentence's log(speech / its share).
  void count_length(double misfit);
  // The cues the counts say, or the prior when they are too few (under 20 sentence starts).
  SentenceCues learnt() const;

 private:
  static constexpr std::size_t kBins = 8;  // a cut, then pauses by length (sentence_cues.cpp)
  static std::size_t bin(double pause);
  bool learnt_ = false;
  std::array<double, kBins> reward_{};             // nats per bin, once learnt
  double length_sigma_ = 0.5;                      // the prior's, or learnt
  std::array<double, kBins> starts_{}, inside_{};  // pause counts per bin
  double misfit_squares_ = 0, lengths_ = 0;        // sum of squared misfits, and their count
};

}  // namespace tingdu::sync::align
