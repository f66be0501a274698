// The coarse map's part of the aligner (aligner_impl.h, coarse_map.h): the signals of who speaks
// when on both timelines, the map found between them, and what it tells the listener.
#include <algorithm>
#include <cmath>

#include "aligner_impl.h"
#include "clusters.h"
#include "sync/time_format.h"
#include "sync/timeline.h"

namespace tingdu::sync {

using namespace align;

namespace {

// Turns within a stretch's length and kEdgeMargin seconds of its edges are at least this share
// of its length unsure (one sigma).
constexpr double kEdgeMargin = 20, kEdgeSigmaShare = 0.5;

std::string stretch_list(const std::vector<CoarseStretch>& stretches) {
  std::string out;
  for (const auto& s : stretches) out += (out.empty() ? "" : ", ") + format_clock(s.start) + "-" + format_clock(s.end);
  return out;
}

}  // namespace

std::vector<int> Aligner::Impl::voice_groups(const std::vector<Unit>& units) const {
  const std::size_t S = speakers.size();
  const std::vector<float> scores = unit_scores(units);
  std::vector<int> group(units.size(), -1);
  for (std::size_t x = 0; x < units.size(); ++x) {
    if (units[x].speech < kClusterMinSpeech) continue;
    auto best = std::size_t(std::max_element(scores.begin() + std::ptrdiff_t(x * S), scores.begin() + std::ptrdiff_t((x + 1) * S)) -
                            (scores.begin() + std::ptrdiff_t(x * S)));
    group[x] = scores[x * S + best] > 0 ? int(best) : int(S);
  }
  return group;
}

void Aligner::Impl::find_map(const std::vector<Unit>& units, const std::vector<int>& group, int G, double long_gap) {
  const int S = int(speakers.size());
  CoarseSignal s;
  s.bin = coarse_bin(v.duration);
  s.speakers = S;
  s.groups = G;
  // The transcript's timeline as the stamps and the text say it, without the audio's length
  // (which inserted stretches would stretch the last chapter to).
  const Timeline estimate(ep, std::nullopt);
  s.estimate.assign(std::size_t(std::ceil(estimate.duration() / s.bin)) + 1, -1);
  for (std::size_t k = 0; k < estimate.turns().size(); ++k) {
    const auto& t = estimate.turns()[k];
    for (auto i = std::size_t(std::ceil(t.start / s.bin - 0.5)); i < s.estimate.size() && (double(i) + 0.5) * s.bin < t.end; ++i)
      s.estimate[i] = turn_speaker[k];
  }
  const auto bins = std::size_t(std::ceil(v.duration / s.bin)) + 1;
  s.audio.assign(bins * std::size_t(G), 0.f);
  for (std::size_t x = 0; x < units.size(); ++x) {
    if (group[x] < 0) continue;
    for (std::size_t f = units[x].first; f < units[x].last; ++f)
      if (v.speech[f]) {
        auto b = std::min(bins - 1, std::size_t(double(f) * v.hop / s.bin));
        s.audio[b * std::size_t(G) + std::size_t(group[x])] += float(v.hop / s.bin);
      }
  }
  // The voices learnt on a map may be worse than the groups it came from (when the map put a
  // speaker's turns on another voice, that voice is learnt as theirs): the map whose matches
  // agree best is kept.
  CoarseMap found = find_coarse_map(s, long_gap);
  if (!coarse.found || found.agreement > coarse.agreement) coarse = std::move(found);
}

void Aligner::Impl::apply_map(std::vector<TurnInfo>& info) const {
  // A map that moves nothing leaves the stamps' timeline as it is (its own warps are no better
  // than the turn placement's search around the estimate).
  if (!coarse.found || !coarse.moves) return;
  const Timeline estimate(ep, std::nullopt);
  for (std::size_t k = 0; k < info.size(); ++k) {
    TurnInfo& t = info[k];
    const auto& e = estimate.turns()[k];
    const double start = coarse.to_audio(e.start), end = coarse.to_audio(e.end), mid = coarse.to_audio((e.start + e.end) / 2);
    t.absent = std::isnan(mid) && !t.anchor;
    if (t.absent) continue;
    t.estimate = std::isnan(start) ? mid : start;
    t.estimate_end = std::max(t.estimate, std::isnan(end) ? mid : end);
    t.past_end = t.estimate >= v.duration;
  }
  // Where a stretch was inserted or removed the map knows least: its edges may be off by up to
  // the stretch's length (the voices on either side may sound alike, an ad's voice like a
  // speaker's). The turns around one are as unsure as that, so that their search is wide and no
  // voice is first learnt from them.
  std::vector<std::pair<double, double>> edges;  // audio seconds, and the stretch's length
  for (const auto& s : coarse.inserted) edges.push_back({s.start, s.end - s.start}), edges.push_back({s.end, s.end - s.start});
  for (const auto& s : coarse.removed) {
    double at = coarse.to_audio(std::max(0.0, s.start - coarse.bin));
    edges.push_back({std::isnan(at) ? 0.0 : at, s.end - s.start});
  }
  for (TurnInfo& t : info)
    for (auto [at, length] : edges)
      if (t.estimate_end > at - length - kEdgeMargin && t.estimate < at + length + kEdgeMargin)
        t.sigma = std::max(t.sigma, length * kEdgeSigmaShare);
  for (std::size_t c = 0; c < estimate.chapters().size(); ++c)
    if (auto f = estimate.chapters()[c].first_turn; f && info[*f].chapter_time) {
      double t = coarse.to_audio(ep.chapters[c].start);
      info[*f].chapter_time = std::isnan(t) ? std::nullopt : std::optional<double>(t);
    }
}

std::vector<std::string> Aligner::Impl::map_notes(const std::vector<TurnInfo>& info) const {
  std::vector<std::string> notes;
  if (!coarse.found) {
    notes.push_back("could not tell how this audio's timeline lines up with the transcript's (who speaks when "
                    "doesn't match well enough): the times stay estimated");
    return notes;
  }
  if (!coarse.moves) return notes;
  // Only the stretches that leave a turn out are told: one that holds none (the estimate's end
  // running past the audio's, a pause the stamps made longer) costs the listener nothing.
  const Timeline estimate(ep, std::nullopt);
  std::vector<CoarseStretch> lacking;
  for (const auto& r : coarse.removed)
    for (std::size_t k = 0; k < info.size(); ++k) {
      const double mid = (estimate.turns()[k].start + estimate.turns()[k].end) / 2;
      if (info[k].absent && mid >= r.start && mid < r.end) {
        lacking.push_back(r);
        break;
      }
    }
  if (!lacking.empty())
    notes.push_back("the audio lacks parts of the transcript's timeline (cut out?) at about " + stretch_list(lacking) +
                    " of the transcript's times: their turns aren't in the audio and stay estimated");
  return notes;
}

}  // namespace tingdu::sync
