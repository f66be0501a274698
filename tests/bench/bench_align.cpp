// Alignment benchmark: analysis and alignment of one episode from scratch, then re-aligning
// after one new anchor (what a listener's tap costs), several times at different places.
//   bench_align TRANSCRIPT AUDIO [ANCHORS]
// Prints seconds for each step; the realign figure is the median and the worst over ANCHORS
// (default 5) anchors set one at a time in the middle of different chapters.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "episode_alignment.h"
#include "media/analysis.h"
#include "sync/reader.h"
#include "sync/timeline.h"

using namespace tingdu;
using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_align TRANSCRIPT AUDIO [ANCHORS]\n");
    return 2;
  }
  const int tries = argc > 3 ? std::atoi(argv[3]) : 5;
  std::ifstream in(argv[1], std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto read = sync::parse_transcript(bytes, argv[1]);
  if (!read.ok()) return 1;

  auto t0 = Clock::now();
  auto analysis = media::analyze_audio(argv[2]);
  if (!analysis.features) {
    std::fprintf(stderr, "%s\n", analysis.error.c_str());
    return 1;
  }
  double analyse = seconds_since(t0);
  sync::FrameView view = app::frame_view(*analysis.features);
  sync::Aligner aligner(read.episode, view);
  t0 = Clock::now();
  auto first = aligner.align({});
  double align = seconds_since(t0);
  std::printf("analysis %.2f s, alignment %.2f s, total %.2f s (%zu of %zu turns aligned)\n", analyse, align,
              analyse + align, first.aligned, first.turns.size());

  // One anchor at a time, each in the middle of a different stretch of the episode, 0.3 s
  // after where the alignment put the turn (a listener correcting it).
  std::vector<double> times;
  const std::size_t n = first.turns.size();
  for (int i = 0; i < tries; ++i) {
    std::size_t turn = n * std::size_t(2 * i + 1) / std::size_t(2 * tries);
    while (turn < n && !first.turns[turn]) ++turn;
    if (turn >= n) break;
    std::map<std::size_t, double> anchors{{turn, first.turns[turn]->start + 0.3}};
    t0 = Clock::now();
    auto again = aligner.realign(anchors, first, {turn});
    times.push_back(seconds_since(t0));
    if (!again.turns[turn] || again.turns[turn]->start != anchors[turn]) std::fprintf(stderr, "anchor not kept!\n");
  }
  std::sort(times.begin(), times.end());
  if (!times.empty())
    std::printf("realign after one anchor: median %.3f s, worst %.3f s (%zu anchors)\n", times[times.size() / 2], times.back(),
                times.size());
  return 0;
}
