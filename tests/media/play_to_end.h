// Playing a file to its end through the disk driver, for tests that then read what was written.
#pragma once

#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "fixtures.h"
#include "media/player.h"

namespace tingdu::test {

// Plays until the player reports the end of the file (false when it did not within `limit`
// seconds: a bound for a loaded machine, not a timing check), calling `each` about every 5 ms;
// then closes the player, and returns the output as pattern indices (output_indices).
inline bool play_to_end(media::AudioPlayer& player, const std::filesystem::path& out, std::vector<int>& indices,
                        const std::function<void()>& each = {}, double limit = 60) {
  player.play();
  bool ended = false;
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
  while (!ended && std::chrono::steady_clock::now() < until) {
    while (auto e = player.poll_event()) ended |= e->type == media::PlayerEventType::end_of_file;
    if (each) each();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  player.close();
  indices = output_indices(out);
  return ended;
}

// Where the pattern's first whole run starts in `indices`, past the fade-in (-1: none).
inline long first_run_after_ramp(const std::vector<int>& indices) {
  return find_run(indices, int(media::AudioPlayer::kRampSeconds * kRate) + 1);
}

}  // namespace tingdu::test
