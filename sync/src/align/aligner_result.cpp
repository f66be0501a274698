// What the placement says (aligner_impl.h): which turns are surely placed, their sentences, the
// speaker lane, and the notes for the listener.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "aligner_impl.h"
#include "sentence_dp.h"
#include "sync/time_format.h"

namespace tingdu::sync {

using namespace align;

std::vector<SentenceCues> Aligner::Impl::sentence_cues(const std::vector<TurnInfo>& info, const std::vector<Unit>& units,
                                                    const std::vector<Placed>& placed) const {
  std::vector<SentenceCues> cues(speakers.size());
  const SentenceCues prior;
  for (std::size_t k = 0; k < placed.size(); ++k) {
    const Placed& p = placed[k];
    if (!p.ok || info[k].past_end || sentence_units[k].size() < 2) continue;
    auto placement = align::place_sentences(units, p.start, p.end, sentence_units[k], prior);
    if (!placement.ok) continue;
    SentenceCues& c = cues[std::size_t(info[k].speaker)];
    for (double r : placement.misfit) c.count_length(r);
    for (std::size_t x = p.start + 1; x < p.end; ++x)
      c.count_pause(units[x].pause_before, std::binary_search(placement.first.begin() + 1, placement.first.end(), x));
  }
  for (SentenceCues& c : cues) c = c.learnt();
  return cues;
}

std::vector<AlignedTime> Aligner::Impl::place_sentences_of(std::size_t k, const AlignedTime& turn, const std::vector<Unit>& units,
                                                           const Placed& p, const std::vector<SentenceCues>& cues) const {
  const std::size_t m = sentence_units[k].size();
  auto placement = align::place_sentences(units, p.start, p.end, sentence_units[k], cues[std::size_t(turn_speaker[k])]);
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

double Aligner::Impl::separability(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed) const {
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

std::vector<double> Aligner::Impl::estimate_drift(const std::vector<TurnInfo>& info, const std::vector<Placed>& placed) const {
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

double Aligner::Impl::turn_fit(const TurnInfo& t, const std::vector<Unit>& units, const Placed& p) const {
  const std::size_t S = speakers.size();
  if (S < 2) return kTurnFit;
  const auto own = std::size_t(t.speaker);
  double sum = 0, frames = 0;
  for (std::size_t x = p.start; x < p.end; ++x)
    for (std::size_t f = units[x].first; f < units[x].last; ++f) {
      if (!v.speech[f]) continue;
      double other = 0;  // the background: speech in general
      for (std::size_t s = 0; s < S; ++s)
        if (s != own) other = std::max(other, double(frame_scores[f * S + s]));
      sum += frame_scores[f * S + own] - other;
      ++frames;
    }
  return frames > 0 ? sum / frames : 0.0;
}

std::vector<AlignmentResult::Stretch> Aligner::Impl::untranscribed_stretches(const std::vector<Unit>& units, const std::vector<int>& owner,
                                                                             const std::vector<std::optional<AlignedTime>>& sure) const {
  std::vector<AlignmentResult::Stretch> out;
  // Runs of units no turn claims, with nothing claimed between them (an ad has pauses too).
  std::optional<AlignmentResult::Stretch> run;
  double unsure_from = -1, unsure_to = -1;  // an unsure turn's claim since the run's last unit (-1: none)
  auto close = [&] {
    if (run && run->end - run->start >= kUntranscribedMin) out.push_back(*run);
    run.reset();
  };
  for (std::size_t x = 0; x < units.size(); ++x) {
    const int k = owner[x];
    if (k >= 0 && sure[std::size_t(k)]) {
      close();
      unsure_from = -1;
    } else if (k >= 0) {
      if (unsure_from < 0) unsure_from = units[x].start;
      unsure_to = units[x].end;
    } else {
      if (run && unsure_from >= 0 && unsure_to - unsure_from >= kUnsureBridge) close();
      if (run) run->end = units[x].end;
      else run = AlignmentResult::Stretch{units[x].start, units[x].end};
      unsure_from = -1;
    }
  }
  close();
  return out;
}

std::optional<double> Aligner::Impl::duration_agreement(const std::vector<TurnInfo>& info, const std::vector<Unit>& units,
                                                       const std::vector<Placed>& placed) const {
  std::vector<double> text, audio;  // logs of seconds
  for (std::size_t k = 0; k < info.size(); ++k) {
    if (!placed[k].ok) continue;
    const double expected = info[k].units / rates[std::size_t(info[k].speaker)];
    if (expected < kAgreementShortest) continue;
    double speech = 0;
    for (std::size_t x = placed[k].start; x < placed[k].end; ++x) speech += units[x].speech;
    text.push_back(std::log(expected));
    audio.push_back(std::log(speech + v.hop));
  }
  const std::size_t n = text.size();
  if (n < kAgreementTurns) return std::nullopt;
  double mt = 0, ma = 0;
  for (std::size_t i = 0; i < n; ++i) mt += text[i], ma += audio[i];
  mt /= double(n);
  ma /= double(n);
  double ta = 0, tt = 0, aa = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ta += (text[i] - mt) * (audio[i] - ma);
    tt += (text[i] - mt) * (text[i] - mt);
    aa += (audio[i] - ma) * (audio[i] - ma);
  }
  return tt > 0 && aa > 0 ? ta / std::sqrt(tt * aa) : 0.0;
}

AlignmentResult Aligner::Impl::result(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed,
                                      const std::vector<int>& owner) const {
  AlignmentResult r;
  r.speakers = speakers;
  for (std::size_t s = 0; s < speakers.size(); ++s) r.rates[speakers[s]] = rates[s];
  r.turns.assign(info.size(), std::nullopt);
  r.sentences.assign(info.size(), {});
  const std::vector<double> drift = estimate_drift(info, placed);
  const std::vector<SentenceCues> cues = sentence_cues(info, units, placed);
  const bool voices_apart = separability(info, units, placed) >= kSeparable;
  // Turns placed a few turns off (two speakers taking turns look alike shifted by two) sound
  // right, but their lengths no longer follow their text's: then none is trusted.
  const std::optional<double> lengths = duration_agreement(info, units, placed);
  const bool lengths_agree = !lengths || *lengths >= kDurationAgreement;
  if (!lengths_agree) {
    char figure[16];
    std::snprintf(figure, sizeof figure, "%.2f", *lengths);
    r.notes.push_back(std::string("the turns' lengths in this audio don't follow the lengths of their text (correlation ") + figure +
                      "): its timeline may differ from the transcript's in a way the aligner couldn't map, so the "
                      "times stay estimated (anchors still place turns exactly)");
  }
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
    // And a turn placed on a voice that sounds more like another speaker's is placed wrong,
    // however narrow its spread.
    // Without a map the placements may all be off by an ad's length: none is trusted.
    bool sure = info[k].anchor || (coarse.found && lengths_agree && voices_apart && p.sigma <= std::min(kLeastSure, std::max(kMostUncertain, estimate_sigma)) &&
                                   turn_fit(info[k], units, p) > kTurnFit);
    if (!sure) {
      // Its sentences on this placement all the same: the timeline uses them where its estimate
      // of the turn agrees with the placement (a long turn after one of the same speaker, whose
      // boundary between them the voices can't tell, but its pauses and length can).
      r.sentences[k] = place_sentences_of(k, AlignedTime{p.start_time, std::max(p.start_time, p.end_time), p.sigma}, units, p, cues);
      continue;
    }
    AlignedTime t;
    t.start = info[k].anchor ? *info[k].anchor : p.start_time;
    t.end = std::max(t.start, p.end_time);
    // The stated ± is a bound that holds for nine turns in ten: two spreads of the near-optimal
    // starts (one held for 80-98% of turns on the test conversations), and at least
    // kShortTurnUncertainty for a turn of a word or two ("是的。" said over the other speaker's
    // end starts inside their speech, which a unit boundary can't split).
    const bool short_turn = info[k].units / rates[std::size_t(info[k].speaker)] < kShortTurn;
    t.uncertainty = info[k].anchor ? 0 : std::max({kStatedSpreads * p.sigma, short_turn ? kShortTurnUncertainty : 0.0, v.hop});
    r.turns[k] = t;
    ++r.aligned;
    r.sentences[k] = place_sentences_of(k, t, units, p, cues);
  }
  for (std::size_t x = 0; x < units.size(); ++x) {
    int speaker = owner[x] < 0 ? -1 : info[std::size_t(owner[x])].speaker;
    if (!r.lane.empty() && r.lane.back().speaker == speaker && units[x].start - r.lane.back().end < kLaneJoin)
      r.lane.back().end = units[x].end;
    else
      r.lane.push_back({units[x].start, units[x].end, speaker});
  }
  // The stretches no turn claims are only as good as the placement around them.
  if (coarse.found && lengths_agree && voices_apart) r.untranscribed = untranscribed_stretches(units, owner, r.turns);
  if (!r.untranscribed.empty()) {
    std::string list;
    for (const auto& s : r.untranscribed) list += (list.empty() ? "" : ", ") + format_clock(s.start) + "-" + format_clock(s.end);
    r.notes.push_back("the audio has " + std::to_string(r.untranscribed.size()) +
                      (r.untranscribed.size() == 1 ? " stretch" : " stretches") +
                      " the transcript doesn't (ads, music, an intro?): " + list);
  }
  return r;
}

}  // namespace tingdu::sync
