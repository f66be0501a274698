// Placing the turns (aligner_impl.h): the spans between anchors, each placed by the turn DP, and
// the voices and speaking rates learnt from a placement.
#include <algorithm>
#include <cmath>

#include "aligner_impl.h"
#include "turn_dp.h"

namespace tingdu::sync {

using namespace align;

std::vector<Aligner::Impl::Span> Aligner::Impl::spans(const std::vector<TurnInfo>& info) const {
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

void Aligner::Impl::place_span(const Span& span, const std::vector<TurnInfo>& info, const std::vector<Unit>& units,
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
  // The span's turns that the audio has (not those of a stretch the coarse map found removed).
  std::vector<std::size_t> present;
  for (std::size_t k = span.first_turn; k < span.end_turn; ++k)
    if (!info[k].absent) present.push_back(k);
  std::size_t prev_lo = 0, prev_hi = 0;
  for (std::size_t k : present) {
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
    if (k != present.front()) {  // starts only move forward from turn to turn
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
    Placed& out = placed[present[i]];
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
    owner[p.first_unit + x] = r.owner[x] < 0 ? -1 : int(present[std::size_t(r.owner[x])]);
}

void Aligner::Impl::learn(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, const std::vector<Placed>& placed) {
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

void Aligner::Impl::place_all(const std::vector<TurnInfo>& info, const std::vector<Unit>& units, std::vector<Placed>& placed,
                              std::vector<int>& owner) const {
  const std::vector<Placed> previous = std::move(placed);
  std::vector<float> scores = unit_scores(units);
  placed.assign(info.size(), Placed{});
  owner.assign(units.size(), -1);
  for (const Span& s : spans(info)) place_span(s, info, units, scores, previous, placed, owner);
}

}  // namespace tingdu::sync
