#include "decoder.h"

#include "input.h"

#include <algorithm>
#include <cmath>
#include <cstring>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

namespace tingdu::media {

std::unique_ptr<Decoder> Decoder::open(const std::string& path, int rate, int channels, std::string& error,
                                       const std::shared_ptr<const GrowingFile>& growing, const std::atomic<bool>* interrupt) {
  std::unique_ptr<Decoder> d(new Decoder());
  d->path_ = path;
  d->out_rate_ = rate;
  d->out_channels_ = channels;
  if (int err = open_input(d->fmt_, path, growing, Arrival::end_for_now, interrupt); err < 0) {
    error = open_error(path, err);
    return nullptr;
  }
  AVFormatContext* raw = d->fmt_.get();
  if (int err = avformat_find_stream_info(raw, nullptr); err < 0) {
    error = path + ": cannot read the streams: " + av_error_text(err);
    return nullptr;
  }
  set_arrival(raw, Arrival::wait);  // from the first packet on, a download's missing bytes are waited for
  const AVCodec* codec = nullptr;
  d->stream_ = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
  if (d->stream_ < 0 || !codec) {
    error = path + ": no audio stream that can be decoded";
    return nullptr;
  }
  for (unsigned i = 0; i < raw->nb_streams; ++i)
    raw->streams[i]->discard = int(i) == d->stream_ ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
  AVStream* st = raw->streams[d->stream_];
  d->codec_ = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(d->codec_, st->codecpar);
  d->codec_->pkt_timebase = st->time_base;
  if (int err = avcodec_open2(d->codec_, codec, nullptr); err < 0) {
    error = path + ": cannot open the " + codec->name + " decoder: " + av_error_text(err);
    return nullptr;
  }
  AVChannelLayout in_layout{};  // zeroed: av_channel_layout_copy frees what the target held
  if (d->codec_->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
    av_channel_layout_default(&in_layout, d->codec_->ch_layout.nb_channels);
  else
    av_channel_layout_copy(&in_layout, &d->codec_->ch_layout);
  AVChannelLayout out_layout{};
  av_channel_layout_default(&out_layout, channels);
  int err = swr_alloc_set_opts2(&d->swr_, &out_layout, AV_SAMPLE_FMT_FLT, rate, &in_layout, d->codec_->sample_fmt,
                                d->codec_->sample_rate, 0, nullptr);
  av_channel_layout_uninit(&in_layout);
  av_channel_layout_uninit(&out_layout);
  if (err < 0 || (err = swr_init(d->swr_)) < 0) {
    error = path + ": cannot set up resampling: " + av_error_text(err);
    return nullptr;
  }
  d->packet_ = av_packet_alloc();
  d->frame_ = av_frame_alloc();
  d->discard_until_ = 0;  // codec priming before media time 0 is not played
  return d;
}

Decoder::~Decoder() {
  av_frame_free(&frame_);
  av_packet_free(&packet_);
  swr_free(&swr_);
  avcodec_free_context(&codec_);
}

bool Decoder::is_mp3() const { return std::strcmp(fmt_->iformat->name, "mp3") == 0; }

bool Decoder::seek(double target) {
  AVStream* st = fmt_->streams[stream_];
  double seconds = std::max(0.0, target / out_rate_ - kPrerollSeconds);
  auto ts = std::int64_t(seconds / av_q2d(st->time_base));
  if (st->start_time != AV_NOPTS_VALUE) ts += st->start_time;
  int err;
  if (index_ && index_->size() > 0) {
    auto e = index_->at_or_before(ts);
    err = av_seek_frame(fmt_.get(), stream_, e->pos, AVSEEK_FLAG_BYTE);
  } else {
    err = av_seek_frame(fmt_.get(), stream_, ts, AVSEEK_FLAG_BACKWARD);
    if (err < 0) err = av_seek_frame(fmt_.get(), stream_, ts, AVSEEK_FLAG_ANY | AVSEEK_FLAG_BACKWARD);
  }
  if (err < 0) return false;
  avcodec_flush_buffers(codec_);
  swr_close(swr_);
  swr_init(swr_);
  pending_.clear();
  pending_offset_ = 0;
  position_ = target;
  discard_until_ = target;
  input_done_ = decoder_drained_ = false;
  return true;
}

std::size_t Decoder::read(float* out, std::size_t max_frames) {
  std::size_t done = 0;
  const auto ch = std::size_t(out_channels_);
  while (done < max_frames) {
    std::size_t available = (pending_.size() - pending_offset_) / ch;
    if (available == 0) {
      if (!refill()) break;
      continue;
    }
    std::size_t n = std::min(available, max_frames - done);
    std::memcpy(out + done * ch, pending_.data() + pending_offset_, n * ch * sizeof(float));
    pending_offset_ += n * ch;
    position_ += double(n);
    done += n;
  }
  return done;
}

bool Decoder::send_next_packet() {
  for (;;) {
    if (av_read_frame(fmt_.get(), packet_) < 0) {
      input_done_ = true;  // the end, or a truncated/unreadable file: play what was readable
      return false;
    }
    if (packet_->stream_index != stream_) {
      av_packet_unref(packet_);
      continue;
    }
    if (index_ && packet_->pos >= 0)
      if (auto e = index_->at_pos(packet_->pos)) packet_->pts = packet_->dts = e->pts;
    int err = avcodec_send_packet(codec_, packet_);
    av_packet_unref(packet_);
    if (err < 0 && err != AVERROR(EAGAIN)) {
      ++corrupt_packets_;  // a corrupt frame is skipped; the next one decodes on its own
      continue;
    }
    return true;
  }
}

bool Decoder::refill() {
  const std::size_t before = pending_.size() - pending_offset_;
  for (;;) {
    int err = avcodec_receive_frame(codec_, frame_);
    if (err == 0) {
      convert(frame_);
      av_frame_unref(frame_);
      if (pending_.size() - pending_offset_ > before) return true;
      continue;
    }
    if (err == AVERROR(EAGAIN)) {
      if (send_next_packet()) continue;
      if (!decoder_drained_) {
        decoder_drained_ = true;
        avcodec_send_packet(codec_, nullptr);
        continue;
      }
    } else if (err != AVERROR_EOF) {
      continue;  // a frame that failed to decode: skip it
    }
    // End of stream: what the resampler still holds.
    convert(nullptr);
    return pending_.size() - pending_offset_ > before;
  }
}

void Decoder::convert(const AVFrame* frame) {
  const auto ch = std::size_t(out_channels_);
  if (pending_offset_ > 0) {
    pending_.erase(pending_.begin(), pending_.begin() + std::ptrdiff_t(pending_offset_));
    pending_offset_ = 0;
  }
  const std::uint8_t* planes[AV_NUM_DATA_POINTERS] = {};
  int in_frames = 0;
  if (frame) {
    double queued = double(pending_.size() / ch);
    double frame_pos = position_ + queued;
    if (frame->best_effort_timestamp != AV_NOPTS_VALUE) {
      AVStream* st = fmt_->streams[stream_];
      std::int64_t pts = frame->best_effort_timestamp - (st->start_time != AV_NOPTS_VALUE ? st->start_time : 0);
      frame_pos = double(pts) * av_q2d(st->time_base) * out_rate_;
    }
    int skip = 0;
    if (discard_until_ >= 0) {
      double skip_out = discard_until_ - frame_pos;
      if (skip_out > 0) {
        skip = int(std::llround(skip_out * frame->sample_rate / out_rate_));
        if (skip >= frame->nb_samples) return;  // entirely before the target
      }
      position_ = skip > 0 ? discard_until_ : std::max(frame_pos, discard_until_);
      discard_until_ = -1;
    }
    int bytes = av_get_bytes_per_sample(AVSampleFormat(frame->format));
    bool planar = av_sample_fmt_is_planar(AVSampleFormat(frame->format));
    int channels = frame->ch_layout.nb_channels;
    for (int c = 0; c < (planar ? channels : 1) && c < AV_NUM_DATA_POINTERS; ++c)
      planes[c] = frame->extended_data[c] + std::ptrdiff_t(skip) * bytes * (planar ? 1 : channels);
    in_frames = frame->nb_samples - skip;
  }
  int capacity = swr_get_out_samples(swr_, in_frames);
  if (capacity <= 0) return;
  std::size_t old = pending_.size();
  pending_.resize(old + std::size_t(capacity) * ch);
  auto* out = reinterpret_cast<std::uint8_t*>(pending_.data() + old);
  int n = swr_convert(swr_, &out, capacity, frame ? planes : nullptr, in_frames);
  pending_.resize(old + std::size_t(std::max(n, 0)) * ch);
}

}  // namespace tingdu::media
