#include "tempo_filter.h"

#include <algorithm>
#include <cstring>

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
#include <libavutil/opt.h>
}

#include "av_error.h"

namespace tingdu::media {

std::unique_ptr<TempoFilter> TempoFilter::create(int rate, int channels, double speed, std::string& error) {
  std::unique_ptr<TempoFilter> f(new TempoFilter());
  f->rate_ = rate;
  f->channels_ = channels;
  f->speed_ = speed;
  f->graph_ = avfilter_graph_alloc();
  f->frame_ = av_frame_alloc();
  AVChannelLayout layout{};
  av_channel_layout_default(&layout, channels);
  char layout_name[64] = {};
  av_channel_layout_describe(&layout, layout_name, sizeof layout_name);
  av_channel_layout_uninit(&layout);

  std::string src_args = "sample_rate=" + std::to_string(rate) + ":sample_fmt=flt:channel_layout=" + layout_name +
                         ":time_base=1/" + std::to_string(rate);
  std::string tempo_args = "tempo=" + std::to_string(speed);
  std::string format_args = std::string("sample_fmts=flt:channel_layouts=") + layout_name;
  AVFilterContext *tempo = nullptr, *format = nullptr;
  int err = avfilter_graph_create_filter(&f->source_, avfilter_get_by_name("abuffer"), "in", src_args.c_str(), nullptr, f->graph_);
  if (err >= 0) err = avfilter_graph_create_filter(&tempo, avfilter_get_by_name("atempo"), "tempo", tempo_args.c_str(), nullptr, f->graph_);
  if (err >= 0) err = avfilter_graph_create_filter(&format, avfilter_get_by_name("aformat"), "format", format_args.c_str(), nullptr, f->graph_);
  if (err >= 0) err = avfilter_graph_create_filter(&f->sink_, avfilter_get_by_name("abuffersink"), "out", nullptr, nullptr, f->graph_);
  if (err >= 0) err = avfilter_link(f->source_, 0, tempo, 0);
  if (err >= 0) err = avfilter_link(tempo, 0, format, 0);
  if (err >= 0) err = avfilter_link(format, 0, f->sink_, 0);
  if (err >= 0) err = avfilter_graph_config(f->graph_, nullptr);
  if (err < 0) {
    error = "cannot set up the atempo filter: " + av_error_text(err);
    return nullptr;
  }
  return f;
}

TempoFilter::~TempoFilter() {
  av_frame_free(&frame_);
  avfilter_graph_free(&graph_);
}

bool TempoFilter::push(const float* samples, std::size_t frames) {
  if (ended_) return false;
  if (frames == 0) {
    ended_ = true;
    return av_buffersrc_add_frame(source_, nullptr) >= 0;
  }
  AVFrame* in = av_frame_alloc();
  in->format = AV_SAMPLE_FMT_FLT;
  in->sample_rate = rate_;
  av_channel_layout_default(&in->ch_layout, channels_);
  in->nb_samples = int(frames);
  in->pts = pts_;
  pts_ += std::int64_t(frames);
  bool ok = av_frame_get_buffer(in, 0) >= 0;
  if (ok) {
    std::memcpy(in->data[0], samples, frames * std::size_t(channels_) * sizeof(float));
    ok = av_buffersrc_add_frame(source_, in) >= 0;  // takes the reference
  }
  av_frame_free(&in);
  return ok;
}

std::size_t TempoFilter::pull(float* out, std::size_t max_frames) {
  const auto ch = std::size_t(channels_);
  std::size_t done = 0;
  while (done < max_frames) {
    std::size_t available = (leftover_.size() - leftover_offset_) / ch;
    if (available > 0) {
      std::size_t n = std::min(available, max_frames - done);
      std::memcpy(out + done * ch, leftover_.data() + leftover_offset_, n * ch * sizeof(float));
      leftover_offset_ += n * ch;
      done += n;
      continue;
    }
    if (av_buffersink_get_frame(sink_, frame_) < 0) break;
    const auto* data = reinterpret_cast<const float*>(frame_->data[0]);
    leftover_.assign(data, data + std::size_t(frame_->nb_samples) * ch);
    leftover_offset_ = 0;
    av_frame_unref(frame_);
  }
  return done;
}

}  // namespace tingdu::media
