// Playback speed with the pitch kept: libavfilter's atempo (WSOLA) on interleaved float
// frames (internal to media/). atempo over rubberband: it ships inside libavfilter, runs
// 0.5x-2.0x in one instance, and at speech rates its artefacts are slight; rubberband sounds
// smoother on music but would add a dependency for little gain on speech.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

struct AVFilterGraph;
struct AVFilterContext;
struct AVFrame;

namespace tingdu::media {

class TempoFilter {
 public:
  static std::unique_ptr<TempoFilter> create(int rate, int channels, double speed, std::string& error);
  ~TempoFilter();

  // Feeds `frames` frames; frames == 0 marks the end of input (what is held comes out).
  // False when the filter refused them (out of memory): treat it as the end of input.
  bool push(const float* samples, std::size_t frames);
  // Takes up to `max_frames` output frames; 0 when none are ready yet.
  std::size_t pull(float* out, std::size_t max_frames);
  double speed() const { return speed_; }

 private:
  TempoFilter() = default;
  AVFilterGraph* graph_ = nullptr;
  AVFilterContext* source_ = nullptr;
  AVFilterContext* sink_ = nullptr;
  AVFrame* frame_ = nullptr;
  int rate_ = 0, channels_ = 0;
  double speed_ = 1;
  std::int64_t pts_ = 0;
  std::vector<float> leftover_;  // pulled from the sink, not yet returned
  std::size_t leftover_offset_ = 0;
  bool ended_ = false;
};

}  // namespace tingdu::media
