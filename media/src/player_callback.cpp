// SDL's audio callback: takes blocks from the queue, ramps the gain, publishes the clock.
#include <algorithm>

#include "player_impl.h"

namespace tingdu::media {

void AudioPlayer::Impl::fill(float* out, std::size_t frames) {
  const std::int64_t now = now_ns();
  const std::uint32_t s = serial.load(std::memory_order_acquire);
  if (s != cb_serial) {
    cb_serial = s;
    last_media = seek_target.load(std::memory_order_relaxed);
  }
  bool is_playing = playing.load(std::memory_order_relaxed);
  float target = is_playing ? target_gain.load(std::memory_order_relaxed) : 0.0f;
  faded_out.store(!is_playing && gain == 0.0f, std::memory_order_relaxed);
  const float step = 1.0f / float(ramp_frames);
  const auto ch = std::size_t(channels);
  std::size_t segments = 0, written = 0;
  auto add_segment = [&](std::size_t n, double media, double spd) {
    if (segments == cb_segments.size()) return;  // cannot happen with kBlockFrames-sized blocks
    cb_segments[segments++] = {out_total + std::int64_t(written), std::uint32_t(n), media, spd, s};
  };
  while (written < frames) {
    const AudioBlock* b = nullptr;
    // Paused and faded out: nothing is consumed. (Muted is not paused: the audio runs on,
    // unheard, and the clock with it.)
    bool silent = !is_playing && gain == 0.0f;
    if (!silent) {
      while ((b = queue->front()) && b->serial != s) {  // stale: from before the last seek
        queue->pop();
        block_offset = 0;
      }
      if (b && b->end_of_file) {
        queue->pop();
        eof_serial.store(s, std::memory_order_relaxed);
        playing.store(false, std::memory_order_relaxed);
        is_playing = false;
        target = 0.0f;
        b = nullptr;
      }
    }
    if (!b) {  // paused, waiting for the decoder after a seek, or at the end
      std::fill(out + written * ch, out + frames * ch, 0.0f);
      add_segment(frames - written, last_media, 0.0);
      gain = silent || target == 0.0f ? 0.0f : gain;
      written = frames;
      break;
    }
    if (block_offset == 0 && b->loop_end) loop_end_played.store(b->loop_end, std::memory_order_relaxed);
    std::size_t n = std::min<std::size_t>(b->frames - block_offset, frames - written);
    const float* src = b->samples + block_offset * ch;
    float* dst = out + written * ch;
    for (std::size_t i = 0; i < n; ++i) {
      if (gain < target) gain = std::min(target, gain + step);
      else if (gain > target) gain = std::max(target, gain - step);
      for (std::size_t c = 0; c < ch; ++c) dst[i * ch + c] = src[i * ch + c] * gain;
    }
    double media = b->media_start + double(block_offset) * b->speed;
    add_segment(n, media, b->speed);
    last_media = media + double(n) * b->speed;
    block_offset += n;
    written += n;
    if (block_offset == b->frames) {
      queue->pop();
      block_offset = 0;
    }
  }
  out_total += std::int64_t(frames);
  clock.publish(cb_segments.data(), segments, out_total, now);
}

}  // namespace tingdu::media
