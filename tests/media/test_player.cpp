// The player end to end through SDL's real disk driver: what SDL wrote is compared with the
// signal, whose every sample tells its position.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include <SDL.h>

#include "fixtures.h"
#include "media/player.h"

using namespace tingdu;
using namespace std::chrono_literals;

namespace {

struct Playback {
  std::filesystem::path out;
  media::AudioPlayer player;
  explicit Playback(const std::string& name) : out(test::media_dir() / (name + ".out.f32")), player(prepare(out)) {}
  static media::PlayerOptions prepare(const std::filesystem::path& out) {
    test::use_disk_driver(out);
    return {};
  }
  // The written samples, as pattern indices (-1: silence or not the pattern).
  std::vector<int> indices() {
    player.close();  // flushes and closes SDL's file
    return test::output_indices(out);
  }
};

// Lets the player run for about `seconds` (waiting only: no test asserts on how long it took),
// draining its events; returns them.
std::vector<media::PlayerEvent> wait_for(media::AudioPlayer& p, double seconds) {
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



const int kRamp = int(media::AudioPlayer::kRampSeconds * test::kRate);

}  // namespace

TEST_CASE("player: plays the file sample for sample", "[media][player]") {
  auto path = test::make_audio("play.flac", 3.0, "-c:a flac");
  Playback pb("play");
  REQUIRE(pb.player.open(path.string()).empty());
  CHECK(pb.player.has_device());
  CHECK(pb.player.output_rate() == test::kRate);
  pb.player.play();
  wait_for(pb.player, 1.2);
  auto idx = pb.indices();
  long start = test::find_run(idx, kRamp + 1);
  REQUIRE(start > kRamp);
  long first = start - kRamp - 1;  // the fade-in covers the first kRamp frames
  std::size_t checked = 0;
  for (std::size_t i = std::size_t(first + kRamp + 1); i < idx.size() && idx[i] != -1; ++i, ++checked)
    REQUIRE(idx[i] == int((i - std::size_t(first)) % test::kPeriod));
  CHECK(checked > std::size_t(test::kRate));  // over a second, no sample missing or repeated
}

TEST_CASE("player: after a seek the first sample is the target's", "[media][player][seek]") {
  auto path = test::make_audio("seek.flac", 10.0, "-c:a flac");
  Playback pb("seek");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.play();
  wait_for(pb.player, 0.3);
  const double target = 7.3;  // sample 350400, index 350400 % 30000 = 20400
  pb.player.seek(target);
  CHECK(pb.player.position() == Approx(target));
  wait_for(pb.player, 0.4);
  double pos = pb.player.position();
  CHECK(pos > target);
  CHECK(pos < target + 0.4);
  auto idx = pb.indices();
  int expected = int(std::llround(target * test::kRate) % test::kPeriod);
  long at = test::find_run(idx, expected, std::size_t(0.2 * test::kRate));
  REQUIRE(at > 0);
  // What came just before the target's sample is the old stream or silence, never a sample of
  // the new stream before the target.
  CHECK(idx[std::size_t(at) - 1] != (expected + test::kPeriod - 1) % test::kPeriod);
}

TEST_CASE("player: an A-B loop seam has no missing, repeated or silent sample", "[media][player][loop]") {
  auto path = test::make_audio("loop.flac", 6.0, "-c:a flac");
  Playback pb("loop");
  REQUIRE(pb.player.open(path.string()).empty());
  const double a = 0.65, b = 0.9;  // frames 31200 .. 43200: indices 1200 .. 13199, inside one period
  pb.player.seek(0.6);
  pb.player.set_loop(a, b, 4);
  pb.player.play();
  auto events = wait_for(pb.player, 1.8);
  auto idx = pb.indices();
  const int ia = test::index_at(a), ib = test::index_at(b);
  long start = test::find_run(idx, (int(0.6 * test::kRate) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  auto jumps = test::jumps_after(idx, std::size_t(start));
  for (const auto& j : jumps) {
    INFO("at output frame " << j.at << ": " << j.from << " -> " << j.to);
    CHECK(j.from == ib - 1);
    CHECK(j.to == ia);
  }
  CHECK(jumps.size() == 3);  // heard four times, then played on
  CHECK(std::count_if(events.begin(), events.end(), [](auto& e) { return e.type == media::PlayerEventType::loop_done; }) == 1);
  CHECK_FALSE(pb.player.loop());
}

TEST_CASE("player: B set at the playhead while playing loops what is heard", "[media][player][loop]") {
  auto path = test::make_audio("ab-live.flac", 8.0, "-c:a flac");
  Playback pb("ab-live");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.seek(1.0);
  pb.player.play();
  // A listener presses [ and, a moment later, ] while the audio plays.
  REQUIRE(wait_until([&] { return pb.player.position() > 1.3; }));
  const double a = pb.player.position();
  REQUIRE(wait_until([&] { return pb.player.position() > a + 0.35; }));
  const double b = pb.player.position();
  pb.player.set_loop(a, b);
  REQUIRE(pb.player.loop());
  // Heard at once: at most a second later the output is inside [a, b) again.
  REQUIRE(wait_until([&] { return pb.player.position() < b; }));
  wait_for(pb.player, 1.5);
  auto idx = pb.indices();
  const int ia = test::index_at(a), ib = test::index_at(b);
  long start = test::find_run(idx, (int(1.0 * test::kRate) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  // The jump asked for may leave up to a device buffer of silence before A's audio arrives.
  auto jumps = test::jumps_after(idx, std::size_t(start), 1024);
  REQUIRE(jumps.size() >= 2);
  // The first jump goes back to A from wherever playback was when B was set; every later one
  // is an exact seam from the sample before B to A.
  CHECK(jumps[0].to == ia);
  for (std::size_t k = 1; k < jumps.size(); ++k) {
    INFO("jump " << k << " at output frame " << jumps[k].at << ": " << jumps[k].from << " -> " << jumps[k].to);
    CHECK(jumps[k].from == ib - 1);
    CHECK(jumps[k].to == ia);
  }
}

TEST_CASE("player: a loop heard twice plays the section twice, then goes on", "[media][player][loop]") {
  auto path = test::make_audio("twice.flac", 6.0, "-c:a flac");
  Playback pb("twice");
  REQUIRE(pb.player.open(path.string()).empty());
  const double a = 1.2, b = 1.5;
  pb.player.seek(1.0);
  pb.player.set_loop(a, b, 2);
  pb.player.play();
  std::vector<media::PlayerEvent> events;
  REQUIRE(wait_until([&] {
    while (auto e = pb.player.poll_event()) events.push_back(*e);
    return pb.player.position() > b + 0.4;
  }));
  auto done = std::find_if(events.begin(), events.end(), [](auto& e) { return e.type == media::PlayerEventType::loop_done; });
  REQUIRE(done != events.end());
  CHECK(done->position == Approx(b).margin(0.001));
  CHECK_FALSE(pb.player.loop());
  auto idx = pb.indices();
  long start = test::find_run(idx, (int(1.0 * test::kRate) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  auto jumps = test::jumps_after(idx, std::size_t(start));
  REQUIRE(jumps.size() == 1);
  CHECK(jumps[0].from == test::index_at(b) - 1);
  CHECK(jumps[0].to == test::index_at(a));
  // After the second pass, B's own sample follows the one before it: playback went on.
  bool went_on = false;
  for (std::size_t i = jumps[0].at + 1; i < idx.size() && !went_on; ++i) went_on = idx[i] == test::index_at(b) && idx[i - 1] == test::index_at(b) - 1;
  CHECK(went_on);
}

TEST_CASE("player: a loop with a gap is silent for exactly the gap after each pass", "[media][player][loop]") {
  auto path = test::make_audio("gap.flac", 6.0, "-c:a flac");
  Playback pb("gap");
  REQUIRE(pb.player.open(path.string()).empty());
  const double a = 1.2, b = 1.5, gap = 0.4;
  pb.player.seek(a);
  pb.player.set_loop(a, b, 2, gap);
  pb.player.play();
  std::vector<media::PlayerEvent> events;
  bool held = false;  // position() stayed at B while the gap played
  REQUIRE(wait_until([&] {
    while (auto e = pb.player.poll_event()) events.push_back(*e);
    double at = pb.player.position();
    held = held || (std::abs(at - b) < 1e-6 && pb.player.is_playing());
    return at > b + 0.3;
  }));
  CHECK(held);
  CHECK(std::count_if(events.begin(), events.end(), [](auto& e) { return e.type == media::PlayerEventType::loop_done; }) == 1);
  auto idx = pb.indices();
  long start = test::find_run(idx, (test::index_at(a) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  // Two passes, each followed by silence of exactly the gap: A..B, gap, A..B, gap, then on past B.
  const std::size_t pass = std::size_t(std::llround((b - a) * test::kRate)), silence = std::size_t(std::llround(gap * test::kRate));
  std::size_t i = std::size_t(start);
  while (i < idx.size() && idx[i] != test::index_at(b) - 1) ++i;  // the first pass's last sample
  for (int k = 0; k < 2; ++k) {
    INFO("pass " << k + 1);
    REQUIRE(i < idx.size());
    CHECK(idx[i] == test::index_at(b) - 1);
    std::size_t quiet = 0;
    while (i + 1 + quiet < idx.size() && idx[i + 1 + quiet] == -1) ++quiet;
    CHECK(quiet == silence);
    i += 1 + quiet;
    CHECK(idx[i] == (k == 0 ? test::index_at(a) : test::index_at(b)));  // again from A, then on from B
    if (k == 0) i += pass - 1;
  }
}

TEST_CASE("player: a queued loop follows the last pass and its gap at its own first sample", "[media][player][loop]") {
  auto path = test::make_audio("queued.flac", 6.0, "-c:a flac");
  Playback pb("queued");
  REQUIRE(pb.player.open(path.string()).empty());
  // Heard once with a gap, then a loop that starts before it ended (the seam runs backwards),
  // heard twice with its own gap, then on.
  const double a = 1.2, b = 1.5, gap = 0.3, a2 = 1.0, b2 = 1.4, gap2 = 0.2;
  pb.player.seek(a);
  pb.player.set_loop(a, b, 1, gap);
  pb.player.queue_loop(a2, b2, 2, gap2);
  pb.player.play();
  int done = 0;
  std::optional<std::pair<double, double>> after_first;
  REQUIRE(wait_until([&] {
    while (auto e = pb.player.poll_event())
      if (e->type == media::PlayerEventType::loop_done && ++done == 1) after_first = pb.player.loop();
    return done == 2 && pb.player.position() > b2 + 0.2;
  }));
  CHECK(after_first == std::pair{a2, b2});  // the queued loop is the one in effect after the first
  CHECK_FALSE(pb.player.loop());
  auto idx = pb.indices();
  long start = test::find_run(idx, (test::index_at(a) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  // A..B, gap; A2..B2, gap2; A2..B2, gap2; then on from B2.
  struct Pass {
    double from, to, gap;
  };
  const Pass passes[] = {{a, b, gap}, {a2, b2, gap2}, {a2, b2, gap2}};
  std::size_t i = std::size_t(start);
  for (std::size_t k = 0; k < 3; ++k) {
    INFO("pass " << k + 1);
    const auto& p = passes[k];
    if (k > 0) CHECK(idx[i] == test::index_at(p.from));
    const int last = test::index_at(p.to) - 1;
    bool whole = true;  // no jump inside a pass
    for (; i + 1 < idx.size() && idx[i] != last; ++i) whole = whole && idx[i + 1] == (idx[i] + 1) % test::kPeriod;
    CHECK(whole);
    std::size_t quiet = 0;
    while (i + 1 + quiet < idx.size() && idx[i + 1 + quiet] == -1) ++quiet;
    CHECK(quiet == std::size_t(std::llround(p.gap * test::kRate)));
    i += 1 + quiet;
  }
  CHECK(idx[i] == test::index_at(b2));
}

TEST_CASE("player: a queued loop without gaps ends and follows where the seam runs backwards", "[media][player][loop]") {
  auto path = test::make_audio("queued.flac", 6.0, "-c:a flac");
  Playback pb("queued-seam");
  REQUIRE(pb.player.open(path.string()).empty());
  const double a = 1.2, b = 1.5, a2 = 1.0, b2 = 1.3;
  pb.player.seek(a);
  pb.player.set_loop(a, b, 1);
  pb.player.queue_loop(a2, b2, 1);
  pb.player.play();
  int done = 0;
  // Both ends are reported, though the playhead never reaches B again after the seam.
  REQUIRE(wait_until([&] {
    while (auto e = pb.player.poll_event()) done += e->type == media::PlayerEventType::loop_done;
    return done == 2 && pb.player.position() > b2 + 0.2;
  }));
  auto idx = pb.indices();
  long start = test::find_run(idx, (test::index_at(a) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  auto jumps = test::jumps_after(idx, std::size_t(start));
  REQUIRE(!jumps.empty());
  CHECK(jumps[0].from == test::index_at(b) - 1);
  CHECK(jumps[0].to == test::index_at(a2));
  CHECK(jumps.size() == 1);  // and on past B2
}

TEST_CASE("player: at another speed a queued loop follows too, and both ends are reported", "[media][player][loop][speed]") {
  auto path = test::make_audio("queued.flac", 6.0, "-c:a flac");
  Playback pb("queued-speed");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.set_speed(1.5);
  const double a = 1.2, b = 1.5, a2 = 1.0, b2 = 1.3;
  pb.player.seek(a);
  pb.player.set_loop(a, b, 1, 0.2);
  pb.player.queue_loop(a2, b2, 1);
  pb.player.play();
  int done = 0;
  std::optional<std::pair<double, double>> after_first;
  bool went_back = false;  // the playhead moved from B to A2
  REQUIRE(wait_until([&] {
    while (auto e = pb.player.poll_event())
      if (e->type == media::PlayerEventType::loop_done && ++done == 1) after_first = pb.player.loop();
    const double at = pb.player.position();
    went_back = went_back || (done >= 1 && at < a2 + 0.2);
    return done == 2 && at > b2 + 0.2;
  }));
  CHECK(after_first == std::pair{a2, b2});
  CHECK(went_back);
}

TEST_CASE("player: clearing a loop just before B plays on past B", "[media][player][loop]") {
  auto path = test::make_audio("clear.flac", 6.0, "-c:a flac");
  Playback pb("clear");
  REQUIRE(pb.player.open(path.string()).empty());
  const double a = 1.0, b = 1.4;
  pb.player.seek(a);
  pb.player.set_loop(a, b);
  pb.player.play();
  // The decoder reads half a second ahead, so it has already jumped back to A when the
  // listener clears the loop 0.15 s before B.
  REQUIRE(wait_until([&] { double p = pb.player.position(); return p > b - 0.15 && p < b; }));
  pb.player.clear_loop();
  REQUIRE(wait_until([&] { return pb.player.position() > b + 0.5; }));
  auto idx = pb.indices();
  long start = test::find_run(idx, (int(a * test::kRate) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  // Nothing jumped back: the output runs on through B. (A re-seek to the heard position may
  // repeat a few milliseconds: a backward step smaller than the device's latency is allowed.)
  for (const auto& j : test::jumps_after(idx, std::size_t(start))) {
    INFO("at output frame " << j.at << ": " << j.from << " -> " << j.to);
    CHECK(j.to != test::index_at(a));
    int back = (j.from - j.to + test::kPeriod) % test::kPeriod;
    CHECK(back < int(0.1 * test::kRate));
  }
}

TEST_CASE("player: muted, playback goes on unheard and the clock with it", "[media][player]") {
  auto path = test::make_audio("mute.flac", 4.0, "-c:a flac");
  Playback pb("mute");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.play();
  REQUIRE(wait_until([&] { return pb.player.position() > 0.5; }));
  pb.player.set_muted(true);
  const double muted_at = pb.player.position();
  REQUIRE(wait_until([&] { return pb.player.position() > muted_at + 0.6; }));  // not paused
  pb.player.set_muted(false);
  REQUIRE(wait_until([&] { return pb.player.position() > muted_at + 1.0; }));
  auto idx = pb.indices();
  // The output went quiet (after the 10 ms fade) and came back.
  std::size_t quiet = 0, longest = 0;
  for (int i : idx) {
    quiet = i == -1 ? quiet + 1 : 0;
    longest = std::max(longest, quiet);
  }
  CHECK(longest > std::size_t(0.4 * test::kRate));
  CHECK(std::count_if(idx.rbegin(), idx.rbegin() + 1000, [](int i) { return i >= 0; }) > 900);  // sound again at the end
}

TEST_CASE("player: position() follows what the device has consumed", "[media][player][clock]") {
  auto path = test::make_audio("clock.flac", 6.0, "-c:a flac");
  Playback pb("clock");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.play();
  wait_for(pb.player, 0.3);
  const double period = 1024.0 / test::kRate;
  // While playing: never backwards, and moving on.
  double previous = 0, first = pb.player.position();
  for (int i = 0; i < 40; ++i) {
    double p = pb.player.position();
    CHECK(p >= previous);
    previous = p;
    std::this_thread::sleep_for(23ms);
  }
  CHECK(previous > first);
  // Paused: still, and where the sound stopped. The last stretch of the signal in SDL's output
  // (then the fade, then silence) ends where position() stands.
  pb.player.pause();
  wait_for(pb.player, 0.2);
  double paused = pb.player.position();
  wait_for(pb.player, 0.1);
  CHECK(pb.player.position() == paused);
  auto idx = pb.indices();
  long last = -1;
  for (long i = long(idx.size()) - 1; i >= 64 && last < 0; --i) {
    bool run = true;
    for (int k = 1; k < 64 && run; ++k) run = idx[std::size_t(i - k)] == (idx[std::size_t(i)] + test::kPeriod - k) % test::kPeriod;
    if (run && idx[std::size_t(i)] >= 0) last = i;
  }
  REQUIRE(last > 0);
  // Media frame of that sample: its index, in the period nearest the paused position.
  double near = paused * test::kRate;
  double frame = idx[std::size_t(last)] + std::round((near - idx[std::size_t(last)]) / test::kPeriod) * test::kPeriod;
  CHECK(std::abs(paused - frame / test::kRate) < period);
}

TEST_CASE("player: 0.5x and 2.0x keep the clock in media time", "[media][player][speed]") {
  auto path = test::make_audio("speed.flac", 8.0, "-c:a flac");
  for (double speed : {2.0, 0.5}) {
    INFO("speed " << speed);
    Playback pb(speed == 2.0 ? "speed2" : "speed05");
    REQUIRE(pb.player.open(path.string()).empty());
    pb.player.set_speed(speed);
    pb.player.seek(1.0);
    pb.player.play();
    REQUIRE(wait_until([&] { return pb.player.position() > 1.0 + 0.8 * speed; }));
    pb.player.pause();
    wait_for(pb.player, 0.2);
    const double paused = pb.player.position();
    // What SDL wrote: how many output frames carried the signal, and which media frames.
    auto idx = pb.indices();
    std::size_t first = 0, last = 0, frames = 0;
    for (std::size_t i = 0; i < idx.size(); ++i)
      if (idx[i] >= 0) {
        if (!frames) first = i;
        last = i;
        ++frames;
      }
    REQUIRE(frames > std::size_t(0.5 * test::kRate));
    // Media advanced `speed` frames per output frame (atempo keeps the pitch by repeating or
    // dropping pieces, so the indices themselves are not a ramp; the clock's word is compared
    // with the output's length instead): the paused position less the start, over the output
    // frames played, is the speed.
    double output_seconds = double(last - first + 1) / test::kRate;
    CHECK((paused - 1.0) / output_seconds == Approx(speed).epsilon(0.08));
  }
}

TEST_CASE("player: end of file is reported once, play starts over", "[media][player]") {
  auto path = test::make_audio("short.flac", 0.5, "-c:a flac");
  Playback pb("short");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.play();
  int ends = 0;
  auto count = [&] {
    while (auto e = pb.player.poll_event()) ends += e->type == media::PlayerEventType::end_of_file;
    return ends > 0;
  };
  REQUIRE(wait_until(count));
  for (auto& e : wait_for(pb.player, 0.3)) ends += e.type == media::PlayerEventType::end_of_file;
  CHECK(ends == 1);
  CHECK_FALSE(pb.player.is_playing());
  CHECK(pb.player.position() == Approx(0.5).margin(0.03));
  pb.player.play();  // from the end: starts over
  CHECK(pb.player.position() < 0.1);
}

TEST_CASE("player: truncated, corrupt and deleted files end cleanly", "[media][player][faults]") {
  auto good = test::make_audio("fault.mp3", 4.0, "-c:a libmp3lame -b:a 128k");
  auto bytes = std::filesystem::file_size(good);

  auto truncated = test::media_dir() / "truncated.mp3";
  std::filesystem::copy_file(good, truncated, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(truncated, bytes / 2);

  auto corrupt = test::media_dir() / "corrupt.mp3";
  std::filesystem::copy_file(good, corrupt, std::filesystem::copy_options::overwrite_existing);
  {
    std::fstream f(corrupt, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(std::streamoff(bytes / 3));
    std::string junk(3000, '\x5a');
    f.write(junk.data(), std::streamsize(junk.size()));
  }
  auto deleted = test::media_dir() / "deleted.mp3";
  std::filesystem::copy_file(good, deleted, std::filesystem::copy_options::overwrite_existing);

  for (auto path : {truncated, corrupt, deleted}) {
    INFO(path);
    Playback pb(path.stem().string());
    REQUIRE(pb.player.open(path.string()).empty());
    if (path == deleted) std::filesystem::remove(deleted);
    pb.player.set_speed(2.0);  // shorter test
    pb.player.play();
    bool ended = false;
    CHECK(wait_until([&] {
      while (auto e = pb.player.poll_event()) ended |= e->type == media::PlayerEventType::end_of_file;
      return ended;
    }));
    if (path == truncated) CHECK(pb.player.position() == Approx(2.0).margin(0.3));
    else CHECK(pb.player.position() == Approx(4.0).margin(0.3));
  }
}

TEST_CASE("player: with no audio device the clock runs on its own", "[media][player][faults]") {
  auto path = test::make_audio("nodev.flac", 3.0, "-c:a flac");
  setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
  media::AudioPlayer player;
  REQUIRE(player.open(path.string()).empty());
  CHECK_FALSE(player.has_device());
  bool told = false;
  while (auto e = player.poll_event()) told |= e->type == media::PlayerEventType::no_device;
  CHECK(told);
  // The wall clock drives it: the position lies between the time slept and the time passed.
  auto t0 = std::chrono::steady_clock::now();
  player.play();
  std::this_thread::sleep_for(300ms);
  auto t1 = std::chrono::steady_clock::now();
  double p0 = player.position();
  auto t2 = std::chrono::steady_clock::now();
  CHECK(p0 >= std::chrono::duration<double>(t1 - t0).count() - 0.01);
  CHECK(p0 <= std::chrono::duration<double>(t2 - t0).count() + 0.01);
  player.seek(2.0);
  CHECK(player.position() == Approx(2.0).margin(0.02));
  player.pause();
  double p = player.position();
  std::this_thread::sleep_for(50ms);
  CHECK(player.position() == p);
}

TEST_CASE("player: a removed device is replaced and playback goes on", "[media][player][faults]") {
  auto path = test::make_audio("removed.flac", 6.0, "-c:a flac");
  Playback pb("removed");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.seek(2.0);
  pb.player.play();
  wait_for(pb.player, 0.3);
  double before = pb.player.position();
  SDL_Event e{};
  e.type = SDL_AUDIODEVICEREMOVED;
  e.adevice.which = 2;  // SDL numbers the first opened device 2 (1 is reserved for the legacy API)
  e.adevice.iscapture = 0;
  pb.player.handle_sdl_event(e);
  bool lost = false, reopened = false;
  while (auto ev = pb.player.poll_event()) {
    lost |= ev->type == media::PlayerEventType::device_lost;
    reopened |= ev->type == media::PlayerEventType::device_reopened;
  }
  CHECK(lost);
  CHECK(reopened);
  CHECK(pb.player.is_playing());
  CHECK(pb.player.position() == Approx(before).margin(0.05));
  CHECK(wait_until([&] { return pb.player.position() > before + 0.15; }));
}
