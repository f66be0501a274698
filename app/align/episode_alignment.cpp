#include "episode_alignment.h"

#include "alignment_cache.h"
#include "sync/anchor_file.h"

namespace tingdu::app {

sync::FrameView frame_view(const media::AudioFeatures& f) {
  sync::FrameView v;
  v.hop = media::AudioFeatures::kHopSeconds;
  v.frames = f.frames();
  v.energy = f.energy.data();
  v.speech = f.speech.data();
  v.cepstra = f.cepstra.data();
  v.dims = media::AudioFeatures::kCepstra;
  v.duration = f.duration;
  return v;
}

EpisodeAlignment::EpisodeAlignment(const sync::Episode& episode, std::string_view transcript_bytes, std::string audio_path)
    : episode_(episode),
      transcript_key_(sync::transcript_key(transcript_bytes)),
      audio_path_(std::move(audio_path)),
      audio_key_(audio_key(audio_path_)) {}

EpisodeAlignment::~EpisodeAlignment() = default;

std::optional<sync::AlignmentResult> EpisodeAlignment::kept(const std::map<std::size_t, double>& anchors,
                                                            std::vector<std::string>& troubles) {
  if (audio_key_.empty()) return std::nullopt;
  std::string problem;
  auto k = load_alignment(transcript_key_, audio_key_, anchors, episode_.turn_count(), problem);
  if (!problem.empty()) troubles.push_back(problem);
  if (!k) return std::nullopt;
  k->notes.insert(k->notes.end(), troubles.begin(), troubles.end());
  last_ = k;
  return k;
}

// Shares of the whole job: the analysis is mostly decoding, the alignment the rest.
constexpr double kAnalysisShare = 0.6;

std::optional<sync::AlignmentResult> EpisodeAlignment::run(const std::map<std::size_t, double>& anchors,
                                                           const std::function<bool(double, const char*)>& progress,
                                                           const std::atomic<bool>* cancel) {
  std::vector<std::string> troubles;
  std::string problem;
  if (!aligner_)
    if (auto k = kept(anchors, troubles)) return k;
  if (!features_ && !audio_key_.empty()) {
    features_ = load_features(audio_key_, problem);
    if (!problem.empty()) troubles.push_back(problem);
  }
  if (!features_) {
    media::AnalysisOptions o;
    o.cancel = cancel;
    if (progress) o.progress = [&](double done) { return progress(kAnalysisShare * done, "analysing the audio"); };
    media::AnalysisResult r = media::analyze_audio(audio_path_, o);
    if (!r.features) {
      error_ = r.cancelled ? "cancelled" : r.error;
      return std::nullopt;
    }
    features_ = std::move(*r.features);
    aligner_.reset();
    if (!audio_key_.empty())
      if (std::string e = save_features(audio_key_, *features_); !e.empty()) troubles.push_back(e);
  }
  if (!aligner_) aligner_ = std::make_unique<sync::Aligner>(episode_, frame_view(*features_));
  sync::AlignProgress step;
  if (progress) step = [&](double done) { return progress(kAnalysisShare + (1 - kAnalysisShare) * done, "aligning the turns"); };
  sync::AlignmentResult r = aligner_->align(anchors, step, cancel);
  if (cancel && cancel->load()) {
    error_ = "cancelled";
    return std::nullopt;
  }
  if (!audio_key_.empty())
    if (std::string e = save_alignment(transcript_key_, audio_key_, anchors, r); !e.empty()) troubles.push_back(e);
  r.notes.insert(r.notes.end(), troubles.begin(), troubles.end());
  last_ = r;
  return r;
}

std::optional<sync::AlignmentResult> EpisodeAlignment::realign(const std::map<std::size_t, double>& anchors,
                                                               const std::vector<std::size_t>& changed,
                                                               const std::function<bool(double, const char*)>& progress,
                                                               const std::atomic<bool>* cancel) {
  if (!aligner_ || !last_) return run(anchors, progress, cancel);
  last_ = aligner_->realign(anchors, *last_, changed);
  if (!audio_key_.empty()) save_alignment(transcript_key_, audio_key_, anchors, *last_);
  return last_;
}

}  // namespace tingdu::app
