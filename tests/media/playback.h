// The player through SDL's real disk driver, for the tests that play and read back what SDL
// wrote: a player writing to a file of its own, and waits that bound a loaded machine (the
// tests assert on what happened, never on how long it took).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "fixtures.h"
#include "media/player.h"

namespace tingdu::test {

using namespace std::chrono_literals;

struct Playback {
  std::filesystem::path out;
  media::AudioPlayer player;
  explicit Playback(const std::string& name) : out(test::media_dir() / (name + ".out.f32")), player(prepare(out)) {}
  static media::PlayerOptions prepare(const std::filesystem::path& out) {
    use_disk_driver(out);
    return {};
  }
  // The written samples, as pattern indices (-1: silence or not the pattern).
  std::vector<int> indices() {
    player.close();  // flushes and closes SDL's file
    return output_indices(out);
  }
};

// Lets the player run for about `seconds` (waiting only: no test asserts on how long it took),
// draining its events; returns them.
inline std::vector<media::PlayerEvent> wait_for(media::AudioPlayer& p, double seconds) {
  std::vector<media::PlayerEvent> events;
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    while (auto e = p.poll_event()) events.push_back(*e);
    std::this_thread::sleep_for(5ms);
  }
  return events;
}

// Waits until `done()` holds (events stay queued for `done` to look at); false when it did not within `limit` seconds
// (a generous bound for a loaded machine: the tests assert on what happened, not when).
template <class F>
bool wait_until(F done, double limit = 20) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

// Frames of the fade-in at the start of playback (the first samples are not the pattern's own).
inline const int kRamp = int(media::AudioPlayer::kRampSeconds * kRate);

}  // namespace tingdu::test
