// Voice activity from frame energies (see analysis.h): the threshold follows the recording, so
// a quiet room, a noise floor and a loud stretch are all judged against their own surroundings.
#include <algorithm>
#include <cmath>
#include <vector>

#include "media/analysis.h"

namespace tingdu::media {
namespace {

constexpr std::size_t kBlock = 100;       // frames per block of statistics (1 s)
constexpr std::size_t kFloorReach = 5;    // blocks either side for the floor: a 10 s window
constexpr std::size_t kLevelReach = 15;   // blocks either side for the speech level: 30 s
// Where between the floor and the speech level the threshold sits, and its bounds above the
// floor: 6 dB is clear of a noise floor's own flutter (25 ms frames vary by 1-2 dB); more
// than 25 dB would lose soft consonants and trailing syllables.
constexpr float kShare = 0.3f, kMinMargin = 6, kMaxMargin = 25;
// A frame this far below the local speech level is a pause whatever the floor: where the floor
// is digital silence (kFloorDb, synthetic or gated audio) floor + kMaxMargin sits under a
// pause's fading tail (-60..-75 dBFS), and the short pauses that end sentences were lost.
constexpr float kMaxBelowLevel = 40;
// Below this spread between level and floor there is no speech nearby (noise or silence).
constexpr float kMinContrast = 10;
constexpr std::size_t kMinRun = 4;  // speech runs shorter than 40 ms are clicks
constexpr std::size_t kMinGap = 6;  // gaps shorter than 60 ms are inside a word

float percentile(std::vector<float> v, double q) {
  if (v.empty()) return AudioFeatures::kFloorDb;
  auto k = std::size_t(q * double(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
  return v[k];
}

// Drops runs of `value` shorter than `min` (setting them to the other value).
void drop_short_runs(std::vector<std::uint8_t>& s, std::uint8_t value, std::size_t min) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != value) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] == value) ++j;
    bool inner = value == 1 || (i > 0 && j < s.size());  // gaps only between speech
    if (j - i < min && inner) std::fill(s.begin() + std::ptrdiff_t(i), s.begin() + std::ptrdiff_t(j), std::uint8_t(1 - value));
    i = j;
  }
}

}  // namespace

float detect_voice_activity(const std::vector<float>& energy, std::vector<std::uint8_t>& speech) {
  const std::size_t n = energy.size();
  speech.assign(n, 0);
  if (n == 0) return AudioFeatures::kFloorDb;
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<float> low(blocks), high(blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    std::vector<float> v(energy.begin() + std::ptrdiff_t(b * kBlock),
                         energy.begin() + std::ptrdiff_t(std::min(n, (b + 1) * kBlock)));
    low[b] = percentile(v, 0.1);
    high[b] = percentile(v, 0.9);
  }
  std::vector<float> threshold(blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    float floor = low[b], level = high[b];
    for (std::size_t k = b >= kFloorReach ? b - kFloorReach : 0; k < std::min(blocks, b + kFloorReach + 1); ++k)
      floor = std::min(floor, low[k]);
    for (std::size_t k = b >= kLevelReach ? b - kLevelReach : 0; k < std::min(blocks, b + kLevelReach + 1); ++k)
      level = std::max(level, high[k]);
    float contrast = level - floor;
    threshold[b] = contrast < kMinContrast
                       ? level + 1
                       : std::max(floor + std::clamp(kShare * contrast, kMinMargin, kMaxMargin), level - kMaxBelowLevel);
  }
  for (std::size_t i = 0; i < n; ++i) {
    // Between block centres the threshold is interpolated, so it has no steps.
    double x = (double(i) + 0.5) / kBlock - 0.5;
    auto b0 = std::size_t(std::clamp(std::floor(x), 0.0, double(blocks - 1)));
    std::size_t b1 = std::min(blocks - 1, b0 + 1);
    double w = std::clamp(x - double(b0), 0.0, 1.0);
    float t = float((1 - w) * threshold[b0] + w * threshold[b1]);
    speech[i] = energy[i] > t;
  }
  drop_short_runs(speech, 1, kMinRun);
  drop_short_runs(speech, 0, kMinGap);
  return percentile(low, 0.5);
}

}  // namespace tingdu::media
