#include "sentence_cues.h"

#include <algorithm>
#include <cmath>

namespace tingdu::sync::align {
namespace {

// Upper edges of the bins after the first (a cut, no pause), seconds.
constexpr std::array<double, 6> kEdges{0.08, 0.15, 0.25, 0.4, 0.6, 1.0};
// The prior: per second of pause (up to kPriorCap), and for a cut.
constexpr double kPriorPerSecond = 6, kPriorCap = 1.0, kPriorCut = -4;
// Fewer sentence starts than this (of one speaker) leave the prior in place.
constexpr double kLeastStarts = 20;
// Added to every bin's count of both kinds, so an empty bin says little.
constexpr double kPseudoCount = 1;
// No speaker's lengths are trusted closer than this, not even a synthetic voice's: the first
// placement chose its boundaries partly by length, so its spread understates the real one.
constexpr double kLeastLengthSigma = 0.1;

}  // namespace

std::size_t SentenceCues::bin(double pause) {
  if (pause <= 0) return 0;
  std::size_t b = 1;
  while (b - 1 < kEdges.size() && pause > kEdges[b - 1]) ++b;
  return b;
}

double SentenceCues::pause_reward(double pause) const {
  // Never more than the prior says: the counts come from a placement the prior made, which put
  // starts on long pauses, so they confirm its preference more than the speech does (learnt
  // from the narration, they would overrule the sentences' lengths). What they can show is a
  // speaker whose pauses mean less than the prior thinks.
  const double prior = pause > 0 ? kPriorPerSecond * std::min(pause, kPriorCap) : kPriorCut;
  return learnt_ ? std::min(prior, reward_[bin(pause)]) : prior;
}

void SentenceCues::count_pause(double pause, bool starts_sentence) { (starts_sentence ? starts_ : inside_)[bin(pause)] += 1; }

void SentenceCues::count_length(double misfit) {
  misfit_squares_ += misfit * misfit;
  lengths_ += 1;
}

SentenceCues SentenceCues::learnt() const {
  double starts = 0, inside = 0;
  for (std::size_t b = 0; b < kBins; ++b) starts += starts_[b], inside += inside_[b];
  if (starts < kLeastStarts || lengths_ <= 0) return *this;
  SentenceCues out;
  out.learnt_ = true;
  const double smooth = kPseudoCount * double(kBins);
  for (std::size_t b = 0; b < kBins; ++b)
    out.reward_[b] = std::log((starts_[b] + kPseudoCount) / (starts + smooth)) -
                     std::log((inside_[b] + kPseudoCount) / (inside + smooth));
  // A longer pause is never less of a sign: a bin with few pauses (one of long pauses that a
  // speaker seldom makes) must not undercut the shorter ones.
  for (std::size_t b = 1; b < kBins; ++b) out.reward_[b] = std::max(out.reward_[b], out.reward_[b - 1]);
  out.length_sigma_ = std::max(kLeastLengthSigma, std::sqrt(misfit_squares_ / lengths_));
  return out;
}

}  // namespace tingdu::sync::align
