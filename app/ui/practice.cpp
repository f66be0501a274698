#include "practice.h"

#include <algorithm>

namespace tingdu::ui {

double sentence_loop_end(const sync::Timeline& timeline, std::size_t i, double duration) {
  const auto& all = timeline.sentences();
  const sync::TimedSentence& s = all[i];
  double end = s.end + SentencePractice::kTail;
  if (i + 1 < all.size()) {
    const sync::TimedSentence& next = all[i + 1];
    if (next.source == sync::TimeSource::estimated) end += std::min(SentencePractice::kSlack, next.uncertainty);
    else if (next.start > s.end) end = std::min(end, next.start);
  }
  return std::min(end, duration);
}

void SentencePractice::step(const sync::Timeline& timeline, media::AudioPlayer& player, const PracticeSettings& settings,
                            bool runs, double speed) {
  if (!runs) {
    if (looping_) player.clear_loop();
    looping_.reset();
    done_.reset();
    return;
  }
  if (!player.is_open() || !player.is_playing()) return;
  const double heard = player.position();
  // The loop set holds while the playhead is inside it, even where it runs into the next
  // sentence (its end being only estimated).
  if (looping_ && heard >= looping_start_ - 1e-3 && heard < looping_end_) return;
  auto current = timeline.sentence_at(heard);
  if (!current) return;
  // While the last hearing's silence plays the playhead holds at its end: the next loop waits
  // for it (setting one could re-seek and cut the silence short).
  if (done_ && heard <= done_end_ + 1e-3) return;
  std::size_t target = *current;
  if (done_ == target) {
    // Its hearings are over: the next sentence's loop waits ahead of the playhead.
    if (target + 1 >= timeline.sentences().size()) return;
    ++target;
  }
  if (looping_ == target) return;
  const double a = timeline.sentences()[target].start, b = sentence_loop_end(timeline, target, player.duration());
  if (b <= a) return;
  const double gap = settings.shadowing ? settings.shadow_factor * (b - a) / speed : 0.0;
  // Arrived from the sentence before, already past this one's start (the loop before ran into
  // it, its end being only estimated): hear it from its start.
  const bool next_in_line = done_ && target == *done_ + 1;
  player.set_loop(a, b, std::max(1, settings.repeat), gap);
  if (next_in_line && heard > a) player.seek(a);
  looping_ = target;
  looping_start_ = a;
  looping_end_ = b;
}

bool SentencePractice::loop_done() {
  if (!looping_) return false;
  done_ = looping_;
  done_end_ = looping_end_;
  looping_.reset();
  return true;
}

}  // namespace tingdu::ui
