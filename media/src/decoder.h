// Decoding one audio stream to interleaved float frames at a chosen rate and channel count,
// with exact seeks (internal to media/; used only by the engine's decoder thread).
//
// Positions are media positions in output-rate frames: frame n is at n / rate seconds.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "av_error.h"
#include "media/growing_file.h"
#include "seek_index.h"

struct AVCodecContext;
struct SwrContext;
struct AVPacket;
struct AVFrame;

namespace tingdu::media {

class Decoder {
 public:
  // Opens the best audio stream of `path` for output at `rate` Hz and `channels` channels.
  // nullptr with `error` set ("PATH: what") when it can't. With `growing` (a download), reads
  // wait for bytes not yet there until `interrupt` is set (input.h).
  static std::unique_ptr<Decoder> open(const std::string& path, int rate, int channels, std::string& error,
                                       const std::shared_ptr<const GrowingFile>& growing = nullptr,
                                       const std::atomic<bool>* interrupt = nullptr);
  ~Decoder();

  // After this, the next frame read() returns is media frame `target` exactly (or read()
  // returns 0 when target is at or past the end). Demuxer seek to a point before the target
  // (kPrerollSeconds, so MP3's near-silent first frames and codec priming are decoded and
  // dropped), then decode and discard up to the target. Returns false on a read error.
  bool seek(double target);

  // Decodes up to `max_frames` frames into `out` (channels() floats per frame). Returns the
  // number written; 0 means the end of the stream (or of what was readable).
  std::size_t read(float* out, std::size_t max_frames);

  // Media frame of the next frame read() returns.
  double position() const { return position_; }
  int rate() const { return out_rate_; }
  int channels() const { return out_channels_; }
  int stream_index() const { return stream_; }
  const std::string& path() const { return path_; }
  bool is_mp3() const;
  // Packets the decoder refused (corrupt data) since opening; playback skipped them.
  std::size_t corrupt_packets() const { return corrupt_packets_; }

  // Gives the decoder an exact index (see seek_index.h); later seeks use it.
  void set_index(std::shared_ptr<const SeekIndex> index) { index_ = std::move(index); }

  static constexpr double kPrerollSeconds = 0.2;

 private:
  Decoder() = default;
  bool refill();            // decodes at least one more frame into pending_, false at end
  bool send_next_packet();  // false at end of input
  void convert(const AVFrame* frame);

  std::string path_;
  FormatContextPtr fmt_;
  AVCodecContext* codec_ = nullptr;
  SwrContext* swr_ = nullptr;
  AVPacket* packet_ = nullptr;
  AVFrame* frame_ = nullptr;
  int stream_ = -1;
  int out_rate_ = 0, out_channels_ = 0;
  std::shared_ptr<const SeekIndex> index_;

  std::vector<float> pending_;  // converted frames not yet returned, from pending_offset_
  std::size_t pending_offset_ = 0;
  double position_ = 0;         // media frame of pending_[pending_offset_]
  double discard_until_ = -1;   // after a seek: drop output before this media frame
  bool input_done_ = false, decoder_drained_ = false;
  std::size_t corrupt_packets_ = 0;
};

}  // namespace tingdu::media
