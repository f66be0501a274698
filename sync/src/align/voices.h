// Telling the transcript's speakers apart by their voices (internal to sync/): per-frame
// features (the cepstrum and its slope over time, normalised over the file's speech), a
// background model of all speech, and each speaker's model adapted from it on frames believed
// to be theirs. Scores are log-likelihood ratios against the background: above 0, the frame
// sounds more like that speaker than like speech in general.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <utility>
#include <vector>

#include "gmm.h"
#include "sync/alignment.h"

namespace tingdu::sync::align {

class Voices {
 public:
  static constexpr int kComponents = 64;  // background mixture size (a few minutes of speech suffice)
  static constexpr int kTop = 8;
  static_assert(kComponents <= 256, "top_ keeps component indices in a byte");          // speaker models are scored on the background's best few

  // `cancel` (may be null) is polled in the long passes over the frames, which then end early
  // (their results are to be thrown away).
  Voices(const FrameView& frames, const std::atomic<bool>* cancel);
  int dims() const { return dims_; }
  bool has_speech() const { return speech_frames_ > 0; }

  // Trains the background model on the file's speech (a sample of it).
  void train_background();
  // One speaker's frames believed theirs, turn by turn: each turn's frame ranges [first, last).
  using Turns = std::vector<std::vector<std::pair<std::size_t, std::size_t>>>;
  // (Re)adapts the speakers' models, speaker s from the voice-active frames of turns[s]. A
  // range that sounds unlike the speaker's other turns (scored by a model adapted without its
  // turn) is left out: something the transcript doesn't have (music, another voice) can't become
  // a speaker's voice just because an estimate put it inside one of their turns. A speaker with
  // too few frames keeps the background model.
  void adapt(const std::vector<Turns>& turns);
  // Per frame, per speaker (frames x speakers): log-likelihood ratio against the background;
  // 0 for frames without voice activity.
  std::vector<float> score() const;
  std::size_t speakers() const { return models_.size(); }

  // A stretch's sound in brief: the mean and the spread of its voice-active frames' features
  // (2 x dims() numbers), for grouping stretches that sound alike. False when it has none.
  bool summary(std::size_t first, std::size_t last, float* out) const;

  // Frames of speech a speaker needs before its model moves away from the background.
  static constexpr std::size_t kMinFrames = 300;
  // Adaptation reads every kStride-th frame (neighbouring frames say nearly the same).
  static constexpr std::size_t kStride = 2;
  // A range is kept for its speaker when it scores above this (mean log-likelihood ratio per
  // frame) under a model of the speaker's other turns: music or another voice scores well
  // below; the speaker's own sounds that the other turns happen to lack score around 0, and
  // must stay (dropping them starves a speaker who says little).
  static constexpr double kKeepRatio = -0.5;
  // Sufficient statistics of frames under the background model (occupancy and first moment per
  // component), for MAP adaptation.
  struct Stats {
    std::vector<double> occupancy, first;
    std::size_t frames = 0;
  };

 private:
  void feature(std::size_t frame, float* out) const;  // the normalised feature vector of a frame

  void accumulate(std::size_t first, std::size_t last, Stats& stats) const;
  // The mean log-likelihood ratio of `model` against the background over a range's speech.
  double mean_ratio(const Gmm& model, std::size_t first, std::size_t last) const;
  Gmm speaker_model(const Stats& stats) const;
  // Top-C scoring: a model's log-likelihood ratio against the background over the background's
  // best kTop components for frame f (found once, after training: top_).
  double ratio(const Gmm& model, const float* x, std::size_t f) const;
  // Fills top_ and top_log_, in parallel over the frames.
  void find_top_components();

  bool cancelled(std::size_t frame) const {
    return frame % kCancelCheck == 0 && cancel_ && cancel_->load(std::memory_order_relaxed);
  }
  static constexpr std::size_t kCancelCheck = 8192;  // frames between looks at `cancel_` (~10 ms of work)

  const FrameView& v_;
  const std::atomic<bool>* cancel_;
  int dims_ = 0;
  std::size_t speech_frames_ = 0;
  std::vector<float> mean_, inv_std_;  // per feature dimension, over speech frames
  Gmm background_;
  // Per frame (voice-active ones only filled), the background's best kTop components and their
  // log densities: everything after training looks only at these (Reynolds' top-C scoring). The
  // densities are kept as the best one and how far below it each other lies, in steps of
  // kDropStep nats (a byte each: 3.5 h of frames then take 14 MB, not 40).
  std::vector<std::uint8_t> top_;  // frames x kTop component indices
  std::vector<float> top_best_;    // frames: log density of the best
  std::vector<std::uint8_t> top_drop_;  // frames x kTop: (best - log density) / kDropStep
  static constexpr double kDropStep = 0.05;  // below 255 steps (12.75 nats) a posterior is < 3e-6
  void top_log_densities(std::size_t f, std::array<double, kTop>& out) const;
  std::vector<Gmm> models_;
};

}  // namespace tingdu::sync::align
