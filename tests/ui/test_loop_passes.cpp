// How many times a loop is heard counts whole passes heard from A: a pass the listener joined
// in the middle is not one of them. The audio written through SDL's disk driver is checked.
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include "listener_fixture.h"

using namespace tingdu;
using test::Headless;
using test::Listener;

TEST_CASE("listener: \"2 times\" set inside a loop is two whole passes after the one joined midway", "[ui][listener][loop]") {
  Listener l("passes");
  Headless h(*l.session);
  // A section (not a whole number of the pattern's periods, so its seams show), looped until
  // cleared, joined in its middle.
  const double a = 10.0, b = 12.3, from = 11.0;
  l.session->seek(from);
  l.session->loop_range(a, b);
  REQUIRE(l.session->loop());
  h.type(SDLK_SPACE);
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > from + 0.3; }));
  l.session->set_loop_times(2);  // the listener picks "heard: 2 times"
  REQUIRE(test::wait_until(*l.session, [&] {
    h.frame();
    return !l.session->loop() && l.position() > b + 0.5;
  }, 60));
  auto idx = l.output();
  // The rest of the pass joined, then back to A twice: two whole passes, then on past B.
  auto jumps = test::jumps_after(idx, test::start_of_playback(idx, from), test::kMaxGap);
  REQUIRE(jumps.size() == 2);
  for (const auto& j : jumps) {
    CHECK(j.from == test::index_at(b) - 1);
    CHECK(j.to == test::index_at(a));
  }
}
