// The aligner (alignment.h): speech units, voices, and the placement of turns, iterated.
#include <algorithm>
#include <cmath>

#include "sentence_dp.h"
#include "sync/alignment.h"
#include "sync/sentences.h"
#include "sync/speech_units.h"
#include "sync/time_format.h"
#include "sync/timeline.h"
#include "turn_dp.h"
#include "units.h"
#include "voices.h"

namespace tingdu::sync {
namespace {

using align::DpProblem;
using align::DpResult;
using align::Unit;

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
// Lane spans of one speaker separated by less than this are drawn as one.
constexpr double kLaneJoin = 1.0;

struct TurnInfo {
  int speaker = 0;
  double units = 0;
  double estimate = 0, sigma = 0;        // the estimate's start and its uncertainty
  double estimate_end = 0;
  std::optional<double> chapter_time;    // outline time when it opens a chapter
  std::optional<double> anchor;
  bool past_end = false;                 // its chapter starts after the audio ends: left estimated
};

// Audio shorter than the outline by more than this, or longer than the text's estimate by this
// share (and kLongerSeconds), is worth telling the listener.
constexpr double kLongerShare = 0.5, kLongerSeconds = 300;

}  // namespace

struct Aligner::Impl {
  const Episode& ep;
  FrameView v;
  AlignOptions o;
  std::vector<std::string> speakers;
  std::vector<int> turn_speaker;
  std::vector<std::vector<double>> sentence_units;  // per turn, per sentence (sentences.h)
  std::unique_ptr<align::Voices> voices;
  std::vector<float> frame_scores;  // frames x speakers, from the last align()
  std::vector<double> rates;        // per speaker: spoken units per second of speech
  bool trained = false;

  Impl(const Episode& e, FrameView frames, AlignOptions options) : ep(e), v(frames), o(std::move(options)) {
    speakers = ep.speakers();
    if (speakers.empty()) speakers.push_back("");
    for (const auto& b : ep.blocks) {
      if (b.kind != BlockKind::turn) continue;
      turn_speaker.push_back(int(std::find(speakers.begin(), speakers.end(), b.speaker) - speakers.begin()));
      sentence_units.emplace_back();
      for (const TextSpan& s : split_sentences(b.text)) sentence_units.back().push_back(spoken_units(s.of(b.text)));
    }
  }

  // For the align() running now.
  const AlignProgress* progress = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  bool report(double done) const {
    if (cancel && cancel->load(std::memory_order_relaxed)) return false;
    return !progress || !*progress || (*progress)(done);
  }

  std::vector<TurnInfo> turn_info(const std::map<std::size_t, double>& anchors) const {
    Timeline estimate(ep, v.duration);
    if (!anchors.empty()) {
      estimate.replace_anchors(anchors);
      if (estimate.anchors().size() >= 2) estimate.learn();
    }
    std::vector<TurnInfo> info(estimate.turns().size());
    for (std::size_t k = 0; k < info.size(); ++k) {
      const auto& t = estimate.turns()[k];
      info[k].speaker = turn_speaker[k];
      info[k].units = t.units;
      info[k].estimate = t.start;
      info[k].estimate_end = t.end;
      info[k].sigma = t.uncertainty;
      if (auto a = estimate.anchors().find(k); a != estimate.anchors().end()) info[k].anchor = a->second;
      info[k].past_end = t.start >= v.duration || (t.chapter && ep.chapters[*t.chapter].start >= v.duration);
    }
    for (std::size_t c = 0; c < estimate.chapters().size(); ++c)
      if (auto f = estimate.chapters()[c].first_turn; f && !info[*f].anchor) info[*f].chapter_time = ep.chapters[c].start;
    return info;
  }

  // What the listener should know when the audio and the transcript differ much in length:
  // both lengths, and what is left estimated.
  std::vector<std::string> audio_length_notes() const {
    std::vector<std::string> notes;
    if (ep.chapters.empty()) return notes;
    const double last_chapter = ep.chapters.back().start;
    if (last_chapter >= v.duration) {
      notes.push_back("the audio lasts " + format_clock(v.duration) + " but the transcript's chapters run to " +
                      format_clock(last_chapter) + " and beyond: the turns of chapters that start after " +
                      format_clock(v.duration) + " stay estimated");
      return notes;
    }
    const double text = Timeline(ep, std::nullopt).duration();  // as long as the text takes to say
    if (v.duration > text * (1 + kLongerShare) && v.duration > text + kLongerSeconds)
      notes.push_back("the audio lasts " + format_clock(v.duration) + ", much longer than the transcript's text takes to say (about " +
                      format_clock(text) + "): speech the transcript doesn't have is left to nobody");
    return notes;
  }

  // Frames of each speaker's turns: before any alignment, the middles of turns as estimated.
  std::vector<align::Voices::Turns> interiors(const std::vector<TurnInfo>& info, const std::vector<Unit>& units) const {
    // A turn's interior as the units inside it, so that parts of it can be weighed one by one.
    auto pieces = [&](double a, double b) {
      std::vector<std::pair<std::size_t, std::size_t>> out;
      for (std::size_t x = align::unit_at_or_after(units, a); x < units.size() && units[x].end <= b; ++x)
        out.push_back({units[x].first, units[x].last});
      return out;
    };
    const std::size_t S = speakers.size();
    std::vector<align::Voices::Turns> spans(S), thirds(S);
    std::vector<double> seconds(S, 0.0);
    std::vector<std::size_t> order(info.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    auto worst_sigma = [&](std::size_t k) { return std::max(info[k].sigma, k + 1 < info.size() ? info[k + 1].sigma : 0.0); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return worst_sigma(a) < worst_sigma(b); });
    for (std::size_t k : order) {
      auto s = std::size_t(info[k].speaker);
      if (seconds[s] >= kFirstVoice) continue;
      double end_sigma = k + 1 < info.size() ? info[k + 1].sigma : 0;
      double a = info[k].estimate + std::max(kInteriorMin, kInteriorSigmas * info[k].sigma);
      double b = info[k].estimate_end - std::max(kInteriorMin, kInteriorSigmas * end_sigma);
      if (b > a) {
        spans[s].push_back(pieces(a, b));
        seconds[s] += b - a;
      }
      double third = (info[k].estimate_end - info[k].estimate) / 3;
      thirds[s].push_back(pieces(info[k].estimate + third, info[k].estimate_end - third));
    }
    // A speaker whose turns are all too short for margins: the middle thirds of the surest ones.
    for (std::size_t s = 0; s < S; ++s)
      if (seconds[s] < kEnoughVoice) spans[s] = std::move(thirds[s]);
    return spans;
  }

  // Sums of frame scores per unit and speaker.
  std::vector<float> unit_scores(const std::vector<Unit>& units) const {
    const std::size_t S = speakers.size();
    std::vector<float> out(units.size() * S, 0.0f);
    for (std::size_t x = 0; x < units.size(); ++x)
      for (std::size_t f = units[x].first; f < units[x].last; ++f)
        for (std::size_t s = 0; s < S; ++s) out[x * S + s] += frame_scores[f * S + s];
    return out;
  }

  struct Span {
    std::size_t first_turn, end_turn;  // turns [first, end)
    double from, to;                   // seconds
    bool fixed;                        // the first turn is anchored at `from`
  };
  // Turns past the end of the audio are in no span: they keep their estimates.
  std::vector<Span> spans(const std::vector<TurnInfo>& info) const {
    std::vector<Span> out;
    Span s{0, 0, 0, v.duration, false};
    std::size_t limit = 0;
    while (limit < info.size() && !info[limit].past_end) ++limit;
    for (std::size_t k = 0; k < limit; ++k) {
      if (!info[k].anchor) continue;
      if (k > s.first_turn) {
        s.end_turn = k;
        s.to = *info[k].anchor;
        out.push_back(s);
      }
      s = Span{k, 0, *info[k].anchor, v.duration, true};
    }
    s.end_turn = limit;
    if (s.end_turn > s.first_turn) out.push_back(s);
    return out;
  }

  // Places the turns of one span. Fills `placed` (turn -> unit range and sigma) and `owner`.
  struct Placed {
    std::size_t start = 0, end = 0;  // global unit indices [start, end)
    double start_time = 0, end_time = 0;  // seconds (refined to the frame at a change of voice)
    double sigma = 1e9;
    bool ok = false;
  };
  // `previous`: the last placement (empty on the first), around which the search is narrower.
  void place_span(const Span& span, const std::vector<TurnInfo>& info, const std::vector<Unit>& units,
                  const std::vector<float>& scores, const std::vector<Placed>& previous, std::vector<Placed>& placed,
                  std::vector<int>& owner) const {
    DpProblem p;
    p.units = &units;
    p.unit_scores = &scores;
    p.speakers = speakers.size();
    p.frame_seconds = v.hop;
    p.first_unit = align::unit_at_or_after(units, span.from - 1e-9);
    p.end_unit = align::unit_at_or_after(units, span.to - 1e-9);
    p.first_turn_fixed = span.fixed;
    if (p.end_unit <= p.first_unit) return;
    auto local = [&](double t) {
      std::size_t u = align::unit_at_or_after(units, t);
      return std::clamp(u, p.first_unit, p.end_unit - 1) - p.first_unit;
    };
    std::size_t prev_lo = 0, prev_hi = 0;
    for (std::size_t k = span.first_turn; k < span.end_turn; ++k) {
      align::DpTurn t;
      t.speaker = info[k].speaker;
      t.expected_speech = std::max(0.3, info[k].units / rates[std::size_t(t.speaker)]);
      double reach = std::clamp(kBandSigmas * info[k].sigma + kBandExtra, kBandMin, kBandMax);
      double centre = info[k].estimate;
      if (info[k].chapter_time) {
        reach = std::max(reach, kChapterBand);
        centre = *info[k].chapter_time;
      }
      t.lo = local(centre - reach);
      t.hi = local(centre + reach);
      // The last placement's neighbourhood too, when the estimate's band does not hold it.
      if (k < previous.size() && previous[k].ok) {
        double near = kRefineBand + kRefineSigmas * std::min(previous[k].sigma, kBandMax);
        t.lo = std::min(t.lo, local(previous[k].start_time - near));
        t.hi = std::max(t.hi, local(previous[k].start_time + near));
      }
      if (k > span.first_turn) {  // starts only move forward from turn to turn
        t.lo = std::max(t.lo, prev_lo + 1);
        t.hi = std::max(t.hi, prev_hi + 1);
      }
      t.chapter_time = info[k].chapter_time;
      prev_lo = t.lo;
      prev_hi = t.hi;
      p.turns.push_back(t);
    }
    DpResult r = align::place_turns(p);
    if (!r.ok) return;
    for (std::size_t i = 0; i < r.turns.size(); ++i) {
      const auto& pl = r.turns[i];
      Placed& out = placed[span.first_turn + i];
      out.start = p.first_unit + pl.start;
      out.end = p.first_unit + pl.end;
      out.start_time = units[out.start].start;
      out.end_time = units[out.end - 1].end;
      out.ok = true;
      // Spread of near-optimal starts.
      double best_t = units[out.start].start, weight = 0, spread = 0;
      for (std::size_t c = 0; c < pl.start_costs.size(); ++c) {
        if (!std::isfinite(pl.start_costs[c])) continue;
        double w = std::exp(-pl.start_costs[c] / kTemperature);
        double t = units[p.first_unit + pl.band_lo + c].start;
        weight += w;
        spread += w * (t - best_t) * (t - best_t);
      }
      out.sigma = weight > 0 ? std::sqrt(spread / weight) : 1e9;
      if (i == 0 && span.fixed) out.sigma = 0;
    }
    for (std::size_t x = 0; x < r.owner.size(); ++x)
      owner[p.first_unit + x] = r.owner[x] < 0 ? -1 : int(span.first_turn) + r.owner[x];
  }

  // Voice and rate learning from a placement.
  // Voices from the turns placed surely (all placed turns for a speaker who has too few sure ones),
  // and each speaker's rate.
  void learn(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed) {
    const std::size_t S = speakers.size();
    std::vector<align::Voices::Turns> sure(S), all(S);
    std::vector<double> sure_seconds(S, 0.0), units_sum(S, 0.0), speech_sum(S, 0.0);
    for (std::size_t k = 0; k < placed.size(); ++k) {
      const Placed& p = placed[k];
      if (!p.ok || info[k].past_end) continue;
      auto s = std::size_t(info[k].speaker);
      const bool is_sure = p.sigma <= kMostUncertain;
      // A turn's first and last units may hold the neighbour's words: skip them when it has more.
      std::size_t a = p.start, b = p.end;
      if (b - a >= 3) ++a, --b;
      double speech = 0;
      all[s].emplace_back();
      if (is_sure) sure[s].emplace_back();
      for (std::size_t x = a; x < b; ++x) {
        all[s].back().push_back({units[x].first, units[x].last});
        if (is_sure) sure[s].back().push_back({units[x].first, units[x].last});
      }
      for (std::size_t x = p.start; x < p.end; ++x) speech += units[x].speech;
      if (is_sure) {
        sure_seconds[s] += speech;
        units_sum[s] += info[k].units;
        speech_sum[s] += speech;
      }
    }
    for (std::size_t s = 0; s < S; ++s)
      if (sure_seconds[s] < kEnoughVoice) sure[s] = std::move(all[s]);
    voices->adapt(sure);
    for (std::size_t s = 0; s < speakers.size(); ++s)
      if (speech_sum[s] > 30) rates[s] = std::clamp(units_sum[s] / speech_sum[s], kMinRate, kMaxRate);
  }

  // One placement of every span: fills placed/owner.
  void place_all(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, std::vector<Placed>& placed,
                 std::vector<int>& owner) const {
    const std::vector<Placed> previous = std::move(placed);
    std::vector<float> scores = unit_scores(units);
    placed.assign(info.size(), Placed{});
    owner.assign(units.size(), -1);
    for (const Span& s : spans(info)) place_span(s, info, units, scores, previous, placed, owner);
  }

  // Turn k's sentences on its units, on the pauses the placement chose. A start whose spread
  // is wider than kSentenceUnsure keeps the placement's time (it beats sharing the turn's time
  // out by units even then) but is marked estimated. Empty when the turn has fewer units than
  // sentences.
  std::vector<AlignedTime> place_sentences_of(std::size_t k, const AlignedTime& turn, const std::vector<Unit>& units,
                                              const Placed& p) const {
    const std::size_t m = sentence_units[k].size();
    auto placement = align::place_sentences(units, p.start, p.end, sentence_units[k]);
    if (!placement.ok) return {};
    std::vector<AlignedTime> out(m);
    for (std::size_t j = 0; j < m; ++j) {
      out[j].start = j == 0 ? turn.start : units[placement.first[j]].start;
      out[j].end = j + 1 < m ? units[placement.first[j + 1] - 1].end : turn.end;
      out[j].uncertainty = j == 0 ? turn.uncertainty : std::max(placement.sigma[j], v.hop);
      out[j].estimated = j > 0 && placement.sigma[j] > kSentenceUnsure;
    }
    return out;
  }

  // How well the voices tell the placed turns apart: the mean, over the voice-active frames of
  // placed turns, of their speaker's score less the best other speaker's (nats per frame).
  double separability(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed) const {
    const std::size_t S = speakers.size();
    if (S < 2) return kSeparable;
    double sum = 0, frames = 0;
    for (std::size_t k = 0; k < placed.size(); ++k) {
      if (!placed[k].ok) continue;
      auto own = std::size_t(info[k].speaker);
      for (std::size_t x = placed[k].start; x < placed[k].end; ++x)
        for (std::size_t f = units[x].first; f < units[x].last; ++f) {
          if (!v.speech[f]) continue;
          double other = -1e300;
          for (std::size_t s = 0; s < S; ++s)
            if (s != own) other = std::max(other, double(frame_scores[f * S + s]));
          sum += frame_scores[f * S + own] - other;
          ++frames;
        }
    }
    return frames > 0 ? sum / frames : 0.0;
  }

  // Per turn: how far the estimate was from the surest placements nearest it (the largest
  // difference among kDriftNeighbours sure turns on either side), 0 with none.
  std::vector<double> estimate_drift(const std::vector<TurnInfo>& info, const std::vector<Placed>& placed) const {
    std::vector<std::size_t> sure;
    for (std::size_t k = 0; k < placed.size(); ++k)
      if (placed[k].ok && placed[k].sigma <= kDriftSure) sure.push_back(k);
    std::vector<double> drift(info.size(), 0.0);
    for (std::size_t k = 0; k < info.size(); ++k) {
      auto at = std::size_t(std::lower_bound(sure.begin(), sure.end(), k) - sure.begin());
      std::size_t from = at >= kDriftNeighbours ? at - kDriftNeighbours : 0, to = std::min(sure.size(), at + kDriftNeighbours);
      for (std::size_t i = from; i < to; ++i)
        drift[k] = std::max(drift[k], std::abs(placed[sure[i]].start_time - info[sure[i]].estimate));
    }
    return drift;
  }

  AlignmentResult result(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed,
                         const std::vector<int>& owner) const {
    AlignmentResult r;
    r.speakers = speakers;
    for (std::size_t s = 0; s < speakers.size(); ++s) r.rates[speakers[s]] = rates[s];
    r.turns.assign(info.size(), std::nullopt);
    r.sentences.assign(info.size(), {});
    const std::vector<double> drift = estimate_drift(info, placed);
    const bool voices_apart = separability(info, units, placed) >= kSeparable;
    if (!voices_apart && speakers.size() > 1)
      r.notes.push_back("the speakers' voices sound too much alike to tell apart in this audio: the times stay "
                        "estimated (anchors still place turns exactly)");
    for (std::size_t k = 0; k < info.size(); ++k) {
      const Placed& p = placed[k];
      if (!p.ok || info[k].past_end) continue;
      // Keep the estimate unless the audio is surer than it. How sure the estimate is: its own
      // sigma, or how far off it proved to be around here, whichever is more (a stretch the
      // transcript doesn't have throws estimates off by its length, which their sigma can't
      // know).
      double estimate_sigma = std::max(info[k].chapter_time ? 0.0 : info[k].sigma, drift[k]);
      // Voices that can't be told apart leave only pauses and text lengths to go by, which the
      // estimate already weighs: its placements are no surer than it (however small their
      // sigma), so the estimates stay.
      bool sure = info[k].anchor || (voices_apart && p.sigma <= std::min(kLeastSure, std::max(kMostUncertain, estimate_sigma)));
      if (!sure) continue;
      AlignedTime t;
      t.start = info[k].anchor ? *info[k].anchor : p.start_time;
      t.end = std::max(t.start, p.end_time);
      t.uncertainty = info[k].anchor ? 0 : std::max(p.sigma, v.hop);
      r.turns[k] = t;
      ++r.aligned;
      r.sentences[k] = place_sentences_of(k, t, units, p);
    }
    for (std::size_t x = 0; x < units.size(); ++x) {
      int speaker = owner[x] < 0 ? -1 : info[std::size_t(owner[x])].speaker;
      if (!r.lane.empty() && r.lane.back().speaker == speaker && units[x].start - r.lane.back().end < kLaneJoin)
        r.lane.back().end = units[x].end;
      else
        r.lane.push_back({units[x].start, units[x].end, speaker});
    }
    return r;
  }

  static std::vector<double> anchor_times(const std::map<std::size_t, double>& anchors) {
    std::vector<double> t;
    for (auto [turn, time] : anchors) t.push_back(time);
    std::sort(t.begin(), t.end());
    return t;
  }

  AlignmentResult align(const std::map<std::size_t, double>& anchors) {
    AlignmentResult empty;
    empty.speakers = speakers;
    empty.turns.assign(turn_speaker.size(), std::nullopt);
    double speech = 0;
    for (std::size_t f = 0; f < v.frames; ++f) speech += v.speech[f];
    speech *= v.hop;
    if (speech < kMinSpeech || turn_speaker.empty()) {
      empty.notes.push_back("no speech found in the audio (" + format_clock(speech) +
                            " of voice activity): the times stay estimated");
      return empty;
    }
    std::vector<TurnInfo> info = turn_info(anchors);
    std::vector<std::string> length_notes = audio_length_notes();
    if (!report(0.02)) return empty;
    voices = std::make_unique<align::Voices>(v, cancel);
    voices->train_background();
    if (!report(0.15)) return empty;
    // Speaking rate to start from: the transcript's units over the audio's speech.
    double all_units = 0;
    for (const auto& t : info) all_units += t.units;
    rates.assign(speakers.size(), std::clamp(all_units / speech, kMinRate, kMaxRate));
    std::vector<Unit> units = align::make_units(v, anchor_times(anchors));
    voices->adapt(interiors(info, units));
    std::vector<Placed> placed;
    std::vector<int> owner;
    const int rounds = 1 + std::max(0, o.iterations);
    for (int round = 0; round < rounds; ++round) {
      frame_scores = voices->score();
      if (!report(0.15 + 0.85 * (round + 0.5) / rounds)) return empty;
      place_all(info, units, placed, owner);
      if (round + 1 < rounds) learn(info, units, placed);

      if (!report(0.15 + 0.85 * (round + 1.0) / rounds)) return empty;
    }
    trained = true;
    AlignmentResult r = result(info, units, placed, owner);
    r.notes.insert(r.notes.begin(), length_notes.begin(), length_notes.end());
    return r;
  }
};

Aligner::Aligner(const Episode& episode, FrameView frames, AlignOptions options)
    : impl_(std::make_unique<Impl>(episode, frames, std::move(options))) {}
Aligner::~Aligner() = default;

AlignmentResult Aligner::align(const std::map<std::size_t, double>& anchors, const AlignProgress& progress,
                               const std::atomic<bool>* cancel) {
  impl_->progress = &progress;
  impl_->cancel = cancel;
  AlignmentResult r = impl_->align(anchors);
  impl_->progress = nullptr;
  impl_->cancel = nullptr;
  return r;
}

AlignmentResult Aligner::realign(const std::map<std::size_t, double>& anchors, const AlignmentResult& previous,
                                 const std::vector<std::size_t>& changed_turns) {
  Impl& p = *impl_;
  if (!p.trained) return align(anchors);
  std::vector<TurnInfo> info = p.turn_info(anchors);
  std::vector<Unit> units = align::make_units(p.v, Impl::anchor_times(anchors));
  std::vector<float> scores = p.unit_scores(units);
  std::vector<Impl::Placed> placed(info.size());
  std::vector<int> owner(units.size(), -1);
  // Only the spans holding a changed turn are placed again.
  std::vector<bool> redo(info.size(), false);
  std::vector<std::pair<double, double>> redone;  // their time ranges
  for (const auto& s : p.spans(info)) {
    bool touched = false;
    for (std::size_t k : changed_turns) touched |= k >= s.first_turn && k < s.end_turn;
    if (!touched) continue;
    p.place_span(s, info, units, scores, {}, placed, owner);
    for (std::size_t k = s.first_turn; k < s.end_turn; ++k) redo[k] = true;
    redone.push_back({s.from, s.to});
  }
  AlignmentResult fresh = p.result(info, units, placed, owner);
  AlignmentResult out = previous;
  out.sentences.resize(info.size());
  for (std::size_t k = 0; k < info.size() && k < out.turns.size(); ++k)
    if (redo[k]) {
      out.turns[k] = fresh.turns[k];
      out.sentences[k] = fresh.sentences[k];
    }
  out.aligned = 0;
  for (const auto& t : out.turns) out.aligned += t.has_value();
  // The lane: the previous one outside the redone time, the fresh one inside.
  auto inside = [&](const AlignmentResult::Span& span) {
    for (auto [from, to] : redone)
      if (span.start >= from && span.start < to) return true;
    return false;
  };
  out.lane.clear();
  for (const auto& span : previous.lane)
    if (!inside(span)) out.lane.push_back(span);
  for (const auto& span : fresh.lane)
    if (inside(span)) out.lane.push_back(span);
  std::sort(out.lane.begin(), out.lane.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  return out;
}

}  // namespace tingdu::sync
