// Benchmark: the audio engine on a long file, side by side with FFmpeg's own tools in the same
// run (the machine is shared and noisy: the ratios are the figures that travel).
//   decode throughput       Decoder::read to the end   vs  ffmpeg -i FILE -f null -
//   open to first sample    Decoder::open + first block
//   seek latency            seek + first block, 100 random targets, without and with the index
//   play                    tingdu-cli play (CPU share, peak RSS)  vs  ffplay -nodisp, at 1.0x and 1.5x
// Usage: bench_media FILE TINGDU_CLI [PLAY_SECONDS]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "decoder.h"
#include "seek_index.h"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct ChildRun {
  double wall = 0, cpu = 0;  // seconds
  long max_rss_kb = 0;
};

// Runs a command with /bin/sh, environment additions in `env`, output discarded.
ChildRun run(const std::string& command, const std::vector<std::string>& env = {}) {
  std::fflush(stdout);  // else the child inherits (and flushes again) what is buffered
  auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  ChildRun r;
  r.wall = since(t0);
  r.cpu = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
  r.max_rss_kb = ru.ru_maxrss;
  return r;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tingdu::media;
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_media FILE TINGDU_CLI [PLAY_SECONDS]\n");
    return 2;
  }
  const std::string file = argv[1], cli = argv[2];
  const int play_seconds = argc > 3 ? std::atoi(argv[3]) : 30;
  std::string error;

  // Decode throughput.
  auto t0 = Clock::now();
  auto d = Decoder::open(file, 44100, 1, error);
  if (!d) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  std::vector<float> buf(4096);
  double frames = 0;
  while (std::size_t n = d->read(buf.data(), buf.size())) frames += double(n);
  double ours = since(t0);
  double media_seconds = frames / 44100;
  ChildRun peer = run("ffmpeg -nostdin -v error -i '" + file + "' -f null -");
  std::printf("file: %s, %.0f s of audio\n", file.c_str(), media_seconds);
  std::printf("decode to the end:     tingdu %.2f s (%.0fx real time)   ffmpeg -f null %.2f s   ratio %.2f\n", ours,
              media_seconds / ours, peer.wall, ours / peer.wall);

  // Open to first sample.
  std::vector<double> opens;
  for (int i = 0; i < 10; ++i) {
    auto t = Clock::now();
    auto o = Decoder::open(file, 44100, 1, error);
    o->read(buf.data(), 512);
    opens.push_back(since(t) * 1000);
  }
  std::printf("open to first sample:  median %.1f ms\n", percentile(opens, 0.5));

  // Seek latency, first without the index (the demuxer's estimate), then with it.
  std::mt19937 rng(333);
  std::uniform_real_distribution<double> any(0, media_seconds - 1);
  std::vector<double> targets(100);
  for (auto& t : targets) t = any(rng);
  auto seeks = [&](Decoder& dec) {
    std::vector<double> ms;
    for (double t : targets) {
      auto s = Clock::now();
      dec.seek(t * 44100);
      dec.read(buf.data(), 512);
      ms.push_back(since(s) * 1000);
    }
    return ms;
  };
  auto plain = Decoder::open(file, 44100, 1, error);
  auto without = seeks(*plain);
  std::printf("seek latency, no index:   median %.1f ms  p99 %.1f ms\n", percentile(without, 0.5), percentile(without, 0.99));
  if (plain->is_mp3()) {
    auto ti = Clock::now();
    auto index = SeekIndex::scan(file, plain->stream_index(), nullptr);
    double scan = since(ti);
    std::size_t packets = index->size();
    plain->set_index(std::make_shared<const SeekIndex>(std::move(*index)));
    auto with = seeks(*plain);
    std::printf("index scan:            %.2f s for %zu packets\n", scan, packets);
    std::printf("seek latency, indexed: median %.1f ms  p99 %.1f ms\n", percentile(with, 0.5), percentile(with, 0.99));
  }

  // Playing: CPU share of one core and peak memory, through SDL's disk driver into /dev/null.
  std::vector<std::string> sdl = {"SDL_AUDIODRIVER=disk", "SDL_DISKAUDIOFILE=/dev/null"};
  for (double speed : {1.0, 1.5}) {
    std::string until = std::to_string(int(play_seconds * speed));
    char speed_text[16];
    std::snprintf(speed_text, sizeof speed_text, "%.1f", speed);
    ChildRun t = run(cli + " play '" + file + "' --speed " + speed_text + " --until " + until, sdl);
    ChildRun f = run("ffplay -nodisp -autoexit -loglevel error -t " + until + (speed != 1.0 ? std::string(" -af atempo=") + speed_text : "") +
                         " '" + file + "'",
                     sdl);
    std::printf("play %sx for %d s:      tingdu CPU %.1f%% of a core, peak RSS %.1f MB   ffplay CPU %.1f%%, %.1f MB   "
                "CPU ratio %.2f\n",
                speed_text, play_seconds, 100 * t.cpu / t.wall, t.max_rss_kb / 1024.0, 100 * f.cpu / f.wall,
                f.max_rss_kb / 1024.0, (t.cpu / t.wall) / (f.cpu / f.wall));
  }
  return 0;
}
