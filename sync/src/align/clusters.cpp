#include "clusters.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>

namespace tingdu::sync::align {
namespace {

constexpr int kIterations = 25;
constexpr std::uint32_t kSeed = 20261202;

double distance(const float* a, const float* b, std::size_t dims) {
  double sum = 0;
  for (std::size_t d = 0; d < dims; ++d) sum += double(a[d] - b[d]) * double(a[d] - b[d]);
  return sum;
}

}  // namespace

std::vector<int> cluster_units(const Voices& voices, const std::vector<Unit>& units, int groups) {
  std::vector<int> label(units.size(), -1);
  // Only the cepstrum's means (the first half of a feature, the second is its slope, which
  // averages out over a second): they say most about a voice and least about what is said.
  const auto all = std::size_t(voices.dims()), dims = all / 2;
  std::vector<float> summary(2 * all), points;
  std::vector<std::size_t> which;  // point -> unit
  std::vector<double> weight;      // seconds of speech
  for (std::size_t x = 0; x < units.size(); ++x) {
    if (units[x].speech < kClusterMinSpeech || !voices.summary(units[x].first, units[x].last, summary.data())) continue;
    points.insert(points.end(), summary.begin(), summary.begin() + std::ptrdiff_t(dims));
    which.push_back(x);
    weight.push_back(units[x].speech);
  }
  const std::size_t n = which.size(), k = std::size_t(std::max(1, groups));
  if (n < k) return label;
  auto point = [&](std::size_t i) { return points.data() + i * dims; };
  // k-means++: each next centre drawn in proportion to its squared distance from the nearest.
  std::mt19937 rng(kSeed);
  auto unit_draw = [&] { return double(rng()) / 4294967296.0; };
  std::vector<float> centres;
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  std::size_t first = std::size_t(std::max_element(weight.begin(), weight.end()) - weight.begin());
  centres.insert(centres.end(), point(first), point(first) + dims);
  while (centres.size() < k * dims) {
    const float* last = centres.data() + centres.size() - dims;
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      nearest[i] = std::min(nearest[i], distance(point(i), last, dims));
      total += nearest[i] * weight[i];
    }
    double pick = unit_draw() * total;
    std::size_t chosen = n - 1;
    for (std::size_t i = 0; i < n; ++i)
      if ((pick -= nearest[i] * weight[i]) <= 0) {
        chosen = i;
        break;
      }
    centres.insert(centres.end(), point(chosen), point(chosen) + dims);
  }
  std::vector<int> assigned(n, -1);
  for (int it = 0; it < kIterations; ++it) {
    bool moved = false;
    for (std::size_t i = 0; i < n; ++i) {
      int best = 0;
      double best_d = std::numeric_limits<double>::infinity();
      for (std::size_t c = 0; c < k; ++c)
        if (double d = distance(point(i), centres.data() + c * dims, dims); d < best_d) best_d = d, best = int(c);
      moved |= best != assigned[i];
      assigned[i] = best;
    }
    if (!moved) break;
    std::vector<double> sum(k * dims, 0.0), mass(k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      auto c = std::size_t(assigned[i]);
      mass[c] += weight[i];
      for (std::size_t d = 0; d < dims; ++d) sum[c * dims + d] += weight[i] * point(i)[d];
    }
    for (std::size_t c = 0; c < k; ++c)
      if (mass[c] > 0)
        for (std::size_t d = 0; d < dims; ++d) centres[c * dims + d] = float(sum[c * dims + d] / mass[c]);
  }
  for (std::size_t i = 0; i < n; ++i) label[which[i]] = assigned[i];
  return label;
}

}  // namespace tingdu::sync::align
