#include "practice.h"

#include <algorithm>

#include "at_start.h"

namespace tingdu::ui {
namespace {

// The silence after a hearing of `heard` seconds of speech, in seconds heard at `speed`.
double silence(const PracticeSettings& settings, double heard, double speed) {
  return settings.shadowing ? settings.shadow_factor * heard / speed : 0.0;
}

}  // namespace

double sentence_loop_end(const sync::Timeline& timeline, std::size_t i, double duration) {
  const auto& all = timeline.sentences();
  const sync::TimedSentence& s = all[i];
  double end = s.end + SentencePractice::kTail;
  // Sentences that meet (estimated ones do: each ends where the next starts) leave no room for
  // a tail, and one that starts before this one's end is already inside it.
  if (i + 1 < all.size()) end = std::min(end, std::max(s.end, all[i + 1].start));
  return std::min(end, duration);
}

void SentencePractice::step(const sync::Timeline& timeline, media::AudioPlayer& player, const PracticeSettings& settings,
                            bool runs, double speed) {
  if (!runs) {
    if (current_) player.clear_loop();
    current_.reset();
    queued_.reset();
    done_.reset();
    return;
  }
  if (!player.is_open() || !player.is_playing()) return;
  // The player still holds the practice's loop: the hearings go on by themselves.
  if (current_ && !restart_ && player.loop() == std::pair{current_->a, current_->b}) {
    if (!queued_) queue_next(timeline, player, settings, speed);
    return;
  }
  // Just moved to a sentence's start, the playhead reads back a hair before it (kAtStart).
  const double heard = player.position() + kAtStart;
  auto at = timeline.sentence_at(heard);
  if (!at) return;
  std::size_t target = *at;
  if (done_ == target) {  // its hearings are over: the next sentence's loop waits ahead of the playhead
    if (target + 1 >= timeline.sentences().size()) return;
    ++target;
  }
  const double a = timeline.sentences()[target].start, b = sentence_loop_end(timeline, target, player.duration());
  if (b <= a || heard >= b) return;
  // Begun inside the sentence: the silence follows what was heard, and that hearing is not one
  // of the sentence's whole ones.
  const bool partial = heard > a + kWhole;
  player.set_loop(a, b, partial ? 1 : settings.repeat, silence(settings, b - (partial ? heard : a), speed));
  current_ = Hearings{target, a, b, partial};
  queued_.reset();
  restart_ = false;
  queue_next(timeline, player, settings, speed);
}

void SentencePractice::queue_next(const sync::Timeline& timeline, media::AudioPlayer& player,
                                  const PracticeSettings& settings, double speed) {
  Hearings next{current_->sentence, current_->a, current_->b, false};
  if (!current_->partial || settings.repeat == 1) {
    next.sentence = current_->sentence + 1;
    if (next.sentence >= timeline.sentences().size()) return;
    next.a = timeline.sentences()[next.sentence].start;
    next.b = sentence_loop_end(timeline, next.sentence, player.duration());
    if (next.b <= next.a) return;
  }
  player.queue_loop(next.a, next.b, settings.repeat, silence(settings, next.b - next.a, speed));
  queued_ = next;
}

std::optional<double> SentencePractice::loop_done() {
  if (!current_) return std::nullopt;
  const double ended = current_->b;
  done_ = current_->sentence;
  current_ = queued_;
  queued_.reset();
  return ended;
}

void SentencePractice::release() {
  current_.reset();
  queued_.reset();
}

void SentencePractice::moved() {
  restart_ = true;
  done_.reset();
}

std::optional<std::size_t> SentencePractice::sentence() const {
  if (!current_) return std::nullopt;
  return current_->sentence;
}

}  // namespace tingdu::ui
