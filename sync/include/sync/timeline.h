// The timeline: when each chapter and turn is spoken, and what is playing at any moment.
//
// Only some times are known (chapter starts from the outline, times a subtitle file gives,
// times the listener pinned); the rest are estimated between them in proportion to how long
// each turn takes to say (see speech_units.h). Every time says where it came from and, when
// estimated, how unsure it is.
//
// Intervals are half-open, in seconds of media time:
//   - turn k owns [start(k), start(k+1)); the last turn owns [start(last), duration).
//   - chapter c owns [start(c), start(c+1)); the last chapter owns [start(last), duration).
//   - a turn's `end` is where its speech stops: the source's end time when the file gives one
//     (it may leave a gap before the next turn), the aligned end when the audio gave one, else
//     the next turn's start, else the duration.
//   - a turn's sentences (sentences.h) divide it: sentence j owns [start(j), start(j+1)), the
//     last one until the next turn starts. Their times come from the audio's pauses when the
//     alignment found them, else from each sentence's share of the turn's spoken units.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/alignment.h"
#include "sync/episode.h"
#include "sync/sentences.h"
#include "sync/speech_units.h"

namespace tingdu::sync {

enum class TimeSource {
  source,     // given by the transcript file
  chapter,    // a chapter's start (the outline's time), at the chapter's first turn
  estimated,  // interpolated between the neighbouring fixed times
  anchored,   // pinned by the listener
  aligned,    // fixed from the audio (by the alignment issue's code)
};
std::string_view time_source_name(TimeSource s);

// How fast people speak, for estimates.
struct SpeechModel {
  SpeechWeights weights;
  // Units per second. 4.4: the bundled episode's measured density (NOTES.md section 1).
  double default_rate = 4.4;
  std::map<std::string, double> rates;  // per speaker, units per second; default_rate otherwise
  // Seconds of silence before a turn: conversational gaps at a change of speaker run 0.2-1.0 s
  // (0.6 typical); a new paragraph by the same speaker is a shorter breath.
  double speaker_change_pause = 0.6;
  double same_speaker_pause = 0.3;

  double rate_of(const std::string& speaker) const;
};

// Growth of an estimate's uncertainty: per-turn speaking rates vary by about 15%, so over
// turns of about 10 s the error random-walks with sigma^2 ~ 0.15^2 * 10 s ~ 0.25 s per second
// of distance; between two fixed points that is a Brownian bridge,
// sigma(t) = k * sqrt((t - a)(b - t) / (b - a)) with k = 0.5 s^(1/2).
inline constexpr double kDriftPerSqrtSecond = 0.5;
// A turn without an aligned time whose unsure placement by the aligner starts and ends within
// this (seconds) of where the timeline has it takes its sentences from that placement's pauses.
inline constexpr double kPlacementAgrees = 0.5;

struct TimedTurn {
  std::size_t block = 0;        // index into Episode::blocks
  std::optional<std::size_t> chapter;  // the chapter whose interval holds `start`
  double start = 0;             // seconds
  double end = 0;               // seconds (see the header comment)
  TimeSource source = TimeSource::estimated;
  double uncertainty = 0;       // seconds, one sigma; 0 for fixed times
  double units = 0;             // spoken units of the text
};

struct TimedSentence {
  std::size_t turn = 0;
  std::uint32_t index = 0;    // within its turn, from 0
  TextSpan text;              // bytes of the turn's text
  double start = 0, end = 0;  // seconds; `end`: where its speech stops
  TimeSource source = TimeSource::estimated;
  double uncertainty = 0;     // seconds, one sigma
  double units = 0;           // spoken units of its text
};

// The listener's pinned sentence starts: (turn, sentence index within it) -> seconds.
using SentenceAnchors = std::map<std::pair<std::size_t, std::uint32_t>, double>;

struct TimedChapter {
  double start = 0;
  double end = 0;
  std::optional<std::size_t> first_turn;  // where the transcript (or the placement) starts it
};

struct TimelinePosition {
  std::optional<std::size_t> chapter;  // nullopt before the first chapter and at/after the end
  std::optional<std::size_t> turn;     // nullopt before the first turn and at/after the end
  std::optional<std::size_t> sentence; // index into sentences(), while there is a turn
  double progress = 0;                 // within the turn's [start, end), 0..1 (1 in a gap)
};

// What Timeline::learn() taught the model.
struct RefitReport {
  bool fitted = false;        // false: fewer than two anchors, nothing was learned
  std::string reason;         // why not, when not fitted
  std::map<std::string, double> rates;  // per speaker, units per second, after the fit
  double mean_shift = 0;      // seconds: mean |change| of the estimated starts the fit caused
  double max_shift = 0;       // seconds: the largest such change
};

struct AnchorResult {
  bool ok = false;
  std::string reason;  // why it was refused (empty when ok)
};

class Timeline {
 public:
  // `duration`: the audio's length in seconds; without it the end is estimated from the text
  // (duration_estimated() says so). The episode must outlive the Timeline.
  Timeline(const Episode& episode, std::optional<double> duration, SpeechModel model = {});

  // --- lookups: O(log n), no allocation; safe to call every frame
  TimelinePosition at(double t) const;
  double start_of(std::size_t turn) const { return turns_[turn].start; }
  std::optional<std::size_t> chapter_of(std::size_t turn) const { return turns_[turn].chapter; }
  std::optional<std::size_t> chapter_at(double t) const;
  // The turn spoken at t; in the first chapter's silence before its first words, its first turn;
  // none inside an untranscribed stretch after the turn's end (an ad plays: nothing is read).
  std::optional<std::size_t> turn_at(double t) const;
  std::optional<std::size_t> sentence_at(double t) const;
  // The last turn started at or before t, spoken at t or not (what a view shows during an ad).
  std::optional<std::size_t> turn_started_by(double t) const;
  // The untranscribed stretch (set_alignment()) that holds t, if any.
  std::optional<AlignmentResult::Stretch> untranscribed_at(double t) const;
  // Index-based neighbours; nullopt past either end.
  std::optional<std::size_t> next_turn(std::size_t turn) const;
  std::optional<std::size_t> previous_turn(std::size_t turn) const;
  std::optional<std::size_t> next_chapter(std::size_t chapter) const;
  std::optional<std::size_t> previous_chapter(std::size_t chapter) const;

  const std::vector<TimedTurn>& turns() const { return turns_; }
  // Every turn's sentences, turn by turn in order; turn k's are [first, last) of sentences_of(k).
  const std::vector<TimedSentence>& sentences() const { return sentences_; }
  std::pair<std::size_t, std::size_t> sentences_of(std::size_t turn) const {
    return {first_sentence_[turn], first_sentence_[turn + 1]};
  }
  const std::vector<TimedChapter>& chapters() const { return chapters_; }
  double duration() const { return duration_; }
  bool duration_estimated() const { return duration_estimated_; }
  // What building found worth telling: how an unheaded chapter was placed, fixed times that
  // had to be dropped because they were out of order, an estimated duration.
  const std::vector<std::string>& notes() const { return notes_; }

  // --- anchors: the listener pins a turn's start
  // Pins `turn` at `t`. Refused (with the reason) when t is outside [0, duration] or not
  // strictly between the anchored or source times before and after the turn, which would
  // break the order. Only the turns between the neighbouring fixed points move (the speech
  // model stays as it is until learn()). Replaces an existing anchor.
  AnchorResult anchor(std::size_t turn, double t);
  AnchorResult remove_anchor(std::size_t turn);
  // Undo/redo changes (anchor, remove_anchor, replace_anchors, learn). False when there is
  // nothing to undo/redo.
  bool undo();
  bool redo();
  const std::map<std::size_t, double>& anchors() const { return anchors_; }
  // Replaces all anchors at once (loading a sidecar): each is checked as anchor() would, and
  // the refused ones are returned with their reasons.
  std::vector<std::string> replace_anchors(const std::map<std::size_t, double>& anchors);
  // Anchors learn: with two or more anchors, re-fits each speaker's rate from the intervals
  // they bound (least squares, lightly pulled toward the defaults) and re-estimates every
  // turn with the fitted rates. Fixed times never move. The result says how far the
  // estimates moved. The fit is a function of the anchors, so it need not be stored.
  RefitReport learn();
  // The speech model in use (the constructor's, or the last learn()'s).
  const SpeechModel& model() const { return model_; }

  // --- times from the audio (alignment.h)
  // Turns with an aligned time become fixed points (source `aligned`, the alignment's
  // uncertainty, `end` where their speech ends); the others are estimated between them, and a
  // chapter whose first turn is aligned starts where that turn does. Anchors and the file's own
  // times still come first. `sentences`: per turn, the aligned times of its sentences (empty
  // where the audio placed none), used while the turn keeps its aligned time. Not part of the
  // undo history (it follows the anchors); an empty vector clears it. `untranscribed`: the
  // stretches no turn is spoken in (AlignmentResult::untranscribed); estimated turns are spread
  // over the time between their fixed neighbours without them, and end where one starts.
  void set_alignment(std::vector<std::optional<AlignedTime>> aligned, std::vector<std::vector<AlignedTime>> sentences = {},
                     std::vector<AlignmentResult::Stretch> untranscribed = {});
  // The same, with all of an alignment's result.
  void set_alignment(const AlignmentResult& r) { set_alignment(r.turns, r.sentences, r.untranscribed); }

  // --- sentence anchors: the listener pins where a sentence (not the first of its turn: that
  // is the turn's anchor) begins. Only that turn's sentences move; refused outside the turn or
  // out of order with its other pinned sentences. Undone and redone with the turn anchors.
  AnchorResult anchor_sentence(std::size_t turn, std::uint32_t index, double t);
  AnchorResult remove_sentence_anchor(std::size_t turn, std::uint32_t index);
  const SentenceAnchors& sentence_anchors() const { return sentence_anchors_; }
  // Replaces them all (loading a sidecar); the refused ones are returned with their reasons.
  std::vector<std::string> replace_sentence_anchors(const SentenceAnchors& anchors);
  bool has_alignment() const { return !aligned_.empty(); }

 private:
  struct Fixed {
    std::size_t turn;
    double time;
    TimeSource source;
  };
  void rebuild();
  std::vector<Fixed> fixed_points(const std::map<std::size_t, double>& anchors, std::vector<std::string>* notes) const;
  std::vector<std::optional<double>> chapter_times(const std::map<std::size_t, double>& anchors) const;  // per chapter, s
  void interpolate(const std::vector<Fixed>& fixed, const SpeechModel& model, std::vector<TimedTurn>& out) const;
  SpeechModel fit_rates(const std::vector<Fixed>& fixed) const;
  std::optional<std::string> check_anchor(std::size_t turn, double t, const std::map<std::size_t, double>& others) const;
  void push_history();

  const Episode* episode_;
  SpeechModel base_model_;  // as given to the constructor; the prior for learn()
  SpeechModel model_;       // in use
  std::optional<double> given_duration_;
  std::vector<std::size_t> turn_blocks_;
  std::vector<std::string> speakers_;                  // per turn
  std::vector<double> units_;                          // per turn
  std::vector<std::vector<TextSpan>> sentence_spans_;  // per turn
  std::vector<std::vector<double>> sentence_units_;    // per turn, per sentence
  std::vector<std::optional<std::size_t>> placed_;     // chapter whose start a turn carries
  std::vector<std::string> build_notes_;               // from construction (placement)

  std::map<std::size_t, double> anchors_;
  SentenceAnchors sentence_anchors_;
  std::vector<std::optional<AlignedTime>> aligned_;   // per turn, or empty
  std::vector<std::vector<AlignedTime>> aligned_sentences_;  // per turn, or empty
  std::vector<AlignmentResult::Stretch> untranscribed_;      // in time order, or empty
  struct State {
    std::map<std::size_t, double> anchors;
    SentenceAnchors sentence_anchors;
    SpeechModel model;
  };
  std::vector<State> undo_, redo_;
  // Moves the newest state of `from` into effect, keeping the current one on `to`.
  bool step_history(std::vector<State>& from, std::vector<State>& to);

  // Derived by rebuild():
  std::vector<TimedTurn> turns_;
  std::vector<double> starts_;  // turns_[k].start, contiguous for the binary search
  std::vector<TimedSentence> sentences_;
  std::vector<double> sentence_starts_;      // sentences_[i].start, for the binary search
  std::vector<std::size_t> first_sentence_;  // per turn, and one past the last
  void place_sentences();  // fills sentences_ from turns_ (part of rebuild)
  std::optional<std::string> check_sentence_anchor(std::size_t turn, std::uint32_t index, double t,
                                                   const SentenceAnchors& others) const;
  std::vector<TimedChapter> chapters_;
  std::vector<double> chapter_starts_;
  double duration_ = 0;
  bool duration_estimated_ = false;
  std::vector<std::string> notes_;
};

}  // namespace tingdu::sync
