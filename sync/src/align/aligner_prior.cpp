// What the aligner knows before it listens (aligner_impl.h): the estimate of each turn, the
// voices to start from, what to tell the listener about the audio's length.
#include <algorithm>

#include "aligner_impl.h"
#include "sync/sentences.h"
#include "sync/speech_units.h"
#include "sync/time_format.h"
#include "sync/timeline.h"

namespace tingdu::sync {

using namespace align;

std::vector<TurnInfo> Aligner::Impl::turn_info(const std::map<std::size_t, double>& anchors) const {
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
  apply_map(info);
  return info;
}

std::vector<std::string> Aligner::Impl::audio_length_notes() const {
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

std::vector<align::Voices::Turns> Aligner::Impl::interiors(const std::vector<TurnInfo>& info, const std::vector<Unit>& units) const {
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
    if (seconds[s] >= kFirstVoice || info[k].absent) continue;
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

std::vector<float> Aligner::Impl::unit_scores(const std::vector<Unit>& units) const {
  const std::size_t S = speakers.size();
  std::vector<float> out(units.size() * S, 0.0f);
  for (std::size_t x = 0; x < units.size(); ++x)
    for (std::size_t f = units[x].first; f < units[x].last; ++f)
      for (std::size_t s = 0; s < S; ++s) out[x * S + s] += frame_scores[f * S + s];
  return out;
}

}  // namespace tingdu::sync
