// Practice a sentence at a time as a learner hears it, sentence after sentence: every pause
// meets the sentence that follows at that sentence's first sample, with nothing between (no
// part of it heard, then a jump back to its start), and a pause follows what was heard. The
// audio written through SDL's disk driver is checked.
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <cmath>
#include <utility>
#include <vector>

#include "long_turn.h"

using namespace tingdu;
using test::Headless;
using test::Listener;

namespace {

// Pauses are a sentence long (seconds); silences this short are device buffers on a loaded machine.
constexpr std::size_t kPauseAtLeast = test::kRate / 4;

}  // namespace

TEST_CASE("sentences: shadowing's pauses meet each next sentence at its first sample", "[ui][listener][sentences][practice]") {
  Listener l("shadow-seams", test::write_long_turn("shadow-seams"));
  Headless h(*l.session);
  test::settle(l);
  h.type(SDLK_h);
  REQUIRE(l.session->practice().shadowing);
  const auto& tl = l.session->timeline();
  const std::size_t first = test::sentence_of_long_turn(*l.session, 1);
  constexpr std::size_t kSentences = 3;
  l.session->activate_sentence(first);
  REQUIRE(l.session->playing());
  REQUIRE(test::wait_until(*l.session, [&] {
    h.frame();
    return l.session->practice_sentence() == first + kSentences &&
           l.position() > tl.sentences()[first + kSentences].start + 0.2;
  }, 120));
  std::vector<std::pair<double, double>> loops;  // each sentence's, read before the window closes
  for (std::size_t s = first; s <= first + kSentences; ++s)
    loops.emplace_back(tl.sentences()[s].start, ui::sentence_loop_end(tl, s, l.session->duration()));
  auto idx = l.output();
  // (The first sentence is heard from just after play()'s fade-in.)
  std::size_t at = test::start_of_playback(idx, loops[0].first);
  auto pauses = test::silences_after(idx, at, kPauseAtLeast);
  REQUIRE(pauses.size() >= kSentences);
  for (std::size_t k = 0; k < kSentences; ++k) {
    const auto [a, b] = loops[k];
    INFO("sentence " << first + k << " [" << a << ", " << b << ")");
    // Heard whole to its last sample, with no jump...
    CHECK(test::jumps_after(idx, at, test::kMaxGap).empty());
    CHECK(idx[pauses[k].at - 1] == test::index_at(b) - 1);
    // ...then a pause as long as it...
    CHECK(double(pauses[k].length) == Approx((b - a) * test::kRate).margin(2));
    // ...and right after it the next sentence's first sample.
    at = pauses[k].at + pauses[k].length;
    CHECK(idx[at] == test::index_at(loops[k + 1].first));
  }
}

TEST_CASE("sentences: shadowing switched on just before a sentence ends pauses for what was heard", "[ui][listener][sentences][practice]") {
  Listener l("shadow-late", test::write_long_turn("shadow-late"));
  Headless h(*l.session);
  test::settle(l);
  const auto& tl = l.session->timeline();
  const std::size_t s = test::sentence_of_long_turn(*l.session, 2);
  const double a = tl.sentences()[s].start, b = ui::sentence_loop_end(tl, s, l.session->duration());
  const double from = b - 1.0, late = b - 0.35;
  REQUIRE(from > a);
  l.session->seek(from);
  h.type(SDLK_SPACE);
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() >= late; }));
  h.type(SDLK_h);
  REQUIRE(l.session->practice().shadowing);
  const double next = tl.sentences()[s + 1].start;
  REQUIRE(test::wait_until(*l.session, [&] {
    h.frame();
    return l.session->practice_sentence() == s + 1 && l.position() > next + 0.2;
  }, 90));
  auto idx = l.output();
  const std::size_t at = test::start_of_playback(idx, from) - std::size_t(test::kRamp + 1);
  auto pauses = test::silences_after(idx, at, test::kMaxGap + 1);  // not the short one H's seek may leave
  REQUIRE(!pauses.empty());
  // The rest of the sentence to its end, then a pause no longer than what was left of it when
  // H was pressed (not the whole sentence's)...
  CHECK(idx[pauses[0].at - 1] == test::index_at(b) - 1);
  CHECK(pauses[0].length <= std::size_t(std::llround((b - late) * test::kRate)) + 2);
  // ...then the next sentence from its first sample.
  CHECK(idx[pauses[0].at + pauses[0].length] == test::index_at(next));
}
