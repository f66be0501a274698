// A-B loops, counted loops, their gaps and the loops queued behind them, through SDL's real
// disk driver: what SDL wrote is compared with the signal, whose every sample tells its position.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "playback.h"

using namespace tingdu;
using test::Playback;
using test::kRamp;
using test::wait_for;
using test::wait_until;

namespace {

// Checks one pass in the output from frame `i` up to media time `to` (no jump inside it), then
// silence of exactly `gap` seconds; returns the frame after the silence.
std::size_t pass_then_gap(const std::vector<int>& idx, std::size_t i, double to, double gap) {
  const int last = test::index_at(to) - 1;
  bool whole = true;
  for (; i + 1 < idx.size() && idx[i] != last; ++i) whole = whole && idx[i + 1] == (idx[i] + 1) % test::kPeriod;
  CHECK(whole);
  std::size_t quiet = 0;
  while (i + 1 + quiet < idx.size() && idx[i + 1 + quiet] == -1) ++quiet;
  CHECK(quiet == std::size_t(std::llround(gap * test::kRate)));
  return i + 1 + quiet;
}

}  // namespace

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
    i = pass_then_gap(idx, i, p.to, p.gap);
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

TEST_CASE("player: a counted loop whose B is the playhead's frame has had its pass", "[media][player][loop]") {
  // A playhead moved to a start reads back up to half a frame early: a loop ending there (the
  // sentence before, say) must count as heard, not wait at B for a seam the decoder is past.
  auto path = test::make_audio("at-b.flac", 4.0, "-c:a flac");
  Playback pb("at-b");
  REQUIRE(pb.player.open(path.string()).empty());
  pb.player.seek(1.0);
  const double b = 1.0 + 0.4 / test::kRate;  // the same frame as the playhead, in seconds a hair later
  pb.player.set_loop(0.8, b, 1);
  CHECK_FALSE(pb.player.loop());
  std::vector<media::PlayerEvent> events;
  REQUIRE(wait_until([&] {
    while (auto e = pb.player.poll_event()) events.push_back(*e);
    return !events.empty();
  }));
  CHECK(events.front().type == media::PlayerEventType::loop_done);
}

TEST_CASE("player: loops that meet follow each other: the gap, then the next from B's own sample", "[media][player][loop]") {
  // Sentences with estimated times end where the next begins: practice hears one, is silent,
  // then hears the next from the sample the first stopped before.
  auto path = test::make_audio("meet.flac", 6.0, "-c:a flac");
  Playback pb("meet");
  REQUIRE(pb.player.open(path.string()).empty());
  const double a = 1.2, b = 1.5, c = 1.9, gap = 0.3;
  pb.player.seek(a);
  pb.player.set_loop(a, b, 1, gap);
  pb.player.queue_loop(b, c, 1, gap);
  pb.player.play();
  int done = 0;
  REQUIRE(wait_until([&] {
    while (auto e = pb.player.poll_event()) done += e->type == media::PlayerEventType::loop_done;
    return done == 2 && pb.player.position() > c + 0.2;
  }));
  auto idx = pb.indices();
  long start = test::find_run(idx, (test::index_at(a) + kRamp + 1) % test::kPeriod);
  REQUIRE(start > 0);
  // A..B, gap, B..C, gap, then on from C: no sample repeated or lost at either seam.
  std::size_t i = std::size_t(start);
  for (double end : {b, c}) {
    INFO("pass to " << end);
    i = pass_then_gap(idx, i, end, gap);
    REQUIRE(i < idx.size());
    CHECK(idx[i] == test::index_at(end));
  }
}
