// Tiny timing helpers for the benchmark programs: run a body many times, report median, p90 and
// the worst run.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace tingdu::bench {

struct Stats {
  double median_us;
  double p90_us;
  double max_us = 0;
};

template <class F>
Stats time_runs(int runs, F&& body) {
  std::vector<double> us;
  us.reserve(std::size_t(runs));
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    body();
    auto t1 = std::chrono::steady_clock::now();
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[us.size() * 9 / 10], us.back()};
}

inline void print(const char* what, Stats s) {
  std::printf("%-44s median %10.1f us   p90 %10.1f us\n", what, s.median_us, s.p90_us);
}

}  // namespace tingdu::bench
