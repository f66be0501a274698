#include "episode_alignment.h"

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

EpisodeAlignment::EpisodeAlignment(const sync::Episode& episode, std::string transcript_bytes, std::string audio_path)
    : episode_(episode), transcript_bytes_(std::move(transcript_bytes)), audio_path_(std::move(audio_path)) {}

EpisodeAlignment::~EpisodeAlignment() = default;

// Shares of the whole job: the analysis is mostly decoding, the alignment the rest.
constexpr double kAnalysisShare = 0.6;

std::optional<sync::AlignmentResult> EpisodeAlignment::run(const std::map<std::size_t, double>& anchors,
                                                           const std::function<bool(double, const char*)>& progress,
                                                           const std::atomic<bool>* cancel) {
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
  }
  if (!aligner_) aligner_ = std::make_unique<sync::Aligner>(episode_, frame_view(*features_));
  sync::AlignProgress step;
  if (progress) step = [&](double done) { return progress(kAnalysisShare + (1 - kAnalysisShare) * done, "aligning the turns"); };
  sync::AlignmentResult r = aligner_->align(anchors, step, cancel);
  if (cancel && cancel->load()) {
    error_ = "cancelled";
    return std::nullopt;
  }
  last_ = r;
  return r;
}

sync::AlignmentResult EpisodeAlignment::realign(const std::map<std::size_t, double>& anchors, const std::vector<std::size_t>& changed) {
  if (!aligner_ || !last_) return run(anchors).value_or(sync::AlignmentResult{});
  last_ = aligner_->realign(anchors, *last_, changed);
  return *last_;
}

}  // namespace tingdu::app
