#include "voices.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

namespace tingdu::sync::align {
namespace {

// Runs fn(begin, end) over [0, n) split between the machine's cores (at most kThreads); each
// part writes only its own range, so the result does not depend on the split.
template <class F>
void parallel_for(std::size_t n, F fn) {
  constexpr unsigned kThreads = 4;
  unsigned parts = std::clamp(std::thread::hardware_concurrency(), 1u, kThreads);
  if (n < 4096) parts = 1;
  std::vector<std::thread> threads;
  for (unsigned p = 1; p < parts; ++p) threads.emplace_back(fn, n * p / parts, n * (p + 1) / parts);
  fn(std::size_t(0), n / parts);
  for (auto& t : threads) t.join();
}

void add(Voices::Stats& to, const Voices::Stats& from, int sign) {
  for (std::size_t i = 0; i < to.occupancy.size(); ++i) to.occupancy[i] += sign * from.occupancy[i];
  for (std::size_t i = 0; i < to.first.size(); ++i) to.first[i] += sign * from.first[i];
  to.frames = sign > 0 ? to.frames + from.frames : to.frames - from.frames;
}

// Delta (slope) features over +-kDeltaReach frames, by linear regression (the usual HTK form).
constexpr int kDeltaReach = 2;
// At most this many frames train the background model (a sample spread over the whole file);
// more costs time and does not change a 32-component model.
constexpr std::size_t kBackgroundSample = 60000;
constexpr int kBackgroundIterations = 8;
// MAP relevance factor: how many frames of a speaker a component needs to move halfway
// from the background to them (16 is the customary value).
constexpr double kRelevance = 16;
constexpr std::uint64_t kSeed = 0x7469'6e67'6475ull;  // "tingdu": fixed, so runs agree

}  // namespace

Voices::Voices(const FrameView& frames, const std::atomic<bool>* cancel) : v_(frames), cancel_(cancel), dims_(frames.dims * 2) {
  // Normalisation statistics over voice-active frames.
  std::vector<double> sum(std::size_t(dims_), 0.0), sq(std::size_t(dims_), 0.0);
  mean_.assign(std::size_t(dims_), 0.0f);
  inv_std_.assign(std::size_t(dims_), 1.0f);
  std::vector<float> x(static_cast<std::size_t>(dims_));
  for (std::size_t f = 0; f < v_.frames; ++f) {
    if (!v_.speech[f]) continue;
    ++speech_frames_;
    feature(f, x.data());
    for (std::size_t d = 0; d < x.size(); ++d) {
      sum[d] += x[d];
      sq[d] += double(x[d]) * x[d];
    }
  }
  if (!speech_frames_) return;
  for (std::size_t d = 0; d < x.size(); ++d) {
    double m = sum[d] / double(speech_frames_);
    double var = std::max(1e-8, sq[d] / double(speech_frames_) - m * m);
    mean_[d] = float(m);
    inv_std_[d] = float(1 / std::sqrt(var));
  }
}

void Voices::feature(std::size_t f, float* out) const {
  const int c = v_.dims;
  const float* here = v_.cepstra + f * std::size_t(c);
  for (int d = 0; d < c; ++d) out[d] = here[d];
  // Slopes: sum_k k * (x[f+k] - x[f-k]) / (2 sum_k k^2), clamped at the file's ends.
  constexpr double kNorm = 2.0 * (1 * 1 + 2 * 2);
  for (int d = 0; d < c; ++d) {
    double slope = 0;
    for (int k = 1; k <= kDeltaReach; ++k) {
      std::size_t ahead = std::min(v_.frames - 1, f + std::size_t(k));
      std::size_t behind = f >= std::size_t(k) ? f - std::size_t(k) : 0;
      slope += k * (v_.cepstra[ahead * std::size_t(c) + std::size_t(d)] - v_.cepstra[behind * std::size_t(c) + std::size_t(d)]);
    }
    out[c + d] = float(slope / kNorm);
  }
  for (int d = 0; d < dims_; ++d) out[d] = (out[d] - mean_[std::size_t(d)]) * inv_std_[std::size_t(d)];
}

bool Voices::summary(std::size_t first, std::size_t last, float* out) const {
  const auto D = std::size_t(dims_);
  std::vector<double> sum(D, 0.0), sq(D, 0.0);
  std::vector<float> x(D);
  std::size_t n = 0;
  for (std::size_t f = first; f < std::min(last, v_.frames); ++f) {
    if (!v_.speech[f]) continue;
    ++n;
    feature(f, x.data());
    for (std::size_t d = 0; d < D; ++d) {
      sum[d] += x[d];
      sq[d] += double(x[d]) * x[d];
    }
  }
  if (!n) return false;
  for (std::size_t d = 0; d < D; ++d) {
    double m = sum[d] / double(n);
    out[d] = float(m);
    out[D + d] = float(std::sqrt(std::max(0.0, sq[d] / double(n) - m * m)));
  }
  return true;
}

void Voices::train_background() {
  std::size_t step = std::max<std::size_t>(1, speech_frames_ / kBackgroundSample);
  std::vector<float> data;
  data.reserve(std::min(speech_frames_, kBackgroundSample + 1) * std::size_t(dims_));
  std::vector<float> x(static_cast<std::size_t>(dims_));
  std::size_t seen = 0;
  for (std::size_t f = 0; f < v_.frames; ++f) {
    if (!v_.speech[f]) continue;
    if (seen++ % step) continue;
    feature(f, x.data());
    data.insert(data.end(), x.begin(), x.end());
  }
  background_ =
      Gmm::train(data.data(), data.size() / std::size_t(dims_), dims_, kComponents, kBackgroundIterations, kSeed, cancel_);
  find_top_components();
}

void Voices::find_top_components() {
  const auto K = std::size_t(background_.components());
  top_.assign(v_.frames * kTop, 0);
  top_best_.assign(v_.frames, 0.0f);
  top_drop_.assign(v_.frames * kTop, 0);
  parallel_for(v_.frames, [&](std::size_t begin, std::size_t end) {
    std::vector<float> x(static_cast<std::size_t>(dims_));
    std::vector<double> log_p(K);
    std::array<int, kComponents> order{};
    for (std::size_t f = begin; f < end; ++f) {
      if (cancelled(f)) return;
      if (!v_.speech[f]) continue;
      feature(f, x.data());
      background_.component_log_densities(x.data(), log_p.data());
      for (std::size_t k = 0; k < K; ++k) order[k] = int(k);
      std::partial_sort(order.begin(), order.begin() + kTop, order.begin() + std::ptrdiff_t(K),
                        [&](int a, int b) { return log_p[std::size_t(a)] > log_p[std::size_t(b)]; });
      const double best = log_p[std::size_t(order[0])];
      top_best_[f] = float(best);
      for (int i = 0; i < kTop; ++i) {
        top_[f * kTop + std::size_t(i)] = std::uint8_t(order[std::size_t(i)]);
        double drop = (best - log_p[std::size_t(order[std::size_t(i)])]) / kDropStep;
        top_drop_[f * kTop + std::size_t(i)] = std::uint8_t(std::min(255.0, std::round(drop)));
      }
    }
  });
}

void Voices::accumulate(std::size_t first, std::size_t last, Stats& stats) const {
  const auto K = std::size_t(background_.components()), D = std::size_t(dims_);
  stats.occupancy.resize(K, 0.0);
  stats.first.resize(K * D, 0.0);
  std::vector<float> x(D);
  std::array<double, kTop> log_p{};
  for (std::size_t f = first; f < std::min(last, v_.frames); f += kStride) {
    if (cancelled(f)) return;
    if (!v_.speech[f]) continue;
    ++stats.frames;
    feature(f, x.data());
    // The posteriors of the best components (the others' are negligible).
    top_log_densities(f, log_p);
    double total = Gmm::log_sum(log_p.data(), kTop);
    for (int i = 0; i < kTop; ++i) {
      double post = std::exp(log_p[std::size_t(i)] - total);
      auto k = std::size_t(top_[f * kTop + std::size_t(i)]);
      stats.occupancy[k] += post;
      for (std::size_t d = 0; d < D; ++d) stats.first[k * D + d] += post * x[d];
    }
  }
}

Gmm Voices::speaker_model(const Stats& stats) const {
  return stats.frames * kStride >= kMinFrames ? background_.adapted(stats.occupancy, stats.first, kRelevance) : background_;
}

void Voices::adapt(const std::vector<Turns>& turns) {
  models_.clear();
  for (const Turns& spans : turns) {
    std::vector<Stats> per_turn(spans.size());
    Stats total;
    accumulate(0, 0, total);  // sized, empty
    for (std::size_t t = 0; t < spans.size(); ++t) {
      accumulate(0, 0, per_turn[t]);
      for (auto [a, b] : spans[t]) accumulate(a, b, per_turn[t]);
      add(total, per_turn[t], +1);
    }
    // Leave one turn out: keep a turn's ranges that sound like the speaker's other turns.
    Stats kept;
    accumulate(0, 0, kept);
    for (std::size_t t = 0; t < spans.size(); ++t) {
      Stats others = total;
      add(others, per_turn[t], -1);
      if (others.frames * kStride < kMinFrames) {
        add(kept, per_turn[t], +1);
        continue;
      }
      Gmm without = speaker_model(others);
      for (auto [a, b] : spans[t])
        if (mean_ratio(without, a, b) > kKeepRatio) accumulate(a, b, kept);
    }
    models_.push_back(speaker_model(kept));
  }
}

void Voices::top_log_densities(std::size_t f, std::array<double, kTop>& out) const {
  for (int i = 0; i < kTop; ++i) out[std::size_t(i)] = top_best_[f] - kDropStep * top_drop_[f * kTop + std::size_t(i)];
}

double Voices::ratio(const Gmm& model, const float* x, std::size_t f) const {
  std::array<double, kTop> own{}, base{};
  top_log_densities(f, base);
  for (int i = 0; i < kTop; ++i) own[std::size_t(i)] = model.component_log_density(int(top_[f * kTop + std::size_t(i)]), x);
  return Gmm::log_sum(own.data(), kTop) - Gmm::log_sum(base.data(), kTop);
}

double Voices::mean_ratio(const Gmm& model, std::size_t first, std::size_t last) const {
  std::vector<float> x(static_cast<std::size_t>(dims_));
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t f = first; f < std::min(last, v_.frames); f += kStride) {
    if (cancelled(f)) break;
    if (!v_.speech[f]) continue;
    feature(f, x.data());
    sum += ratio(model, x.data(), f);
    ++n;
  }
  return n ? sum / double(n) : 0.0;
}

std::vector<float> Voices::score() const {
  const std::size_t S = models_.size();
  std::vector<float> out(v_.frames * S, 0.0f);
  parallel_for(v_.frames, [&](std::size_t begin, std::size_t end) {
    std::vector<float> x(static_cast<std::size_t>(dims_));
    for (std::size_t f = begin; f < end; ++f) {
      if (cancelled(f)) return;
      if (!v_.speech[f]) continue;
      feature(f, x.data());
      for (std::size_t s = 0; s < S; ++s) out[f * S + s] = float(ratio(models_[s], x.data(), f));
    }
  });
  return out;
}

}  // namespace tingdu::sync::align
