// A listener at the window: a transcript and 70 s of the media tests' pattern (every sample
// tells its own position), played through SDL's disk driver so that tests check the audio the
// player wrote, not only the session's state.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "media/fixtures.h"
#include "session.h"
#include "ui_fixtures.h"

namespace tingdu::test {

inline const int kRamp = int(media::AudioPlayer::kRampSeconds * kRate);
// A jump the listener asks for (B at the playhead) may leave some device buffers of silence
// before the decoder's audio from A arrives (2,048 frames seen under the address sanitizer, where
// decoding is slow); seams at B never do. Practice pauses (a sentence long) are far longer.
constexpr std::size_t kMaxGap = 4096;

// A transcript (write_episode's, or the one `transcript` names) and 70 s of the pattern,
// played through the disk driver into `name`.out.f32.
struct Listener {
  explicit Listener(const std::string& name, std::string transcript_path = "") {
    out = ui_temp_dir() / (name + ".out.f32");
    use_disk_driver(out);
    setenv("XDG_STATE_HOME", (ui_temp_dir() / ("state-" + name)).c_str(), 1);
    transcript = transcript_path.empty() ? write_episode(name) : transcript_path;
    audio = make_audio("listener.flac", 70.0, "-c:a flac").string();
    session = std::make_unique<ui::Session>();
    REQUIRE(session->open(transcript, audio).empty());
  }
  ~Listener() { setenv("SDL_AUDIODRIVER", "dummy", 1); }
  // Closes the player (SDL finishes its file) and returns what it wrote, as pattern indices.
  std::vector<int> output() {
    session->close();
    return output_indices(out);
  }
  double position() const { return session->position(); }

  std::filesystem::path out;
  std::string transcript, audio;
  std::unique_ptr<ui::Session> session;
};

// Waits until playback has jumped back (a loop's seam) `times` times; false after `limit` s.
inline bool wait_for_wraps(Listener& l, int times, double limit = 30) {
  int wraps = 0;
  double last = l.position();
  return wait_until(*l.session, [&] {
    double p = l.position();
    wraps += p < last - 0.1;
    last = p;
    return wraps >= times;
  }, limit);
}

// Output frame where playback from media time `from` begins (after the fade-in).
inline std::size_t start_of_playback(const std::vector<int>& idx, double from) {
  long at = find_run(idx, (index_at(from) + kRamp + 1) % kPeriod);
  REQUIRE(at > 0);
  return std::size_t(at);
}

// After the first jump (which lands on A), every jump is an exact seam from B's previous sample
// to A's: the section [A, B) repeats.
inline void check_loops(const std::vector<Jump>& jumps, double a, double b, std::size_t at_least) {
  REQUIRE(jumps.size() >= at_least);
  CHECK(jumps[0].to == index_at(a));
  for (std::size_t k = 1; k < jumps.size(); ++k) {
    INFO("jump " << k << ": " << jumps[k].from << " -> " << jumps[k].to);
    CHECK(jumps[k].from == index_at(b) - 1);
    CHECK(jumps[k].to == index_at(a));
  }
}

}  // namespace tingdu::test
