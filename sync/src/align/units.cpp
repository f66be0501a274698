#include "units.h"

#include <algorithm>

namespace tingdu::sync::align {
namespace {

// Stretches of speech longer than this are cut, at the quietest frame in the window around each
// kTarget seconds: about a second per unit keeps the search small and a boundary inside speech
// within half a second of the true change.
constexpr double kLongest = 1.6, kTarget = 1.0, kWindow = 0.3;

// Speech with no pause can still run on at once into a much quieter sound: a short reply run
// straight into laughter or a music bed. Where the median level of the kLevelWindow seconds
// after a frame is kLevelDrop dB or more below that of the kLevelWindow seconds before it, and
// the kLevelHold seconds after stay that far below, the stretch is cut there too (at the deepest
// drop within a window), so that a turn of a word need not share its unit with what follows.
// Medians, not means: a syllable's peak or a stop's dip moves neither; and only a drop that
// holds, as real speech drops at a phrase's end and rises again within a second.
constexpr double kLevelWindow = 0.4, kLevelHold = 1.0;
constexpr float kLevelDrop = 15;

float median_of(const float* first, std::size_t n, std::vector<float>& scratch) {
  scratch.assign(first, first + n);
  std::nth_element(scratch.begin(), scratch.begin() + std::ptrdiff_t(n / 2), scratch.end());
  return scratch[n / 2];
}

// Calls `each(first, end)` for every stretch of voice activity, frames [first, end), in order.
template <class Each>
void for_each_stretch(const FrameView& v, Each&& each) {
  for (std::size_t f = 0; f < v.frames;) {
    if (!v.speech[f]) {
      ++f;
      continue;
    }
    std::size_t end = f;
    while (end < v.frames && v.speech[end]) ++end;
    each(f, end);
    f = end;
  }
}

// The middle of frame `f` (seconds): a cut there falls back on frame f (make_units rounds down).
double seconds_at(const FrameView& v, std::size_t f) { return (double(f) + 0.5) * v.hop; }

// Frames in (first, end) where the level drops (above), in order, added to `drops` as seconds.
void drops_in(const FrameView& v, std::size_t first, std::size_t end, std::vector<double>& drops) {
  const auto w = std::size_t(kLevelWindow / v.hop), hold = std::size_t(kLevelHold / v.hop);
  if (end - first < w + hold) return;
  std::vector<float> median(end - first - w + 1), scratch;  // median[i]: of energy[first + i, + w)
  for (std::size_t i = 0; i < median.size(); ++i) median[i] = median_of(v.energy + first + i, w, scratch);
  std::size_t best = 0;
  float best_drop = 0;
  for (std::size_t k = w; k + hold <= end - first; ++k) {  // a cut before frame first + k
    const float drop = median[k - w] - median[k];
    if (drop < kLevelDrop || median[k - w] - median_of(v.energy + first + k, hold, scratch) < kLevelDrop) continue;
    if (best_drop > 0 && k - best < w) {
      if (drop > best_drop) best = k, best_drop = drop;
      continue;
    }
    if (best_drop > 0) drops.push_back(seconds_at(v, first + best));
    best = k, best_drop = drop;
  }
  if (best_drop > 0) drops.push_back(seconds_at(v, first + best));
}

}  // namespace

std::vector<Unit> make_units(const FrameView& v, const std::vector<double>& cuts) {
  std::vector<Unit> units;
  std::size_t cut_index = 0;
  double last_end = 0;
  auto emit = [&](std::size_t a, std::size_t b, bool after_pause) {
    Unit u;
    u.first = a;
    u.last = b;
    u.start = double(a) * v.hop;
    u.end = double(b) * v.hop;
    u.pause_before = after_pause ? std::max(0.0, u.start - last_end) : 0.0;
    std::size_t active = 0;
    for (std::size_t f = a; f < b; ++f) active += v.speech[f];
    u.speech = double(active) * v.hop;
    units.push_back(u);
    last_end = u.end;
  };
  const auto longest = std::size_t(kLongest / v.hop), target = std::size_t(kTarget / v.hop),
             window = std::size_t(kWindow / v.hop);
  for_each_stretch(v, [&](std::size_t f, std::size_t end) {
    // Anchor times and level drops inside this stretch cut it too.
    std::vector<std::size_t> forced;
    while (cut_index < cuts.size() && cuts[cut_index] < double(end) * v.hop) {
      auto at = std::size_t(cuts[cut_index] / v.hop);
      if (at > f && at < end && (forced.empty() || forced.back() != at)) forced.push_back(at);
      ++cut_index;
    }
    // Pieces end at the forced cuts and at the stretch's end; a piece too long is cut at its
    // quietest frame near each second.
    forced.push_back(end);
    std::size_t a = f;
    bool after_pause = true;
    for (std::size_t piece_end : forced) {
      while (piece_end - a > longest) {
        std::size_t lo = a + target - window, hi = std::min(piece_end - 1, a + target + window), best = lo;
        for (std::size_t k = lo; k < hi; ++k)
          if (v.energy[k] < v.energy[best]) best = k;
        emit(a, best, after_pause);
        after_pause = false;
        a = best;
      }
      emit(a, piece_end, after_pause);
      after_pause = false;
      a = piece_end;
    }
  });
  return units;
}

std::vector<double> level_drops(const FrameView& v) {
  std::vector<double> drops;
  for_each_stretch(v, [&](std::size_t first, std::size_t end) { drops_in(v, first, end, drops); });
  return drops;
}

std::size_t unit_at_or_after(const std::vector<Unit>& units, double seconds) {
  return std::size_t(std::lower_bound(units.begin(), units.end(), seconds, [](const Unit& u, double t) { return u.start < t; }) -
                     units.begin());
}

}  // namespace tingdu::sync::align
