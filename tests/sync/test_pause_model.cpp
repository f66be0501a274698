// What a speaker's pauses say about sentence starts (sync/src/align/pause_model.h), and how the
// sentence placement uses it: a speaker who pauses as long inside a sentence as between two gets
// their sentences placed by length, not on the longest pause.
#include <catch2/catch.hpp>

#include <vector>

#include "align/pause_model.h"
#include "align/sentence_dp.h"

using tingdu::sync::align::PauseModel;
using tingdu::sync::align::Unit;

namespace {

// Units one after another: (pause before, seconds of speech) each.
std::vector<Unit> units_of(const std::vector<std::pair<double, double>>& spec) {
  std::vector<Unit> out;
  double t = 0;
  for (auto [pause, speech] : spec) {
    t += pause;
    out.push_back(Unit{0, 0, t, t + speech, pause, speech});
    t += speech;
  }
  return out;
}

// A speaker who pauses a second between sentences and as often a second inside them.
PauseModel long_pauses_everywhere() {
  PauseModel m;
  for (int i = 0; i < 50; ++i) m.count(1.0, true), m.count(1.0, false);
  for (int i = 0; i < 200; ++i) m.count(0, false);
  return m.learnt();
}

}  // namespace

TEST_CASE("pause model: under 20 sentence starts the prior stays", "[sentences]") {
  PauseModel m;
  for (int i = 0; i < 19; ++i) m.count(0.05, true);
  for (int i = 0; i < 100; ++i) m.count(0.5, false);
  const PauseModel learnt = m.learnt(), prior;
  for (double pause : {0.0, 0.05, 0.2, 0.5, 1.5}) CHECK(learnt.reward(pause) == prior.reward(pause));
}

TEST_CASE("pause model: learnt, a pause never says more than the prior nor less than a shorter one", "[sentences]") {
  const PauseModel learnt = long_pauses_everywhere(), prior;
  double last = learnt.reward(0);
  CHECK(last < 0);  // a cut inside speech: most of this speaker's cuts are inside sentences
  for (double pause = 0.02; pause < 2; pause += 0.02) {
    CHECK(learnt.reward(pause) <= prior.reward(pause));
    CHECK(learnt.reward(pause) >= last);
    last = learnt.reward(pause);
  }
  CHECK(learnt.reward(1.0) < prior.reward(1.0) - 3);  // a second's pause says little for this speaker
}

TEST_CASE("sentence placement: a speaker's long pauses inside sentences give way to the sentences' lengths", "[sentences]") {
  // Two sentences of the same length of text over 2 s, 2 s and 0.5 s of speech: by length the
  // second starts at the second unit (after a 0.1 s pause), by the longest pause at the third.
  const auto units = units_of({{0, 2.0}, {0.1, 2.0}, {1.0, 0.5}});
  const std::vector<double> text{10, 10};
  auto by_prior = tingdu::sync::align::place_sentences(units, 0, units.size(), text, PauseModel{});
  auto by_speaker = tingdu::sync::align::place_sentences(units, 0, units.size(), text, long_pauses_everywhere());
  REQUIRE(by_prior.ok);
  REQUIRE(by_speaker.ok);
  CHECK(by_prior.first == std::vector<std::size_t>{0, 2});
  CHECK(by_speaker.first == std::vector<std::size_t>{0, 1});
}
