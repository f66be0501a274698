// What tells a speaker's sentences apart (sync/src/align/sentence_cues.h), and how the sentence
// placement uses it: a speaker who pauses as long inside a sentence as between two gets their
// sentences placed by length, not on the longest pause; one who keeps an even pace gets their
// sentences placed by length over a comma's pause as long as a sentence's.
#include <catch2/catch.hpp>

#include <vector>

#include "align/sentence_cues.h"
#include "align/sentence_dp.h"

using tingdu::sync::align::SentenceCues;
using tingdu::sync::align::Unit;
using tingdu::sync::align::place_sentences;

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

// A speaker who pauses a second between sentences and as often a second inside them, and whose
// sentences' lengths follow their text within a factor e^0.5.
SentenceCues long_pauses_everywhere() {
  SentenceCues c;
  for (int i = 0; i < 50; ++i) c.count_pause(1.0, true), c.count_pause(1.0, false), c.count_length(i % 2 ? 0.5 : -0.5);
  for (int i = 0; i < 200; ++i) c.count_pause(0, false);
  return c.learnt();
}

// A speaker who pauses 0.1-0.15 s between sentences and seldom inside them, at an even pace
// (lengths within 3% of their text's share).
SentenceCues even_pace() {
  SentenceCues c;
  for (int i = 0; i < 50; ++i) c.count_pause(0.12, true), c.count_length(i % 2 ? 0.03 : -0.03);
  for (int i = 0; i < 5; ++i) c.count_pause(0.12, false);
  for (int i = 0; i < 300; ++i) c.count_pause(0, false);
  return c.learnt();
}

}  // namespace

TEST_CASE("sentence cues: under 20 sentence starts the prior stays", "[sentences]") {
  SentenceCues c;
  for (int i = 0; i < 19; ++i) c.count_pause(0.05, true), c.count_length(0.01);
  for (int i = 0; i < 100; ++i) c.count_pause(0.5, false);
  const SentenceCues learnt = c.learnt(), prior;
  for (double pause : {0.0, 0.05, 0.2, 0.5, 1.5}) CHECK(learnt.pause_reward(pause) == prior.pause_reward(pause));
  CHECK(learnt.length_sigma() == prior.length_sigma());
}

TEST_CASE("sentence cues: learnt, a pause never says more than the prior nor less than a shorter one", "[sentences]") {
  const SentenceCues learnt = long_pauses_everywhere(), prior;
  double last = learnt.pause_reward(0);
  CHECK(last < 0);  // a cut inside speech: most of this speaker's cuts are inside sentences
  for (double pause = 0.02; pause < 2; pause += 0.02) {
    CHECK(learnt.pause_reward(pause) <= prior.pause_reward(pause));
    CHECK(learnt.pause_reward(pause) >= last);
    last = learnt.pause_reward(pause);
  }
  CHECK(learnt.pause_reward(1.0) < prior.pause_reward(1.0) - 3);  // a second's pause says little for this speaker
  CHECK(learnt.length_sigma() == Approx(0.5));
}

TEST_CASE("sentence cues: an even pace is learnt, though never trusted closer than 10%", "[sentences]") {
  CHECK(even_pace().length_sigma() == Approx(0.1));
  SentenceCues loose;
  for (int i = 0; i < 30; ++i) loose.count_pause(0.5, true), loose.count_length(i % 2 ? 0.8 : -0.8);
  CHECK(loose.learnt().length_sigma() == Approx(0.8));
}

TEST_CASE("sentence placement: a speaker's long pauses inside sentences give way to the sentences' lengths", "[sentences]") {
  // Two sentences of the same length of text over 2 s, 2 s and 0.5 s of speech: by length the
  // second starts at the second unit (after a 0.1 s pause), by the longest pause at the third.
  const auto units = units_of({{0, 2.0}, {0.1, 2.0}, {1.0, 0.5}});
  const std::vector<double> text{10, 10};
  auto by_prior = place_sentences(units, 0, units.size(), text, SentenceCues{});
  auto by_speaker = place_sentences(units, 0, units.size(), text, long_pauses_everywhere());
  REQUIRE(by_prior.ok);
  REQUIRE(by_speaker.ok);
  CHECK(by_prior.first == std::vector<std::size_t>{0, 2});
  CHECK(by_speaker.first == std::vector<std::size_t>{0, 1});
  REQUIRE(by_speaker.misfit.size() == 2);
  CHECK(by_speaker.misfit[0] == Approx(std::log(2.05 / 2.25)));
}

TEST_CASE("sentence placement: an even-paced speaker's sentence end is found by length beside a comma's pause", "[sentences]") {
  // Sentences of 10 and 20 characters over 1.0 s, a 0.1 s pause, 0.3 s, a 0.35 s pause (a comma)
  // and 1.7 s of speech: by length (1 s : 2 s) the second sentence starts after the 0.1 s pause;
  // the prior's pause reward takes the comma's longer one.
  const auto units = units_of({{0, 1.0}, {0.1, 0.3}, {0.35, 1.7}});
  const std::vector<double> text{10, 20};
  CHECK(place_sentences(units, 0, units.size(), text, SentenceCues{}).first == std::vector<std::size_t>{0, 2});
  CHECK(place_sentences(units, 0, units.size(), text, even_pace()).first == std::vector<std::size_t>{0, 1});
}
