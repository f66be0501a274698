// The player end to end through SDL's real disk driver: what SDL wrote is compared with the
// signal, whose every sample tells its position. Loops are in test_loops.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include <SDL.h>

#include "playback.h"

using namespace tingdu;
using namespace std::chrono_literals;
using test::Playback;
using test::kRamp;
using test::wait_for;
using test::wait_until;

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
