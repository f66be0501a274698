// Aligning the turns to the audio itself, for a transcript in any language: the words can't be
// matched (the transcript may be a translation), but the audio tells who speaks when and where
// speech pauses, and the transcript tells who speaks each turn, in order, and about how long
// each turn's text takes to say.
//
// Method (no training data, no model files; everything is learnt from this audio):
//   1. Speech units: the voice-active stretches between pauses, long ones cut at their
//      quietest frames into pieces of about a second, and where the level drops for good (a
//      word run straight into laughter or music).
//   2. Voices: a Gaussian mixture over all speech (the background model), and one per
//      transcript speaker adapted from it (MAP, means only) on the stretches the estimate is
//      surest of: the middle of long turns.
//   3. Placing the known sequence of turns by dynamic programming over the units: the cost
//      sums each unit's speaker log-likelihood ratio, a log-normal prior on each turn's speech
//      duration (its spoken units at its speaker's rate), a cost for a boundary inside a
//      stretch of speech, a pull toward each chapter's outline time, and a "nobody" state for
//      speech the transcript doesn't have (ads, clips, music). Anchors are absolute: the search
//      runs between them. The search is banded around the estimate, so it is linear in length.
//   4. Iterate: re-adapt the voices and the speaking rates on the placed turns, place again.
//   5. Confidence: a forward-backward pass gives, for each turn, the cost of starting it at every
//      other unit; the spread of near-optimal starts is its uncertainty (seconds). Where that is
//      wide, or the turn's frames sound more like another speaker, the turn keeps its estimate.
// Before step 2, the coarse map (coarse_map.h): the audio a listener has is rarely the cut the
// chapter stamps were taken from (a pre-roll, ads inserted, an intro cut out). Units grouped by
// how they sound (no transcript needed) are matched against who speaks when in the estimate, by
// a global alignment with long gaps for stretches inserted or removed; the voices are learnt on
// that map and the map found again from them. Steps 2-5 then work on the estimate moved by the
// map: the chapter stamps are evidence, not a constraint. Turns of a stretch the audio lacks stay
// estimated; speech no turn claims longer than a few seconds is an untranscribed stretch.
// Deterministic: the same inputs give the same times.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sync/episode.h"

namespace tingdu::sync {

// The numbers an audio analysis produced, frame by frame (sync/ does not know media/: the
// caller lays its arrays out here). Frame f covers [f * hop, f * hop + window) seconds.
struct FrameView {
  double hop = 0.01;                     // seconds between frames
  std::size_t frames = 0;
  const float* energy = nullptr;         // dB
  const std::uint8_t* speech = nullptr;  // 1: voice activity
  const float* cepstra = nullptr;        // frames x dims, row-major
  int dims = 0;
  double duration = 0;                   // seconds of audio
};

// One turn's place in the audio.
struct AlignedTime {
  double start = 0;        // seconds: where its speech begins
  double end = 0;          // seconds: where its speech ends (a pause may follow)
  double uncertainty = 0;  // seconds, from the alignment's own confidence: for a turn, a bound its
                           // true start is within for about nine turns in ten; for a sentence, one sigma
  bool estimated = false;  // sentences only: the pauses could not tell, so it is its share of the turn
};

struct AlignmentResult {
  // Per turn; nullopt where the audio could not tell (the turn keeps its estimate).
  std::vector<std::optional<AlignedTime>> turns;
  // Per turn, its sentences (sentences.h) on the pauses inside it; empty where the turn was not
  // placed or has fewer stretches of speech than sentences. A turn placed but not sure of (no
  // time in `turns`) has them too, on that placement: its first starts where the placement does.
  std::vector<std::vector<AlignedTime>> sentences;
  // Who speaks where, for the speaker lane: spans of speech in time order; `speaker` indexes
  // `speakers`, -1 for speech no turn claims (ads, clips, music).
  struct Span {
    double start = 0, end = 0;
    int speaker = -1;
  };
  std::vector<Span> lane;
  // Stretches of the audio that no turn covers and that are more than a pause: speech or music the
  // transcript doesn't have (ads, a pre-roll, an intro the text leaves out), at least 4 s of it. In
  // time order; each from where its sound starts to where it stops (seconds). Empty when the
  // placements are not trusted (see notes).
  struct Stretch {
    double start = 0, end = 0;
  };
  std::vector<Stretch> untranscribed;
  std::vector<std::string> speakers;
  std::map<std::string, double> rates;  // learnt: spoken units per second of speech, per speaker
  std::vector<std::string> notes;       // what the listener should know (no speech found, ...)
  std::size_t aligned = 0;              // turns with a time from the audio
};

struct AlignOptions {
  int iterations = 3;  // re-adapt and re-place this many times after the first placement
};

// Called with the share done (0..1); return false to stop (the result is then empty).
using AlignProgress = std::function<bool(double)>;

class Aligner {
 public:
  // `frames` must stay valid while the Aligner lives; so must `episode`.
  Aligner(const Episode& episode, FrameView frames, AlignOptions options = {});
  ~Aligner();
  Aligner(const Aligner&) = delete;
  Aligner& operator=(const Aligner&) = delete;

  // Aligns every turn. `anchors` (turn -> seconds) are the listener's: absolute. `cancel` is
  // polled between steps (set from another thread).
  AlignmentResult align(const std::map<std::size_t, double>& anchors, const AlignProgress& progress = {},
                        const std::atomic<bool>* cancel = nullptr);

  // After the anchors changed: keeps the voices and rates learnt by the last align() and places
  // again only the turns between the anchors around the changed turns (everything else is
  // copied from `previous`). Falls back to align() when there was none.
  AlignmentResult realign(const std::map<std::size_t, double>& anchors, const AlignmentResult& previous,
                          const std::vector<std::size_t>& changed_turns);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tingdu::sync
