// A listener working a sentence at a time, in the window, against a real player on SDL's disk
// driver: the audio it wrote is checked. The pattern audio has no speech, so the sentences keep
// their estimated times (a share of each turn by their units), which the tests read from the
// timeline.
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <algorithm>

#include "long_turn.h"

using namespace tingdu;
using test::Headless;
using test::Listener;
using test::settle;
using test::sentence_of_long_turn;
using test::write_long_turn;

namespace {

// The sentence drawn on screen, as last drawn.
std::optional<ui::TranscriptPane::DrawnSentence> drawn(const Headless& h, std::size_t sentence) {
  for (const auto& d : h.view.transcript().drawn_sentences())
    if (d.sentence == sentence) return d;
  return std::nullopt;
}

ImVec2 middle(const ImVec4& r) { return ImVec2(r.x + r.z / 2, r.y + r.w / 2); }

}  // namespace

TEST_CASE("sentences: a click in the middle of a long turn plays from that sentence", "[ui][listener][sentences]") {
  Listener l("click-sentence", write_long_turn("click-sentence"));
  Headless h(*l.session);
  settle(l);
  h.frame(3);
  REQUIRE(l.session->timeline().sentences().size() == 10);
  const std::size_t fifth = sentence_of_long_turn(*l.session, 4);
  const double start = l.session->timeline().sentences()[fifth].start;
  REQUIRE(start > l.session->timeline().start_of(1) + 5);  // well inside the turn
  auto target = drawn(h, fifth);
  REQUIRE(target);
  h.click(middle(target->rect));
  CHECK(l.position() == Approx(start).margin(0.001));
  CHECK(l.session->playing());
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > start + 0.5; }));
  CHECK(l.session->current_sentence() == fifth);
  // What the listener heard first is that sentence's first sample.
  auto idx = l.output();
  CHECK(test::start_of_playback(idx, start) > 0);
}

TEST_CASE("sentences: S loops the sentence being spoken, and the output repeats exactly it, none of the next", "[ui][listener][sentences][loop]") {
  Listener l("loop-sentence", write_long_turn("loop-sentence"));
  Headless h(*l.session);
  settle(l);
  // The answer's first sentence: its loop is not a whole number of the pattern's periods long
  // (most of this turn's are), so the jumps back to its start show in the output.
  const std::size_t first = sentence_of_long_turn(*l.session, 0);
  const auto& s = l.session->timeline().sentences()[first];
  const double next = l.session->timeline().sentences()[first + 1].start;
  const double from = s.start + 0.2;
  l.session->seek(from);
  h.type(SDLK_SPACE);
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > from + 0.3; }));
  h.type(SDLK_s);
  REQUIRE(l.session->loop());
  const double a = l.session->loop()->first, b = l.session->loop()->second;
  CHECK(a == s.start);
  // Just after its speech, with a short tail where there is room before the next sentence
  // (estimated sentences meet: then none)...
  CHECK(b >= s.end);
  CHECK(b <= s.end + ui::SentencePractice::kTail);
  if (next > s.end) CHECK(b > s.end);
  CHECK(b <= next);  // ...and none of the next sentence, though its start is only estimated
  REQUIRE(std::llround((b - a) * test::kRate) % test::kPeriod != 0);
  REQUIRE(test::wait_for_wraps(l, 2, 90));
  auto idx = l.output();
  // Back to the sentence's start at once (S starts it over), then exact seams B -> A.
  test::check_loops(test::jumps_after(idx, test::start_of_playback(idx, from), test::kMaxGap), a, b, 3);
}

TEST_CASE("sentences: shadowing pauses after each sentence as long as it lasted, says it is the listener's turn, then goes on", "[ui][listener][sentences][practice]") {
  Listener l("shadowing", write_long_turn("shadowing"));
  Headless h(*l.session);
  settle(l);
  h.type(SDLK_h);
  REQUIRE(l.session->practice().shadowing);
  CHECK(l.session->practice().shadow_factor == 1.0);
  const std::size_t second = sentence_of_long_turn(*l.session, 1);
  const auto& tl = l.session->timeline();
  const double a = tl.sentences()[second].start, b = ui::sentence_loop_end(tl, second, l.session->duration());
  const double next = tl.sentences()[second + 1].start;
  l.session->activate_sentence(second);
  REQUIRE(l.session->playing());
  auto says_your_turn = [&] { return h.view.transport().status_line().find("your turn") != std::string::npos; };
  h.frame();
  CHECK_FALSE(says_your_turn());
  // It pauses: the playhead holds at the sentence's end while playing, and the status line says
  // it is the listener's turn...
  bool held = false;
  REQUIRE(test::wait_until(*l.session, [&] {
    h.frame();
    // (the sentence just heard stays the current one: it is the one to say back)
    held = held || (l.session->playing() && std::abs(l.position() - b) < 1e-4 && says_your_turn() &&
                    l.session->current_sentence() == second);
    return held;
  }, 90));
  // ...then goes on to the next sentence, from its start, and no longer says so.
  REQUIRE(test::wait_until(*l.session, [&] {
    h.frame();
    return l.session->practice_sentence() == second + 1 && l.position() > next + 0.2;
  }, 90));
  h.frame();
  CHECK_FALSE(says_your_turn());
  auto idx = l.output();
  // The sentence, then silence exactly as long as it, then speech again. (The pattern repeats
  // every kPeriod frames: the sentence's last sample is found by counting from its first.)
  const std::size_t first = test::start_of_playback(idx, a) - std::size_t(test::kRamp + 1);
  const std::size_t at = first + std::size_t(std::llround(b * test::kRate) - std::llround(a * test::kRate)) - 1;
  REQUIRE(at < idx.size());
  CHECK(idx[at] == test::index_at(b) - 1);
  std::size_t quiet = 0;
  while (at + 1 + quiet < idx.size() && idx[at + 1 + quiet] == -1) ++quiet;
  CHECK(double(quiet) == Approx((b - a) * test::kRate).margin(2));
  // The next sentence is heard from its first sample soon after (within a device buffer or two,
  // the time the window takes to set its loop).
  long resumed = test::find_run(idx, test::index_at(next), at + 1 + quiet);
  REQUIRE(resumed > 0);
}

TEST_CASE("sentences: R hears each sentence twice, then the next", "[ui][listener][sentences][practice]") {
  Listener l("repeat", write_long_turn("repeat"));
  Headless h(*l.session);
  settle(l);
  h.type(SDLK_r);
  REQUIRE(l.session->practice().repeat == 2);
  // The answer's first sentence: its loop is not a whole number of the pattern's periods long
  // (most of this turn's are), so the jump back to its start shows in the output.
  const std::size_t first = sentence_of_long_turn(*l.session, 0);
  const auto& tl = l.session->timeline();
  const double a = tl.sentences()[first].start, b = ui::sentence_loop_end(tl, first, l.session->duration());
  REQUIRE(std::llround((b - a) * test::kRate) % test::kPeriod != 0);
  l.session->activate_sentence(first);
  REQUIRE(test::wait_until(*l.session, [&] {
    h.frame();
    return l.session->practice_sentence() == first + 1;
  }, 90));
  auto idx = l.output();
  auto jumps = test::jumps_after(idx, test::start_of_playback(idx, a), test::kMaxGap);
  REQUIRE(!jumps.empty());
  CHECK(jumps[0].from == test::index_at(b) - 1);  // heard to its end...
  CHECK(jumps[0].to == test::index_at(a));        // ...then once more from its start
}

TEST_CASE("sentences: listen first hides what has not been spoken, hover and playback show it", "[ui][listener][sentences]") {
  Listener l("listen-first", write_long_turn("listen-first"));
  Headless h(*l.session);
  settle(l);
  const std::size_t third = sentence_of_long_turn(*l.session, 2);
  const auto& tl = l.session->timeline();
  l.session->seek(tl.sentences()[third].start + 0.1);
  h.type(SDLK_v);
  REQUIRE(l.session->practice().listen_first);
  h.frame(2);
  for (std::size_t i : {third - 1, third}) {
    auto d = drawn(h, i);
    REQUIRE(d);
    CHECK_FALSE(d->hidden);  // heard, or being spoken
  }
  auto later = drawn(h, third + 2);
  REQUIRE(later);
  CHECK(later->hidden);
  // Hovering a hidden sentence shows it.
  ImGui::GetIO().MousePos = middle(later->rect);
  h.frame(2);
  CHECK_FALSE(drawn(h, third + 2)->hidden);
  ImGui::GetIO().MousePos = ImVec2(1, 1);
  h.frame(2);
  CHECK(drawn(h, third + 2)->hidden);
  // Once playback reaches it, it stays shown.
  l.session->seek(tl.sentences()[third + 2].start + 0.05);
  h.frame(2);
  CHECK_FALSE(drawn(h, third + 2)->hidden);
  CHECK(drawn(h, third + 3)->hidden);
  // V again: everything shows.
  h.type(SDLK_v);
  h.frame();
  for (const auto& d : h.view.transcript().drawn_sentences()) CHECK_FALSE(d.hidden);
}

TEST_CASE("sentences: Up and Down step by sentence, Shift+T pins the one heard starting", "[ui][sentences][anchors]") {
  Listener l("sentence-keys", write_long_turn("sentence-keys"));
  Headless h(*l.session);
  settle(l);
  const auto& tl = l.session->timeline();
  const std::size_t fifth = sentence_of_long_turn(*l.session, 4);
  l.session->seek(tl.sentences()[fifth].start + 2.0);
  h.type(SDLK_UP);  // more than a second in: back to this sentence's start
  CHECK(l.position() == Approx(tl.sentences()[fifth].start));
  h.type(SDLK_UP);  // at its start: the one before
  CHECK(l.position() == Approx(tl.sentences()[fifth - 1].start));
  h.type(SDLK_DOWN);
  h.type(SDLK_DOWN);
  CHECK(l.position() == Approx(tl.sentences()[fifth + 1].start));
  // Shift+T: the sentence heard starting now (the highlighted one) starts at the playhead.
  const double at = tl.sentences()[fifth + 1].start + 0.7;
  l.session->seek(at);
  h.type(SDLK_t, 0, KMOD_LSHIFT);
  const auto& pinned = tl.sentence_anchors();
  REQUIRE(pinned.size() == 1);
  CHECK(pinned.begin()->first == std::pair<std::size_t, std::uint32_t>(1, 5));
  CHECK(tl.sentences()[fifth + 1].start == Approx(at));
  CHECK(tl.sentences()[fifth + 1].source == sync::TimeSource::anchored);
  // Undone with Ctrl+Z, like a turn's pin.
  h.type(SDLK_z, 0, KMOD_LCTRL);
  CHECK(tl.sentence_anchors().empty());
}
