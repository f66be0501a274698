#include "media/audio_writer.h"

#include <cstdio>
#include <filesystem>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

#include "av_error.h"

namespace tingdu::media {

struct AudioWriter::Impl {
  std::string path, tmp, error;
  AVFormatContext* fmt = nullptr;
  AVCodecContext* codec = nullptr;
  AVStream* stream = nullptr;
  SwrContext* swr = nullptr;
  AVAudioFifo* fifo = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  std::int64_t pts = 0;
  int in_channels = 1;
  bool header_written = false, closed = false;

  ~Impl() {
    av_packet_free(&packet);
    av_frame_free(&frame);
    if (fifo) av_audio_fifo_free(fifo);
    swr_free(&swr);
    avcodec_free_context(&codec);
    if (fmt) {
      if (fmt->pb) avio_closep(&fmt->pb);
      avformat_free_context(fmt);
    }
    if (!closed && !tmp.empty()) std::remove(tmp.c_str());
  }

  bool fail(const std::string& what, int err = 0) {
    error = path + ": " + what + (err ? ": " + av_error_text(err) : std::string());
    return false;
  }

  // Sends whole frames from the FIFO to the encoder (all that is left when `flush`).
  bool drain_fifo(bool flush) {
    const int size = codec->frame_size > 0 ? codec->frame_size : 1024;
    while (av_audio_fifo_size(fifo) >= size || (flush && av_audio_fifo_size(fifo) > 0)) {
      int n = std::min(size, av_audio_fifo_size(fifo));
      av_frame_unref(frame);
      frame->nb_samples = n;
      frame->format = codec->sample_fmt;
      frame->sample_rate = codec->sample_rate;
      av_channel_layout_copy(&frame->ch_layout, &codec->ch_layout);
      if (int err = av_frame_get_buffer(frame, 0); err < 0) return fail("out of memory", err);
      av_audio_fifo_read(fifo, reinterpret_cast<void**>(frame->data), n);
      frame->pts = pts;
      pts += n;
      if (!encode(frame)) return false;
    }
    return true;
  }

  bool encode(AVFrame* f) {
    if (int err = avcodec_send_frame(codec, f); err < 0) return fail("cannot encode", err);
    for (;;) {
      int err = avcodec_receive_packet(codec, packet);
      if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return true;
      if (err < 0) return fail("cannot encode", err);
      av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
      packet->stream_index = stream->index;
      if (int w = av_interleaved_write_frame(fmt, packet); w < 0) return fail("cannot write", w);
    }
  }
};

AudioWriter::AudioWriter() : impl_(std::make_unique<Impl>()) {}
AudioWriter::~AudioWriter() = default;
const std::string& AudioWriter::error() const { return impl_->error; }

std::unique_ptr<AudioWriter> AudioWriter::create(const std::string& path, int rate, int channels, int bitrate,
                                                 std::string& error) {
  std::unique_ptr<AudioWriter> w(new AudioWriter());
  Impl& p = *w->impl_;
  p.path = path;
  p.in_channels = channels;
  std::string ext = std::filesystem::path(path).extension().string();
  p.tmp = path + ".part" + ext;
  auto fail = [&](const std::string& what, int err = 0) {
    p.fail(what, err);
    error = p.error;
    return nullptr;
  };
  if (int err = avformat_alloc_output_context2(&p.fmt, nullptr, nullptr, path.c_str()); err < 0 || !p.fmt)
    return fail("no container for this file name's extension", err);
  const AVCodec* encoder = nullptr;
  if (p.fmt->oformat->audio_codec == AV_CODEC_ID_OPUS) encoder = avcodec_find_encoder_by_name("libopus");
  if (!encoder) encoder = avcodec_find_encoder(p.fmt->oformat->audio_codec);
  if (!encoder) return fail("no encoder for this format");
  p.codec = avcodec_alloc_context3(encoder);
  av_channel_layout_default(&p.codec->ch_layout, channels);
  p.codec->sample_fmt = encoder->sample_fmts ? encoder->sample_fmts[0] : AV_SAMPLE_FMT_FLT;
  int out_rate = rate;
  if (encoder->supported_samplerates) {  // the supported rate nearest above (or the highest)
    out_rate = 0;
    for (const int* r = encoder->supported_samplerates; *r; ++r)
      if (*r >= rate && (out_rate == 0 || *r < out_rate)) out_rate = *r;
    if (out_rate == 0) out_rate = encoder->supported_samplerates[0];
  }
  p.codec->sample_rate = out_rate;
  p.codec->time_base = AVRational{1, out_rate};
  p.codec->bit_rate = bitrate;
  // libopus at its default complexity (10) encodes a 3.5 h narration at ~60x real time here;
  // at 3 it is ~280x, and speech at 24 kbit/s sounds the same.
  if (encoder->id == AV_CODEC_ID_OPUS) p.codec->compression_level = 3;
  if (p.fmt->oformat->flags & AVFMT_GLOBALHEADER) p.codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  // The same samples give the same bytes: no random Ogg serial, no encoder version tag.
  p.codec->flags |= AV_CODEC_FLAG_BITEXACT;
  p.fmt->flags |= AVFMT_FLAG_BITEXACT;
  if (int err = avcodec_open2(p.codec, encoder, nullptr); err < 0) return fail("cannot open the encoder", err);
  p.stream = avformat_new_stream(p.fmt, nullptr);
  avcodec_parameters_from_context(p.stream->codecpar, p.codec);
  p.stream->time_base = p.codec->time_base;
  if (int err = avio_open(&p.fmt->pb, p.tmp.c_str(), AVIO_FLAG_WRITE); err < 0) return fail("cannot create the file", err);
  if (int err = avformat_write_header(p.fmt, nullptr); err < 0) return fail("cannot write the header", err);
  p.header_written = true;
  AVChannelLayout in_layout{};
  av_channel_layout_default(&in_layout, channels);
  int err = swr_alloc_set_opts2(&p.swr, &p.codec->ch_layout, p.codec->sample_fmt, out_rate, &in_layout, AV_SAMPLE_FMT_FLT,
                                rate, 0, nullptr);
  if (err < 0 || (err = swr_init(p.swr)) < 0) return fail("cannot set up resampling", err);
  p.fifo = av_audio_fifo_alloc(p.codec->sample_fmt, channels, 4096);
  p.frame = av_frame_alloc();
  p.packet = av_packet_alloc();
  return w;
}

bool AudioWriter::write(const float* samples, std::size_t frames) {
  Impl& p = *impl_;
  if (!p.error.empty()) return false;
  int out_max = swr_get_out_samples(p.swr, int(frames));
  if (out_max <= 0) return true;
  uint8_t** converted = nullptr;
  av_samples_alloc_array_and_samples(&converted, nullptr, p.codec->ch_layout.nb_channels, out_max, p.codec->sample_fmt, 0);
  const auto* in = reinterpret_cast<const uint8_t*>(samples);
  int n = swr_convert(p.swr, converted, out_max, &in, int(frames));
  bool ok = n >= 0;
  if (ok && n > 0) ok = av_audio_fifo_write(p.fifo, reinterpret_cast<void**>(converted), n) == n;
  av_freep(&converted[0]);
  av_freep(&converted);
  if (!ok) return p.fail("cannot convert the samples");
  return p.drain_fifo(false);
}

bool AudioWriter::close() {
  Impl& p = *impl_;
  if (p.closed) return p.error.empty();
  if (p.error.empty()) {
    // What the resampler still holds, then the last partial frame, then the encoder's tail.
    int out_max = swr_get_out_samples(p.swr, 0);
    if (out_max > 0) {
      uint8_t** converted = nullptr;
      av_samples_alloc_array_and_samples(&converted, nullptr, p.codec->ch_layout.nb_channels, out_max, p.codec->sample_fmt, 0);
      int n = swr_convert(p.swr, converted, out_max, nullptr, 0);
      if (n > 0) av_audio_fifo_write(p.fifo, reinterpret_cast<void**>(converted), n);
      av_freep(&converted[0]);
      av_freep(&converted);
    }
    if (p.drain_fifo(true) && p.encode(nullptr)) {
      if (int err = av_write_trailer(p.fmt); err < 0) p.fail("cannot finish the file", err);
    }
  }
  if (p.fmt && p.fmt->pb) avio_closep(&p.fmt->pb);
  if (p.error.empty()) {
    std::error_code ec;
    std::filesystem::rename(p.tmp, p.path, ec);
    if (ec) p.fail("cannot rename the finished file into place: " + ec.message());
  }
  if (!p.error.empty()) std::remove(p.tmp.c_str());
  p.closed = true;
  return p.error.empty();
}

}  // namespace tingdu::media
