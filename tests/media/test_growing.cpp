// Playing a file while it downloads (media/growing_file.h): what has arrived plays, where it has
// not the player waits (silence), and it goes on exactly where it stopped; checked on the audio
// SDL's disk driver wrote.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "play_to_end.h"

using namespace tingdu;
using namespace std::chrono_literals;

TEST_CASE("player: a download plays as it arrives, waits where it has not, and goes on where it stopped", "[media][player][growing]") {
  const auto whole = test::make_audio("growing-source.flac", 12.0, "-c:a flac");
  std::ifstream in(whole, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const auto part = test::media_dir() / "growing.flac.part", final_path = test::media_dir() / "growing.flac";
  std::filesystem::remove(part);
  std::filesystem::remove(final_path);
  auto growing = std::make_shared<media::GrowingFile>(part.string(), final_path.string(), std::int64_t(bytes.size()));
  std::ofstream writer(part, std::ios::binary);
  auto deliver = [&](std::size_t upto) {
    static std::size_t done = 0;
    writer.write(bytes.data() + done, std::streamsize(upto - done));
    writer.flush();
    done = upto;
    growing->arrived(std::int64_t(upto));
  };
  REQUIRE(bytes.size() > 3 * std::size_t(media::GrowingFile::kBytesToOpen));
  deliver(std::size_t(media::GrowingFile::kBytesToOpen));  // what a player waits for before it opens

  const auto out = test::media_dir() / "growing.out.f32";
  test::use_disk_driver(out);
  media::AudioPlayer player;
  REQUIRE(player.open(final_path.string(), growing).empty());
  CHECK(player.duration() == Approx(12.0).margin(0.01));  // from the header: known before the rest arrives
  // The rest arrives in pieces, with a stall at half way: the next bytes come only once the
  // listener has heard up to near that edge, and a second later, so the player must wait there.
  std::atomic<double> heard_up_to{0};  // the test's thread reads the player (its one thread), the writer looks
  std::thread download([&] {
    std::this_thread::sleep_for(300ms);
    deliver(bytes.size() / 2);
    // Until the playhead has stood still for half a second past 3 s: waiting at the edge.
    auto limit = std::chrono::steady_clock::now() + 60s;
    double last = -1;
    auto still_since = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() < limit) {
      double now = heard_up_to.load();
      if (now != last) last = now, still_since = std::chrono::steady_clock::now();
      else if (now > 3.0 && std::chrono::steady_clock::now() - still_since > 500ms) break;
      std::this_thread::sleep_for(10ms);
    }
    for (int i = 1; i <= 4; ++i) {
      deliver(bytes.size() / 2 + bytes.size() / 2 * std::size_t(i) / 4);
      std::this_thread::sleep_for(100ms);
    }
    writer.close();
    std::filesystem::rename(part, final_path);  // as the downloader does once the file is whole
    growing->finish(true);
  });
  std::vector<int> idx;
  bool ended = test::play_to_end(player, out, idx, [&] { heard_up_to.store(player.position()); });
  download.join();
  REQUIRE(ended);

  // Every sample heard follows the one heard before it: the waits are silence, never a skip or
  // a repeat; and all of the file was heard.
  const int ramp = int(media::AudioPlayer::kRampSeconds * test::kRate);
  long start = test::first_run_after_ramp(idx);
  REQUIRE(start > 0);
  std::size_t heard = 0, silence = 0, longest_silence = 0;
  int previous = idx[std::size_t(start)];
  for (std::size_t i = std::size_t(start) + 1; i < idx.size(); ++i) {
    if (idx[i] == -1) {
      longest_silence = std::max(longest_silence, ++silence);
      continue;
    }
    silence = 0;
    INFO("output frame " << i);
    REQUIRE(idx[i] == (previous + 1) % test::kPeriod);
    previous = idx[i];
    ++heard;
  }
  CHECK(double(heard + std::size_t(ramp)) / test::kRate > 11.9);
  // It did wait at the edge (the trailing silence after the end is not counted: the loop ends at
  // the end of file, and what follows is the device's last buffers).
  CHECK(double(longest_silence) / test::kRate > 0.3);
}
