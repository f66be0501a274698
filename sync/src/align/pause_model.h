// What a pause says about a sentence starting after it, per speaker (internal to sync/). Speakers
// differ: one pauses only between sentences, another as long inside a phrase as between phrases,
// so one weight for all pauses misleads on one of them. The model starts as a prior (a reward
// growing with the pause up to a second, a cost for a boundary inside speech) and is then learnt
// from a first placement of the sentences: the pauses that placement put sentence starts on,
// against the pauses inside its sentences, as a log-likelihood ratio per length bin, capped by
// the prior (learning only ever lowers a reward).
#pragma once

#include <array>
#include <cstddef>

namespace tingdu::sync::align {

class PauseModel {
 public:
  // The prior (the sentence DP's weights before anything is learnt).
  PauseModel() = default;

  // Nats in favour of a sentence starting after `pause` seconds of silence (0: a cut inside
  // speech). Only differences between pauses matter: the DP places a fixed number of starts.
  double reward(double pause) const;

  // A pause inside a turn, seen in a first placement: a sentence start or not.
  void count(double pause, bool starts_sentence);
  // The model the counts say, or the prior when they are too few (under 20 starts) to say it.
  PauseModel learnt() const;

 private:
  static constexpr std::size_t kBins = 8;  // a cut, then pauses by length (pause_model.cpp)
  static std::size_t bin(double pause);
  bool learnt_ = false;
  std::array<double, kBins> reward_{};  // nats per bin, once learnt
  std::array<double, kBins> starts_{}, inside_{};  // counts per bin
};

}  // namespace tingdu::sync::align
