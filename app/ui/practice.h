// Practising a sentence at a time, as a language learner does: each sentence heard `repeat`
// times and, when shadowing, each hearing followed by silence as long as it took (times a
// factor) to say it back, then on to the next sentence. It runs on the player's own loops: the
// loop of the sentence being practised, and queued behind it (AudioPlayer::queue_loop) the
// next one, so the repeats, the silences and the step to the next sentence are all exact to
// the sample. It stands aside while the listener has a loop of their own.
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

// Where a loop of sentence `i` ends (seconds): just after its speech (kTail), never into the
// next sentence (at most where that one starts, and at its own end when the next starts there
// or before), and at most `duration`.
double sentence_loop_end(const sync::Timeline& timeline, std::size_t i, double duration);

class SentencePractice {
 public:
  static constexpr double kTail = 0.3;
  // A hearing that began within this of its sentence's start (seconds) is a whole one: the
  // window notices the playhead entering a sentence a frame or two late.
  static constexpr double kWhole = 0.25;

  // Once a frame. `runs`: the settings ask for practice and no loop of the listener's holds the
  // player. Starts practice on the sentence at the playhead (or the next, if that one has had
  // its hearings), and keeps the next hearings queued behind the one playing; when practice
  // stops, takes its loop away. `speed`: the playback speed (the silences are heard seconds).
  void step(const sync::Timeline& timeline, media::AudioPlayer& player, const PracticeSettings& settings, bool runs,
            double speed);
  // The player reported a loop done: when it was the practice's (the player has gone on to the
  // hearings queued behind it), where its hearings ended (seconds); nullopt when it was the
  // listener's.
  std::optional<double> loop_done();
  // The listener's own loop replaced the practice's on the player: forget it (the player's
  // loop is theirs now).
  void release();
  // The listener moved the playhead (or changed the settings): practice starts over there.
  void moved();
  // The sentence being practised, while practice runs.
  std::optional<std::size_t> sentence() const;

 private:
  // One loop on the player: `times` hearings of a sentence, [a, b) seconds.
  struct Hearings {
    std::size_t sentence = 0;
    double a = 0, b = 0;
    bool partial = false;  // begun inside the sentence: one hearing, its silence as long as what was heard
  };
  // Queues what follows `current_`: the sentence's whole hearings after a partial one, or the
  // next sentence.
  void queue_next(const sync::Timeline& timeline, media::AudioPlayer& player, const PracticeSettings& settings,
                  double speed);

  std::optional<Hearings> current_;  // the loop the player holds
  std::optional<Hearings> queued_;   // queued behind it on the player
  bool restart_ = false;             // the playhead moved: start over where it is
  std::optional<std::size_t> done_;  // the last sentence that has had its hearings
};

}  // namespace tingdu::ui
