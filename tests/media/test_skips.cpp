// Skipping stretches (media/player.h set_skips): what is skipped is not heard, and playback goes
// on from its end at the next sample, checked on the audio SDL's disk driver wrote.
#include <catch2/catch.hpp>

#include "play_to_end.h"

using namespace tingdu;

TEST_CASE("player: skipped stretches are gone from what is heard, seam to seam, with no gap", "[media][player][skips]") {
  const auto path = test::make_audio("skips.flac", 6.0, "-c:a flac");
  const auto out = test::media_dir() / "skips.out.f32";
  test::use_disk_driver(out);
  media::AudioPlayer player;
  REQUIRE(player.open(path.string()).empty());
  player.set_skips({{3.0, 3.5}, {1.0, 2.0}});  // in any order
  std::vector<int> idx;
  REQUIRE(test::play_to_end(player, out, idx));
  long start = test::first_run_after_ramp(idx);
  REQUIRE(start > 0);
  auto jumps = test::jumps_after(idx, std::size_t(start));
  REQUIRE(jumps.size() == 2);
  CHECK(jumps[0].from == (test::index_at(1.0) + test::kPeriod - 1) % test::kPeriod);
  CHECK(jumps[0].to == test::index_at(2.0));
  CHECK(jumps[1].from == (test::index_at(3.0) + test::kPeriod - 1) % test::kPeriod);
  CHECK(jumps[1].to == test::index_at(3.5));
}
