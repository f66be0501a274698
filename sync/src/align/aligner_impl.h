// The aligner's inside (alignment.h), shared by its parts: what is known before listening
// (aligner_prior.cpp), the placement of turns and the learning from it (aligner_placement.cpp),
// what the result says and how sure it is (aligner_result.cpp), and the order of it all
// (aligner.cpp). Internal to sync/.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coarse_map.h"
#include "sentence_cues.h"
#include "sync/alignment.h"
#include "units.h"
#include "voices.h"

namespace tingdu::sync {
namespace align {

// How far from its estimate a turn's start is searched: a few of the estimate's own sigmas and
// then some, since estimates drift with how unevenly the text was translated, and at least
// kBandMin: speech the transcript doesn't have (an ad, a clip) shifts every estimate after it
// by its length. (The search costs little next to scoring the voices: a wide band is cheap.)
constexpr double kBandSigmas = 4, kBandExtra = 20, kBandMin = 90, kBandMax = 200;
// Later placements also search this far around the previous one (seconds, and its sigmas).
constexpr double kRefineBand = 20, kRefineSigmas = 4;
// A chapter's first turn is searched this far around the outline's time (outline times can be
// off by half a minute: a heading that came late).
constexpr double kChapterBand = 45;
// Softmin temperature (nats) over a turn's possible starts, for its uncertainty.
constexpr double kTemperature = 1.0;
// A turn keeps its estimate unless the alignment is surer than the estimate, or at least
// kMostUncertain sure (seconds, one sigma); never when it is less sure than kLeastSure. (On
// conversations of real voices, placements within 2 s are right 99% of the time; beyond 5 s
// they are a gamble the estimate sometimes wins.)
constexpr double kMostUncertain = 2.0, kLeastSure = 5.0;
// Before anything is aligned, a speaker's voice is taken from the middles of their turns that the
// estimate is surest of (smallest sigma first: near chapter starts, where times are known), this
// far inside the turn's estimated bounds (in the estimate's sigmas, and at least half a second),
// until kFirstVoice seconds are gathered. Surest first, because a stretch the transcript doesn't
// have (music, an ad) shifts the estimates after it: their middles may be that stretch instead.
constexpr double kInteriorSigmas = 1.5, kInteriorMin = 0.5;
constexpr double kFirstVoice = 30;
// Seconds of a speaker's speech that make a usable model.
constexpr double kEnoughVoice = 10;
// Too little speech to align anything (seconds).
constexpr double kMinSpeech = 5;
// Speaking rate bounds (spoken units per second of voice activity).
constexpr double kMinRate = 1, kMaxRate = 20;
// Voices are told apart when a placed frame scores, on average, this much (nats) higher for its
// own speaker than for the next best: real voices score 1 and more; two recordings of one
// voice, around 0.
constexpr double kSeparable = 0.2;
// How many sure turns on either side show how far off the estimates are around a turn, and how
// sure (seconds) they must be to count.
constexpr std::size_t kDriftNeighbours = 3;
constexpr double kDriftSure = 0.5;
// A sentence's start is marked aligned when surer than this (seconds, one sigma), else estimated.
constexpr double kSentenceUnsure = 1.5;
// A placed turn whose frames sound, on average, no more (nats per frame) like its speaker than
// like another speaker or speech in general is not trusted: placed on the wrong voice, or on one
// no speaker has. (Right placements score 0.3 to 3; a backchannel of half a second, as little
// as 0.1.)
constexpr double kTurnFit = 0.0;
// Placements are trusted only when the turns' speech lengths follow their text's this well
// (correlation of the logs): right ones give 0.95-0.98 on the test conversations (texts
// scattered by 35%); placements some turns off, 0.7-0.88. Fewer than kAgreementTurns turns say
// too little (each speaker's rate is then barely known): the check is skipped.
constexpr double kDurationAgreement = 0.9, kAgreementShortest = 1.0;
constexpr std::size_t kAgreementTurns = 20;
// A turn's stated uncertainty: this many spreads of its near-optimal starts; and at least
// kShortTurnUncertainty (seconds) for a turn whose text takes under kShortTurn seconds to say.
constexpr double kStatedSpreads = 2, kShortTurn = 1.0, kShortTurnUncertainty = 1.0;
// Speech no turn claims is an untranscribed stretch from this long (seconds): shorter ones are a
// cough, a laugh, crosstalk. (Silence is none: dead air between chapters is part of the episode.)
constexpr double kUntranscribedMin = 4;
// An unsure turn's claim this long (seconds) or longer inside such speech splits it: it may be the
// turn, heard where the aligner could not be sure of it.
constexpr double kUnsureBridge = 1.5;
// Lane spans of one speaker separated by less than this are drawn as one.
constexpr double kLaneJoin = 1.0;

// The coarse map is found first from this many groups of units per speaker (clusters.h: small
// groups, mostly of one voice, serve better than one mixed group a speaker), then kMapPasses
// times again from the voices learnt on the map before (a second pass helped a conversation with a
// music bed, but costs a pass over every frame: 3.5 h then aligned in 2.2x ffmpeg's decode, not 1.9x).
constexpr int kClusterGroupsPerSpeaker = 4;
constexpr int kMapPasses = 1;

struct TurnInfo {
  int speaker = 0;
  double units = 0;
  double estimate = 0, sigma = 0;        // the estimate's start and its uncertainty
  double estimate_end = 0;
  std::optional<double> chapter_time;    // outline time when it opens a chapter
  std::optional<double> anchor;
  bool past_end = false;                 // its chapter starts after the audio ends: left estimated
  bool absent = false;                   // in a stretch of the transcript the audio lacks (coarse map)
};

// Audio shorter than the outline by more than this, or longer than the text's estimate by this
// share (and kLongerSeconds), is worth telling the listener.
constexpr double kLongerShare = 0.5, kLongerSeconds = 300;

}  // namespace align

struct Aligner::Impl {
  using TurnInfo = align::TurnInfo;
  using Unit = align::Unit;

  const Episode& ep;
  FrameView v;
  AlignOptions o;
  std::vector<double> level_drops;  // align::level_drops(v)
  std::vector<std::string> speakers;
  std::vector<int> turn_speaker;
  std::vector<std::vector<double>> sentence_units;  // per turn, per sentence (sentences.h)
  std::unique_ptr<align::Voices> voices;
  std::vector<float> frame_scores;  // frames x speakers, from the last align()
  std::vector<double> rates;        // per speaker: spoken units per second of speech
  bool trained = false;
  align::CoarseMap coarse;          // from the last align(): the transcript's timeline -> the audio's

  Impl(const Episode& e, FrameView frames, AlignOptions options);

  // For the align() running now.
  const AlignProgress* progress = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  bool report(double done) const {
    if (cancel && cancel->load(std::memory_order_relaxed)) return false;
    return !progress || !*progress || (*progress)(done);
  }

  // Turns placed together, between two anchors (or the audio's ends).
  struct Span {
    std::size_t first_turn, end_turn;  // turns [first, end)
    double from, to;                   // seconds
    bool fixed;                        // the first turn is anchored at `from`
  };
  // A turn's placement.
  struct Placed {
    std::size_t start = 0, end = 0;  // global unit indices [start, end)
    double start_time = 0, end_time = 0;  // seconds (refined to the frame at a change of voice)
    double sigma = 1e9;
    bool ok = false;
  };

  // --- before listening (aligner_prior.cpp)
  std::vector<TurnInfo> turn_info(const std::map<std::size_t, double>& anchors) const;
  // What the listener should know when the audio and the transcript differ much in length:
  // both lengths, and what is left estimated.
  std::vector<std::string> audio_length_notes() const;
  // Frames of each speaker's turns: before any alignment, the middles of turns as estimated.
  std::vector<align::Voices::Turns> interiors(const std::vector<TurnInfo>& info, const std::vector<Unit>& units) const;
  // Sums of frame scores per unit and speaker.
  std::vector<float> unit_scores(const std::vector<Unit>& units) const;

  // --- the coarse map (aligner_map.cpp)
  // A map from the estimate and the units' groups (per unit 0..G-1, -1: none): first those
  // clusters.h finds, then those of the voices learnt on the map (voice_groups). It replaces
  // `coarse` when its matches agree better (or `coarse` was not found).
  void find_map(const std::vector<Unit>& units, const std::vector<int>& group, int G, double long_gap);
  // Per unit: the speaker whose voice it sounds most like (frame_scores), or speakers.size()
  // when it sounds like none of them (below the background: an ad's voice, music).
  std::vector<int> voice_groups(const std::vector<Unit>& units) const;
  // The estimates, ends and chapter times moved onto the audio's timeline by `coarse` (when it
  // was found); turns in a stretch the audio lacks are marked absent.
  void apply_map(std::vector<TurnInfo>& info) const;
  // What the map tells the listener: stretches inserted or removed, or that none was found.
  std::vector<std::string> map_notes(const std::vector<TurnInfo>& info) const;

  // --- placing (aligner_placement.cpp)
  // Turns past the end of the audio are in no span: they keep their estimates.
  std::vector<Span> spans(const std::vector<TurnInfo>& info) const;
  // Places the turns of one span. Fills `placed` (turn -> unit range and sigma) and `owner`.
  // `previous`: the last placement (empty on the first), around which the search is narrower.
  void place_span(const Span& span, const std::vector<TurnInfo>& info, const std::vector<Unit>& units,
                  const std::vector<float>& scores, const std::vector<Placed>& previous, std::vector<Placed>& placed,
                  std::vector<int>& owner) const;
  // Voices from the turns placed surely (all placed turns for a speaker who has too few sure ones),
  // and each speaker's rate.
  void learn(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed);
  // One placement of every span: fills placed/owner.
  void place_all(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, std::vector<Placed>& placed,
                 std::vector<int>& owner) const;

  // --- the result (aligner_result.cpp)
  // Turn k's sentences on its units, on the pauses the placement chose. A start whose spread
  // is wider than kSentenceUnsure keeps the placement's time (it beats sharing the turn's time
  // out by units even then) but is marked estimated. Empty when the turn has fewer units than
  // sentences.
  std::vector<AlignedTime> place_sentences_of(std::size_t k, const AlignedTime& turn, const std::vector<Unit>& units,
                                              const Placed& p, const std::vector<align::SentenceCues>& cues) const;
  // Per speaker, what tells their sentences apart: learnt from a first placement of the
  // sentences of every placed turn (sentence_cues.h).
  std::vector<align::SentenceCues> sentence_cues(const std::vector<TurnInfo>& info, const std::vector<Unit>& units,
                                              const std::vector<Placed>& placed) const;
  // How well the voices tell the placed turns apart: the mean, over the voice-active frames of
  // placed turns, of their speaker's score less the best other speaker's (nats per frame).
  double separability(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed) const;
  // How well a placed turn sounds like its speaker: the mean, over its voice-active frames, of its
  // speaker's score less the best other speaker's or the background's, whichever is more (nats
  // per frame; kTurnFit for one speaker).
  double turn_fit(const TurnInfo& t, const std::vector<Unit>& units, const Placed& p) const;
  // The correlation, over placed turns whose text takes kAgreementShortest seconds or more, of the
  // log of each turn's speech in the audio with the log of what its text should take; nullopt
  // with fewer than kAgreementTurns such turns.
  std::optional<double> duration_agreement(const std::vector<TurnInfo>& info, const std::vector<Unit>& units,
                                           const std::vector<Placed>& placed) const;
  // Per turn: how far the estimate was from the surest placements nearest it (the largest
  // difference among kDriftNeighbours sure turns on either side), 0 with none.
  std::vector<double> estimate_drift(const std::vector<TurnInfo>& info, const std::vector<Placed>& placed) const;
  // Runs of units no turn claims (`owner` per unit: a turn, or -1) lasting kUntranscribedMin or
  // more. A sure turn's claim (`sure`, per turn) between two units ends a run; a claim of under
  // kUnsureBridge by a turn the aligner is not sure of does not (a backchannel placed on a burst
  // of an ad split it in two).
  std::vector<AlignmentResult::Stretch> untranscribed_stretches(const std::vector<Unit>& units, const std::vector<int>& owner,
                                                                const std::vector<std::optional<AlignedTime>>& sure) const;
  AlignmentResult result(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed,
                         const std::vector<int>& owner) const;

  // --- the whole (aligner.cpp)
  AlignmentResult align(const std::map<std::size_t, double>& anchors);
  static std::vector<double> anchor_times(const std::map<std::size_t, double>& anchors);
  // Where the units the turns are placed on are cut: the anchors' times and the level drops.
  std::vector<double> placement_cuts(const std::map<std::size_t, double>& anchors) const;
};

}  // namespace tingdu::sync
