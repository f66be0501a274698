// Benchmark: parsing the bundled episode. The peer is nlohmann-json parsing the same transcript
// exported as Podcasting 2.0 JSON (same text, a widely used parser), so the ratio says how our
// Markdown reader compares with a plain JSON read of the same content on this machine, now.
// Usage: bench_parse [RUNS]
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "bench_util.h"
#include "sync/reader.h"
#include "sync/writer.h"

int main(int argc, char** argv) {
  using namespace tingdu;
  int runs = argc > 1 ? std::atoi(argv[1]) : 200;
  std::ifstream in(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});

  sync::Episode timed = sync::parse_transcript(bytes, "episode.md").episode;
  double t = 0;
  for (auto& b : timed.blocks)
    if (b.kind == sync::BlockKind::turn) b.start = t++, b.end = t;
  std::string json = sync::write_transcript(timed, sync::Format::podcast_json).text;

  std::size_t turns = 0;
  auto ours = bench::time_runs(runs, [&] { turns += sync::parse_transcript(bytes, "episode.md").episode.turn_count(); });
  std::size_t segments = 0;
  auto peer = bench::time_runs(runs, [&] { segments += nlohmann::json::parse(json)["segments"].size(); });

  std::printf("bundled episode: %zu bytes Markdown, %zu bytes as JSON, %d runs\n", bytes.size(), json.size(), runs);
  bench::print("tingdu parse_transcript (Markdown)", ours);
  bench::print("peer: nlohmann::json::parse (same as JSON)", peer);
  std::printf("ratio (ours / peer, medians): %.2f\n", ours.median_us / peer.median_us);
  return turns / std::size_t(runs) == segments / std::size_t(runs) ? 0 : 1;
}
