// Practising a sentence at a time, as a language learner does: each sentence heard `repeat`
// times and, when shadowing, each hearing followed by silence as long as it took (times a
// factor) to say it back, then on to the next sentence. It runs on the player's own loop, so
// the repeats and the silences are exact to the sample (AudioPlayer::set_loop's gap), and it
// stands aside while the listener has a loop of their own.
//
// Threads: UI thread only.
#pragma once

#include <cstddef>
#include <optional>

#include "media/player.h"
#include "sync/timeline.h"

namespace tingdu::ui {

struct PracticeSettings {
  bool shadowing = false;
  double shadow_factor = 1.0;  // the silence after a hearing, as a multiple of its length
  int repeat = 1;              // hearings of each sentence before the next
  bool listen_first = false;   // the transcript hides what has not been heard yet (a view setting)

  bool runs() const { return shadowing || repeat > 1; }
  bool operator==(const PracticeSettings&) const = default;
};

// Where a loop of sentence `i` ends: just after its speech (kTail), never into the next
// sentence's speech when that is known; when the next start is only estimated, a little later
// (its uncertainty, at most kSlack), since cutting the last words is worse than hearing the next
// begin. At most `duration`.
double sentence_loop_end(const sync::Timeline& timeline, std::size_t i, double duration);

class SentencePractice {
 public:
  static constexpr double kTail = 0.3, kSlack = 2.0;

  // Once a frame. `runs`: the settings ask for practice and no loop of the listener's holds the
  // player. Sets the player's loop on the sentence to practise (the one playing, or the next
  // once it has had its hearings); when practice stops, takes its loop away.
  void step(const sync::Timeline& timeline, media::AudioPlayer& player, const PracticeSettings& settings, bool runs,
            double speed);
  // The player reported a loop done: true when it was the practice's (its sentence has had
  // its hearings), false when it was the listener's.
  bool loop_done();
  // The listener's own loop replaced the practice's on the player: forget it (the player's
  // loop is theirs now).
  void release() { looping_.reset(); }
  // The listener moved the playhead: the sentence there is practised from the start.
  void moved() { done_.reset(); }
  // The sentence being practised, while practice runs.
  std::optional<std::size_t> sentence() const { return looping_; }

 private:
  std::optional<std::size_t> looping_;  // the sentence whose loop the player holds
  double looping_start_ = 0, looping_end_ = 0;  // that loop (seconds)
  std::optional<std::size_t> done_;     // the sentence that has had its hearings
  double done_end_ = 0;                 // where its loop ended
};

}  // namespace tingdu::ui
