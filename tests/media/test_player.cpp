// The player end to end through SDL's real disk driver: what SDL wrote is compared with the
// signal, whose every sample tells its position.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
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
    std::vector<int> out_idx;
    for (float v : test::read_f32(out)) out_idx.push_back(v == 0.0f ? -1 : test::index_of(v));
    return out_idx;
  }
};

void wait_for(media::AudioPlayer& p, double seconds) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    while (p.poll_event()) {
    }
    std::this_thread::sleep_for(5ms);
  }
}

const int kRamp = int(media::AudioPlayer::kRampSeconds * test::kRate);

// Index in `idx` where the run `first, first+1, ...` starts (after position `from`), or -1.
long find_run(const std::vector<int>& idx, int first, std::size_t from = 0, int length = 64) {
  for (std::size_t i = from; i + std::size_t(length) < idx.size(); ++i) {
    if (idx[i] != first) continue;
    bool run = true;
    for (int k = 1; k < length && run; ++k) run = idx[i + std::size_t(k)] == (first + k) % test::kPeriod;
    if (run) return long(i);
  }
  return -1;
}

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
  long start = find_run(idx, kRamp + 1);
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
  long at = find_run(idx, expected, std::size_t(0.2 * test::kRate));
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
  pb.player.set_loop(a, b, 3);
  pb.player.play();
  wait_for(pb.player, 1.6);
  auto idx = pb.indices();
  const int ia = int(a * test::kRate) % test::kPeriod, ib = int(b * test::kRate) % test::kPeriod;
  long start = find_run(idx, (int(0.6 * test::kRate) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  int seams = 0;
  for (std::size_t i = std::size_t(start) + 1; i < idx.size() && idx[i] != -1; ++i) {
    int prev = idx[i - 1], cur = idx[i];
    if (cur == (prev + 1) % test::kPeriod) continue;
    INFO("at output frame " << i << ": " << prev << " -> " << cur);
    REQUIRE(prev == ib - 1);
    REQUIRE(cur == ia);
    ++seams;
  }
  CHECK(seams == 3);  // looped three times, then played on
}

TEST_CASE("player: position() follows what the device has consumed", "[media][player][clock]") {
  auto path = test::make_audio("clock.flac", 6.0, "-c:a flac");
  Playback pb("clock");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.play();
  wait_for(pb.player, 0.3);
  const double period = 1024.0 / test::kRate;
  // While playing: smooth, never backwards, and advancing with the wall clock.
  std::vector<double> offsets;
  double previous = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 40; ++i) {
    double p = pb.player.position();
    CHECK(p >= previous);
    previous = p;
    offsets.push_back(p - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    std::this_thread::sleep_for(23ms);
  }
  auto [lo, hi] = std::minmax_element(offsets.begin(), offsets.end());
  CHECK(*hi - *lo < 2 * period);  // one period of callback jitter either way
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
    auto t0 = std::chrono::steady_clock::now();
    wait_for(pb.player, 1.0);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double pos = pb.player.position();
    CHECK(pos == Approx(1.0 + wall * speed).margin(0.15));
    auto written = test::read_f32(pb.out).size();
    pb.player.close();
    // Output lasts wall time, not media time: about a second of frames, at either speed.
    CHECK(double(written) / test::kRate == Approx(wall + 1024.0 / test::kRate).margin(0.15));
  }
}

TEST_CASE("player: end of file is reported once, play starts over", "[media][player]") {
  auto path = test::make_audio("short.flac", 0.5, "-c:a flac");
  Playback pb("short");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.play();
  int ends = 0;
  auto until = std::chrono::steady_clock::now() + 1.2s;
  while (std::chrono::steady_clock::now() < until) {
    while (auto e = pb.player.poll_event()) ends += e->type == media::PlayerEventType::end_of_file;
    std::this_thread::sleep_for(5ms);
  }
  CHECK(ends == 1);
  CHECK_FALSE(pb.player.is_playing());
  CHECK(pb.player.position() == Approx(0.5).margin(0.03));
  pb.player.play();
  wait_for(pb.player, 0.1);
  CHECK(pb.player.position() < 0.2);
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
    auto until = std::chrono::steady_clock::now() + 3s;
    while (!ended && std::chrono::steady_clock::now() < until) {
      while (auto e = pb.player.poll_event()) ended |= e->type == media::PlayerEventType::end_of_file;
      std::this_thread::sleep_for(10ms);
    }
    CHECK(ended);
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
  player.play();
  std::this_thread::sleep_for(300ms);
  CHECK(player.position() == Approx(0.3).margin(0.08));
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
  wait_for(pb.player, 0.3);
  CHECK(pb.player.position() > before + 0.15);
}
