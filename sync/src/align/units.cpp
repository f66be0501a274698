#include "units.h"

#include <algorithm>

namespace tingdu::sync::align {
namespace {

// Stretches of speech longer than this are cut, at the quietest frame in the window around each
// kTarget seconds: about a second per unit keeps the search small and a boundary inside speech
// within half a second of the true change.
constexpr double kLongest = 1.6, kTarget = 1.0, kWindow = 0.3;

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
  for (std::size_t f = 0; f < v.frames;) {
    if (!v.speech[f]) {
      ++f;
      continue;
    }
    std::size_t end = f;
    while (end < v.frames && v.speech[end]) ++end;
    // Anchor times inside this stretch cut it too.
    std::vector<std::size_t> forced;
    while (cut_index < cuts.size() && cuts[cut_index] < double(end) * v.hop) {
      auto at = std::size_t(cuts[cut_index] / v.hop);
      if (at > f && at < end) forced.push_back(at);
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
    f = end;
  }
  return units;
}

std::size_t unit_at_or_after(const std::vector<Unit>& units, double seconds) {
  return std::size_t(std::lower_bound(units.begin(), units.end(), seconds, [](const Unit& u, double t) { return u.start < t; }) -
                     units.begin());
}

}  // namespace tingdu::sync::align
