// The aligner (alignment.h): speech units, voices, and the placement of turns, iterated; the
// parts are in aligner_prior.cpp, aligner_placement.cpp and aligner_result.cpp.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "aligner_impl.h"
#include "clusters.h"
#include "sync/sentences.h"
#include "sync/speech_units.h"
#include "sync/time_format.h"

namespace tingdu::sync {

using namespace align;

Aligner::Impl::Impl(const Episode& e, FrameView frames, AlignOptions options)
    : ep(e), v(frames), o(std::move(options)), level_drops(align::level_drops(frames)) {
  speakers = ep.speakers();
  if (speakers.empty()) speakers.push_back("");
  for (const auto& b : ep.blocks) {
    if (b.kind != BlockKind::turn) continue;
    turn_speaker.push_back(int(std::find(speakers.begin(), speakers.end(), b.speaker) - speakers.begin()));
    sentence_units.emplace_back();
    for (const TextSpan& s : split_sentences(b.text)) sentence_units.back().push_back(spoken_units(s.of(b.text)));
  }
}

std::vector<double> Aligner::Impl::anchor_times(const std::map<std::size_t, double>& anchors) {
  std::vector<double> t;
  for (auto [turn, time] : anchors) t.push_back(time);
  std::sort(t.begin(), t.end());
  return t;
}

std::vector<double> Aligner::Impl::placement_cuts(const std::map<std::size_t, double>& anchors) const {
  std::vector<double> t = anchor_times(anchors);
  t.insert(t.end(), level_drops.begin(), level_drops.end());
  std::sort(t.begin(), t.end());
  return t;
}

AlignmentResult Aligner::Impl::align(const std::map<std::size_t, double>& anchors) {
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
  if (!report(0.02)) return empty;
  voices = std::make_unique<align::Voices>(v, cancel);
  voices->train_background();
  if (!report(0.15)) return empty;
  std::vector<Unit> units = align::make_units(v, anchor_times(anchors));
  // Where the transcript's times are in this audio, before anything relies on them: from groups
  // of units that sound alike, then again from the voices learnt on that map; for each cost of a
  // long gap in kLongGapCosts (until one settles it), the best-agreeing map kept.
  const int groups = kClusterGroupsPerSpeaker * int(speakers.size());
  const std::vector<int> clusters = align::cluster_units(*voices, units, groups);
  align::CoarseMap best;
  for (std::size_t c = 0; c < std::size(align::kLongGapCosts); ++c) {
    const double cost = align::kLongGapCosts[c];
    coarse = {};
    find_map(units, clusters, groups, cost);
    for (int pass = 0; pass < kMapPasses; ++pass) {
      voices->adapt(interiors(turn_info(anchors), units));
      frame_scores = voices->score();
      find_map(units, voice_groups(units), int(speakers.size()) + 1, cost);
    }
    if (!best.found || (coarse.found && coarse.agreement > best.agreement)) best = coarse;
    if (!report(0.15 + 0.15 * double(c + 1) / double(std::size(align::kLongGapCosts)))) return empty;
    // A map that moves nothing and agrees well needs no other cost tried (the same cut as the
    // stamps: most files, and the longest, spared the passes over their frames).
    if (best.found && !best.moves && best.agreement >= align::kSettledAgreement) break;
  }
  coarse = std::move(best);
  // The turns are placed on units cut where the level drops too (the map, in seconds, holds).
  units = align::make_units(v, placement_cuts(anchors));
  std::vector<TurnInfo> info = turn_info(anchors);
  // The audio's length says something when the map moved nothing (else the map says it better).
  std::vector<std::string> length_notes = coarse.found && coarse.moves ? std::vector<std::string>{} : audio_length_notes();
  for (auto& n : map_notes(info)) length_notes.push_back(std::move(n));
  // Speaking rate to start from: the transcript's units over the audio's speech.
  double all_units = 0;
  for (const auto& t : info) all_units += t.units;
  rates.assign(speakers.size(), std::clamp(all_units / speech, kMinRate, kMaxRate));
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
  std::vector<Unit> units = align::make_units(p.v, p.placement_cuts(anchors));
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
