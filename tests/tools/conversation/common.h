// The conversation generator's basics (tests/tools/make_conversation): errors, ranges of seconds,
// levels, and the one source of randomness, so that a seed gives byte-identical files.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <numbers>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace conv {

namespace fs = std::filesystem;
using Samples = std::vector<float>;  // mono, at the conversation's rate

struct Range {
  double lo, hi;
};


struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};


inline double db_to_amplitude(double db) { return std::pow(10.0, db / 20.0); }

// Randomness. The standard distributions give different numbers in different standard
// libraries, so these draws are made from the engine's raw output.

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : engine_(seed) {}

  double unit() { return double(engine_()) / 4294967296.0; }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  double uniform(Range r) { return uniform(r.lo, r.hi); }
  bool chance(double p) { return unit() < p; }
  std::size_t index(std::size_t n) { return std::min(n - 1, std::size_t(unit() * double(n))); }
  int integer(int lo, int hi) { return lo + int(index(std::size_t(hi - lo + 1))); }  // [lo, hi]

  double normal(double sigma) {  // Box-Muller
    double u1 = 1.0 - unit();     // (0, 1], so the log is finite
    double u2 = unit();
    return sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

  template <class T>
  void shuffle(std::vector<T>& v) {  // Fisher-Yates
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[index(i)]);
  }

 private:
  std::mt19937 engine_;
};

}  // namespace conv
