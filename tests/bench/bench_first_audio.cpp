// Time from choosing an episode to hearing it: a feed's episode served at 2 MB/s (lighttpd's
// rate limit, scripts/bench-feeds.sh), through what the window does on "Get and play" (the
// library downloads the transcript, then the audio; the player opens once the first 64 KB are
// in), until the playhead moves. No window: the panel's update() and the session drive it.
//
//   bench_first_audio FEED_URL CACHE_DIR [RUNS]
#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "podcast_library.h"
#include "podcasts_panel.h"
#include "session.h"

using namespace tingdu;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_first_audio FEED_URL CACHE_DIR [RUNS]\n");
    return 2;
  }
  const std::string feed = argv[1];
  const std::filesystem::path cache = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  setenv("SDL_AUDIODRIVER", "dummy", 0);
  SDL_Init(SDL_INIT_AUDIO);
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    std::filesystem::remove_all(cache);
    setenv("XDG_STATE_HOME", (cache / "state").c_str(), 1);
    ui::Session session;
    ui::PodcastLibrary library({}, cache, feeds::default_http_options(), {});
    ui::PodcastsPanel panel;
    panel.set_library(&library);
    library.add(feed);
    auto pump = [&](auto done) {
      auto limit = Clock::now() + std::chrono::seconds(60);
      while (!done() && Clock::now() < limit) {
        panel.update(session);
        session.update();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      return done();
    };
    if (!pump([&] { return library.shows()[0].feed.has_value(); })) return std::fprintf(stderr, "the feed did not load\n"), 1;
    const auto t0 = Clock::now();
    panel.get_and_play(session, 0, library.shows()[0].order[0]);
    bool playing = pump([&] {
      if (session.has_audio() && !session.playing()) session.play();
      return session.has_audio() && session.position() > 0;
    });
    if (!playing) return std::fprintf(stderr, "no audio within 60 s\n"), 1;
    times.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    library.cancel_download();
    session.close();
  }
  std::sort(times.begin(), times.end());
  std::printf("choosing an episode served at 2 MB/s to hearing it (transcript, then the audio's first 64 KB), %d runs: "
              "median %.3f s, worst %.3f s  (target < 2 s: %s)\n",
              runs, times[times.size() / 2], times.back(), times[times.size() / 2] < 2 ? "met" : "MISSED");
  SDL_Quit();
  return 0;
}
