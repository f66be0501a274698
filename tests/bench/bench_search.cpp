// Benchmark: search over the bundled episode (1,151 turns, 31 chapters). Building the index
// (the texts and the pinyin of every Han character), then find() for the queries a listener
// types: exact Chinese, Latin, pinyin, one letter (the most hits) and one that finds nothing
// (every text scanned, exact and pinyin). The bar: every find() under 10 ms, so the window can
// search on each keystroke.
// Usage: bench_search [BUILD_RUNS] [FIND_RUNS]
#include <cstdio>
#include <cstdlib>

#include "bench_util.h"
#include "sync/excerpt.h"
#include "sync/reader.h"
#include "sync/search.h"

int main(int argc, char** argv) {
  using namespace tingdu;
  int build_runs = argc > 1 ? std::atoi(argv[1]) : 10;
  int find_runs = argc > 2 ? std::atoi(argv[2]) : 50;
  auto r = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md");

  std::size_t sink = 0;
  auto build = bench::time_runs(build_runs, [&] { sink += sync::EpisodeSearch(r.episode).find("a", 1).size(); });
  std::printf("bundled episode: %zu turns, %zu chapters; %d builds, %d runs of each find\n", r.episode.turn_count(),
              r.episode.chapters.size(), build_runs, find_runs);
  bench::print("EpisodeSearch build (us)", build);

  sync::EpisodeSearch search(r.episode);
  bool fast = true;
  for (const char* q : {"神经网络", "transformer", "tesila", "shenjing wangluo", "a", "zzzz"}) {
    std::size_t hits = search.find(q).size();
    auto s = bench::time_runs(find_runs, [&] { sink += search.find(q).size(); });
    std::printf("find(\"%s\"): %3zu hits%*s median %8.2f ms   worst %8.2f ms\n", q, hits,
                int(24 - sync::display_width(q)), "", s.median_us / 1000, s.max_us / 1000);
    fast = fast && s.max_us < 10000;
  }
  std::printf("%s\n", fast ? "every find() under 10 ms" : "SLOW: some find() took 10 ms or more");
  return sink > 0 && fast ? 0 : 1;
}
