// Diagonal-covariance Gaussian mixture models over feature vectors (internal to sync/): the
// background model of all speech, and per-speaker models adapted from it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tingdu::sync::align {

class Gmm {
 public:
  int components() const { return components_; }
  int dims() const { return dims_; }

  // Trains on `n` rows of `data` (n x dims, row-major) by EM from a k-means++ start; the same
  // data and seed give the same model. Variances are floored (kVarianceFloor of the data's).
  // `cancel` (may be null) stops it early between rows (the model is then to be thrown away).
  static Gmm train(const float* data, std::size_t n, int dims, int components, int iterations, std::uint64_t seed,
                   const std::atomic<bool>* cancel = nullptr);

  // log of each component's weighted density at x (`out` has components() entries).
  void component_log_densities(const float* x, double* out) const;
  // log p(x) from component_log_densities' output.
  static double log_sum(const double* values, int n);

  // MAP adaptation of the means and weights (Reynolds et al., 2000): given the sufficient
  // statistics of a speaker's frames under this model (per component: occupancy and first
  // moment), each mean and weight moves toward the speaker's by occupancy / (occupancy +
  // relevance). Adapting the weights too matters here: the parts of the background no speaker
  // uses (another voice, music) lose weight, so such sounds score below the background for every
  // speaker instead of level with it.
  Gmm adapted(const std::vector<double>& occupancy, const std::vector<double>& first_moment, double relevance) const;

  // log of component c's weighted density at x.
  double component_log_density(int c, const float* x) const;

  static constexpr double kVarianceFloor = 0.01;

 private:
  void refresh();  // derives the cached log terms from weights, means and variances

  int components_ = 0, dims_ = 0;
  std::vector<double> weights_;
  std::vector<float> means_;      // components x dims
  std::vector<float> variances_;  // components x dims
  std::vector<float> inverse_;    // 1 / variance
  std::vector<double> log_norm_;  // log weight - 0.5 * sum(log(2 pi var))
};

}  // namespace tingdu::sync::align
