// Session: what a listener does a sentence at a time (session.h, "sentences" and "practice").
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "session.h"
#include "sync/time_format.h"

namespace tingdu::ui {

std::optional<std::size_t> Session::current_sentence() const {
  if (!has_episode()) return std::nullopt;
  return timeline_->sentence_at(reading_time());
}

void Session::activate_sentence(std::size_t sentence) {
  if (sentence >= timeline_->sentences().size()) return;
  const auto& s = timeline_->sentences()[sentence];
  if (past_audio_end(s.start))
    return say("this sentence (" + sync::format_clock(s.start) + ") lies past the end of the audio (" +
               sync::format_clock(player_.duration()) + ")");
  seek(s.start);
  follow = true;
  if (click_plays) play();
}

void Session::previous_sentence() {
  auto s = current_sentence();
  if (!s) return previous_turn();
  const auto& all = timeline_->sentences();
  // As previous_turn: the first press restarts the sentence being heard.
  if (position() - all[*s].start > 1.0 || *s == 0) return seek(all[*s].start);
  seek(all[*s - 1].start);
}

void Session::next_sentence() {
  auto s = current_sentence();
  const auto& all = timeline_->sentences();
  if (!s) {  // before the first turn, or in a gap: the next sentence that starts
    double at = position();
    auto it = std::find_if(all.begin(), all.end(), [&](const sync::TimedSentence& x) { return x.start > at; });
    if (it != all.end()) seek(it->start);
    return;
  }
  if (*s + 1 < all.size()) seek(all[*s + 1].start);
}

void Session::loop_sentence(std::size_t sentence) {
  if (sentence >= timeline_->sentences().size()) return;
  set_loop_span(timeline_->sentences()[sentence].start, sentence_loop_end(*timeline_, sentence, duration()), Entry::from_start);
}

void Session::loop_sentence() {
  if (auto s = current_sentence()) loop_sentence(*s);
}

std::string Session::anchor_sentence(std::size_t sentence, double at) {
  if (sentence >= timeline_->sentences().size()) return {};
  const auto& s = timeline_->sentences()[sentence];
  if (s.index == 0) return anchor_turn(s.turn, at);
  auto r = timeline_->anchor_sentence(s.turn, s.index, at);
  if (!r.ok) {
    say("cannot anchor that sentence: " + r.reason);
    return last_message();
  }
  save_anchors();
  say("sentence " + std::to_string(s.index + 1) + " of turn " + std::to_string(s.turn) + " starts at " +
      sync::format_clock_nearest(at) + " (anchored)");
  return last_message();
}

std::string Session::tap_sentence() {
  if (!has_episode() || timeline_->sentences().empty()) return {};
  const double now = position();
  std::size_t target;
  if (last_tap_sentence_ && std::abs(now - last_tap_sentence_time_) < kTapChainSeconds &&
      *last_tap_sentence_ + 1 < timeline_->sentences().size())
    target = *last_tap_sentence_ + 1;
  else
    target = current_sentence().value_or(0);
  std::string message = anchor_sentence(target, now);
  if (timeline_->sentences()[target].start == now) {
    last_tap_sentence_ = target;
    last_tap_sentence_time_ = now;
  }
  return message;
}

// ------------------------------------------------------------------ practice

void Session::set_practice(const PracticeSettings& settings) {
  practice_settings_ = settings;
  practice_settings_.shadow_factor = std::clamp(settings.shadow_factor, 0.5, 4.0);
  practice_settings_.repeat = std::clamp(settings.repeat, 1, 10);
  practice_.moved();  // new settings start on the sentence being heard
}

bool Session::your_turn() const {
  if (!practice_settings_.shadowing || !practice_.sentence() || !player_.is_open() || !player_.is_playing()) return false;
  // Through the silence after a hearing the playhead holds where it ended: at the loop's end
  // between the hearings of one sentence; after the last, where that loop ended (the loop in
  // effect is the next sentence's by then).
  const double at = position();
  auto loop = player_.loop();
  return (loop && std::abs(at - loop->second) < kAtStart) || (hearing_ended_ && std::abs(at - *hearing_ended_) < kAtStart);
}

std::string Session::practice_summary() const {
  const PracticeSettings& p = practice_settings_;
  std::string out;
  if (p.shadowing) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "shadowing (pause %.1fx)", p.shadow_factor);
    out = buf;
  }
  if (p.repeat > 1) out += std::string(out.empty() ? "" : ", ") + "each sentence " + std::to_string(p.repeat) + " times";
  if (p.listen_first) out += std::string(out.empty() ? "" : ", ") + "listen first";
  return out.empty() ? "practice off" : out;
}

void Session::toggle_shadowing() {
  PracticeSettings p = practice_settings_;
  p.shadowing = !p.shadowing;
  set_practice(p);
  say(practice_summary());
}

void Session::step_shadow_factor() {
  PracticeSettings p = practice_settings_;
  const auto& steps = kShadowFactors;
  auto it = std::find_if(std::begin(steps), std::end(steps), [&](double f) { return f > p.shadow_factor + 1e-6; });
  p.shadow_factor = it == std::end(steps) ? steps[0] : *it;
  p.shadowing = true;
  set_practice(p);
  say(practice_summary());
}

void Session::step_repeat() {
  PracticeSettings p = practice_settings_;
  const auto& steps = kRepeats;
  auto it = std::find_if(std::begin(steps), std::end(steps), [&](int n) { return n > p.repeat; });
  p.repeat = it == std::end(steps) ? steps[0] : *it;
  set_practice(p);
  say(practice_summary());
}

void Session::toggle_listen_first() {
  PracticeSettings p = practice_settings_;
  p.listen_first = !p.listen_first;
  set_practice(p);
  say(practice_summary());
}

void Session::practise() {
  practice_.step(*timeline_, player_, practice_settings_, practice_settings_.runs() && !loop_, speed_);
}

}  // namespace tingdu::ui
