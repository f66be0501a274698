#include "sentence_dp.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tingdu::sync::align {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTemperature = 1.0;  // nats, for the spread of a start

}  // namespace

SentencePlacement place_sentences(const std::vector<Unit>& all, std::size_t first, std::size_t end,
                                  const std::vector<double>& units, const SentenceCues& cues) {
  SentencePlacement out;
  const std::size_t m = units.size(), n = end > first ? end - first : 0;
  if (m == 0 || n < m) return out;
  std::vector<double> speech(n + 1, 0.0);
  for (std::size_t x = 0; x < n; ++x) speech[x + 1] = speech[x] + all[first + x].speech;
  double total_units = 0;
  for (double u : units) total_units += u;
  // Each sentence's expected speech: its share of the turn's (the turn's own pace).
  std::vector<double> expected(m);
  for (std::size_t j = 0; j < m; ++j)
    expected[j] = std::max(0.05, speech[n] * (total_units > 0 ? units[j] / total_units : 1.0 / double(m)));
  auto misfit = [&](std::size_t j, std::size_t a, std::size_t b) { return std::log((speech[b] - speech[a] + 0.05) / expected[j]); };
  const double sigma = cues.length_sigma();
  auto fit = [&](std::size_t j, std::size_t a, std::size_t b) {
    double r = misfit(j, a, b);
    return r * r / (2 * sigma * sigma);
  };
  auto boundary = [&](std::size_t x) { return -cues.pause_reward(all[first + x].pause_before); };  // a sentence starts at unit x (x > 0)
  // Forward: f[j][b], sentences [0, j) over units [0, b). Backward: g[j][a], sentences [j, m)
  // over units [a, n).
  std::vector<std::vector<double>> f(m + 1, std::vector<double>(n + 1, kInf)), g = f;
  std::vector<std::vector<std::size_t>> from(m + 1, std::vector<std::size_t>(n + 1, 0));
  f[0][0] = 0;
  for (std::size_t j = 1; j <= m; ++j)
    for (std::size_t b = j; b + (m - j) <= n; ++b)
      for (std::size_t a = j - 1; a < b; ++a) {
        if (!std::isfinite(f[j - 1][a])) continue;
        double c = f[j - 1][a] + (j > 1 ? boundary(a) : 0.0) + fit(j - 1, a, b);
        if (c < f[j][b]) f[j][b] = c, from[j][b] = a;
      }
  g[m][n] = 0;
  for (std::size_t j = m; j-- > 0;)
    for (std::size_t a = j; a + (m - j) <= n; ++a)
      for (std::size_t b = a + 1; b + (m - j - 1) <= n; ++b) {
        if (!std::isfinite(g[j + 1][b])) continue;
        g[j][a] = std::min(g[j][a], fit(j, a, b) + (j + 1 < m ? boundary(b) : 0.0) + g[j + 1][b]);
      }
  const double best = f[m][n];
  if (!std::isfinite(best)) return out;
  out.ok = true;
  out.first.assign(m, first);
  for (std::size_t j = m, b = n; j > 0; --j) {
    b = from[j][b];
    out.first[j - 1] = first + b;
  }
  out.misfit.assign(m, 0.0);
  for (std::size_t j = 0; j < m; ++j) {
    const std::size_t a = out.first[j] - first, b = j + 1 < m ? out.first[j + 1] - first : n;
    out.misfit[j] = misfit(j, a, b);
  }
  out.sigma.assign(m, 0.0);
  for (std::size_t j = 1; j < m; ++j) {
    const double at = all[out.first[j]].start;
    double weight = 0, spread = 0;
    for (std::size_t a = j; a + (m - j) <= n; ++a) {
      double c = f[j][a] + boundary(a) + g[j][a] - best;
      if (!std::isfinite(c)) continue;
      double p = std::exp(-c / kTemperature);
      double d = all[first + a].start - at;
      weight += p;
      spread += p * d * d;
    }
    out.sigma[j] = weight > 0 ? std::sqrt(spread / weight) : 0.0;
  }
  return out;
}

}  // namespace tingdu::sync::align
