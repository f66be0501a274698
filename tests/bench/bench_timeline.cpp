// Benchmark: the timeline of the bundled episode. Building it (ICU segmentation of every turn,
// chapter placement, interpolation), and at(t), the lookup the window makes every frame. The
// peer for at() is std::upper_bound over a plain sorted vector of the same 1151 starts: the
// floor any lookup structure is measured against.
// Usage: bench_timeline [BUILD_RUNS] [LOOKUPS]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

#include "bench_util.h"
#include "sync/reader.h"
#include "sync/timeline.h"

int main(int argc, char** argv) {
  using namespace tingdu;
  int build_runs = argc > 1 ? std::atoi(argv[1]) : 20;
  int lookups = argc > 2 ? std::atoi(argv[2]) : 1000000;
  auto r = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md");
  const double duration = 12480;

  std::size_t sink = 0;
  auto build = bench::time_runs(build_runs, [&] { sink += sync::Timeline(r.episode, duration).turns().size(); });

  sync::Timeline tl(r.episode, duration);
  std::vector<double> starts;
  for (const auto& t : tl.turns()) starts.push_back(t.start);
  std::mt19937 rng(333);
  std::uniform_real_distribution<double> any(-10, duration + 10);
  std::vector<double> times(static_cast<std::size_t>(lookups));
  for (auto& t : times) t = any(rng);

  // Batches of 1000 lookups, timed per batch, reported per lookup.
  constexpr int kBatch = 1000;
  auto per_lookup = [&](auto&& one) {
    std::size_t i = 0;
    auto s = bench::time_runs(lookups / kBatch, [&] {
      for (int b = 0; b < kBatch; ++b) one(times[i++ % times.size()]);
    });
    return bench::Stats{s.median_us * 1000 / kBatch, s.p90_us * 1000 / kBatch};  // ns
  };
  auto ours = per_lookup([&](double t) { sink += tl.at(t).turn.value_or(0); });
  auto peer = per_lookup([&](double t) { sink += std::size_t(std::upper_bound(starts.begin(), starts.end(), t) - starts.begin()); });

  std::printf("bundled episode: %zu turns, %zu chapters; %d builds, %d lookups\n", tl.turns().size(),
              tl.chapters().size(), build_runs, lookups);
  bench::print("Timeline build (us)", build);
  std::printf("%-44s median %10.1f ns   p90 %10.1f ns\n", "Timeline::at(t)", ours.median_us, ours.p90_us);
  std::printf("%-44s median %10.1f ns   p90 %10.1f ns\n", "peer: std::upper_bound on the starts", peer.median_us, peer.p90_us);
  std::printf("ratio (at / upper_bound, medians): %.2f\n", ours.median_us / peer.median_us);
  return sink == 0;
}
