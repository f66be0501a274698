#include "gmm.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tingdu::sync::align {
namespace {

// A small deterministic generator (SplitMix64): the same seed gives the same model on every
// platform, which std:: distributions do not promise.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
};

double squared_distance(const float* a, const float* b, int dims) {
  double d = 0;
  for (int i = 0; i < dims; ++i) d += double(a[i] - b[i]) * (a[i] - b[i]);
  return d;
}

}  // namespace

double Gmm::log_sum(const double* values, int n) {
  double top = -std::numeric_limits<double>::infinity();
  for (int i = 0; i < n; ++i) top = std::max(top, values[i]);
  if (!std::isfinite(top)) return top;
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += std::exp(values[i] - top);
  return top + std::log(sum);
}

void Gmm::refresh() {
  inverse_.resize(variances_.size());
  log_norm_.assign(std::size_t(components_), 0.0);
  for (int c = 0; c < components_; ++c) {
    double log_det = 0;
    for (int d = 0; d < dims_; ++d) {
      std::size_t i = std::size_t(c * dims_ + d);
      inverse_[i] = 1.0f / variances_[i];
      log_det += std::log(2 * M_PI * variances_[i]);
    }
    log_norm_[std::size_t(c)] = std::log(std::max(weights_[std::size_t(c)], 1e-12)) - 0.5 * log_det;
  }
}

double Gmm::component_log_density(int c, const float* x) const {
  const float* mean = means_.data() + std::size_t(c * dims_);
  const float* inv = inverse_.data() + std::size_t(c * dims_);
  double q = 0;
  for (int d = 0; d < dims_; ++d) {
    double diff = x[d] - mean[d];
    q += diff * diff * inv[d];
  }
  return log_norm_[std::size_t(c)] - 0.5 * q;
}

void Gmm::component_log_densities(const float* x, double* out) const {
  for (int c = 0; c < components_; ++c) out[c] = component_log_density(c, x);
}

Gmm Gmm::train(const float* data, std::size_t n, int dims, int components, int iterations, std::uint64_t seed,
               const std::atomic<bool>* cancel) {
  Gmm g;
  g.dims_ = dims;
  g.components_ = components = std::max(1, std::min<int>(components, int(std::max<std::size_t>(n, 1))));
  const auto D = std::size_t(dims), K = std::size_t(components);
  // The data's own variance, for the floor and for components that lose all their frames.
  std::vector<double> mean(D, 0.0), var(D, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t d = 0; d < D; ++d) mean[d] += data[i * D + d];
  for (auto& m : mean) m /= double(std::max<std::size_t>(n, 1));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t d = 0; d < D; ++d) var[d] += (data[i * D + d] - mean[d]) * (data[i * D + d] - mean[d]);
  for (auto& v : var) v = std::max(v / double(std::max<std::size_t>(n, 1)), 1e-6);

  // k-means++ seeds.
  Random rng{seed};
  g.means_.assign(K * D, 0.0f);
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  std::size_t pick = n ? std::size_t(rng.next() % n) : 0;
  for (std::size_t k = 0; k < K; ++k) {
    if (n) std::copy(data + pick * D, data + pick * D + D, g.means_.begin() + std::ptrdiff_t(k * D));
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      nearest[i] = std::min(nearest[i], squared_distance(data + i * D, g.means_.data() + k * D, dims));
      total += nearest[i];
    }
    double r = rng.uniform() * total;
    for (pick = 0; pick + 1 < n && (r -= nearest[pick]) > 0; ++pick) {
    }
  }
  g.weights_.assign(K, 1.0 / double(K));
  g.variances_.assign(K * D, 0.0f);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t d = 0; d < D; ++d) g.variances_[k * D + d] = float(var[d]);
  g.refresh();

  std::vector<double> log_p(K), occupancy(K), first(K * D), second(K * D);
  for (int it = 0; it < iterations && n > 0; ++it) {
    std::fill(occupancy.begin(), occupancy.end(), 0.0);
    std::fill(first.begin(), first.end(), 0.0);
    std::fill(second.begin(), second.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (i % 4096 == 0 && cancel && cancel->load(std::memory_order_relaxed)) return g;
      const float* x = data + i * D;
      g.component_log_densities(x, log_p.data());
      double total = log_sum(log_p.data(), components);
      for (std::size_t k = 0; k < K; ++k) {
        double post = std::exp(log_p[k] - total);
        if (post < 1e-6) continue;
        occupancy[k] += post;
        for (std::size_t d = 0; d < D; ++d) {
          first[k * D + d] += post * x[d];
          second[k * D + d] += post * double(x[d]) * x[d];
        }
      }
    }
    for (std::size_t k = 0; k < K; ++k) {
      if (occupancy[k] < 1e-3) {  // an empty component restarts on a random frame
        std::size_t at = std::size_t(rng.next() % n);
        std::copy(data + at * D, data + at * D + D, g.means_.begin() + std::ptrdiff_t(k * D));
        for (std::size_t d = 0; d < D; ++d) g.variances_[k * D + d] = float(var[d]);
        g.weights_[k] = 1e-3;
        continue;
      }
      g.weights_[k] = occupancy[k] / double(n);
      for (std::size_t d = 0; d < D; ++d) {
        double m = first[k * D + d] / occupancy[k];
        double v = second[k * D + d] / occupancy[k] - m * m;
        g.means_[k * D + d] = float(m);
        g.variances_[k * D + d] = float(std::max(v, kVarianceFloor * var[d]));
      }
    }
    g.refresh();
  }
  return g;
}

Gmm Gmm::adapted(const std::vector<double>& occupancy, const std::vector<double>& first_moment, double relevance) const {
  Gmm g = *this;
  const auto D = std::size_t(dims_), K = std::size_t(components_);
  double frames = 0;
  for (double n : occupancy) frames += n;
  if (frames <= 0) return g;
  double total = 0;
  for (std::size_t k = 0; k < K; ++k) {
    double n = occupancy[k];
    double alpha = n / (n + relevance);
    g.weights_[k] = alpha * n / frames + (1 - alpha) * weights_[k];
    total += g.weights_[k];
    if (n <= 0) continue;
    for (std::size_t d = 0; d < D; ++d)
      g.means_[k * D + d] = float(alpha * first_moment[k * D + d] / n + (1 - alpha) * means_[k * D + d]);
  }
  for (auto& w : g.weights_) w /= total;
  g.refresh();
  return g;
}

}  // namespace tingdu::sync::align
