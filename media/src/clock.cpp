#include "clock.h"

#include <algorithm>

namespace tingdu::media {

void Clock::publish(const ClockSegment* segments, std::size_t count, std::int64_t out_end, std::int64_t now_ns) {
  seq_.fetch_add(1, std::memory_order_acq_rel);  // odd: writing
  std::size_t next = next_.load(std::memory_order_relaxed);
  for (std::size_t i = 0; i < count; ++i) {
    Slot& s = slots_[next];
    s.out_start.store(segments[i].out_start, std::memory_order_relaxed);
    s.frames.store(segments[i].frames, std::memory_order_relaxed);
    s.media_start.store(segments[i].media_start, std::memory_order_relaxed);
    s.speed.store(segments[i].speed, std::memory_order_relaxed);
    s.serial.store(segments[i].serial, std::memory_order_relaxed);
    next = (next + 1) % kHistory;
  }
  next_.store(next, std::memory_order_relaxed);
  out_end_.store(out_end, std::memory_order_relaxed);
  callback_ns_.store(now_ns, std::memory_order_relaxed);
  seq_.fetch_add(1, std::memory_order_release);  // even: consistent
}

std::optional<double> Clock::media_at(std::int64_t now_ns, int device_frames, int rate, std::uint32_t serial) const {
  for (;;) {
    std::uint64_t before = seq_.load(std::memory_order_acquire);
    if (before & 1) continue;
    std::int64_t cb_ns = callback_ns_.load(std::memory_order_relaxed);
    std::int64_t out_end = out_end_.load(std::memory_order_relaxed);
    std::size_t next = next_.load(std::memory_order_relaxed);
    std::optional<double> result;
    if (cb_ns >= 0) {
      double elapsed = double(now_ns - cb_ns) * 1e-9 * rate;
      // Past one buffer the next callback is late; don't run ahead of what was written.
      elapsed = std::clamp(elapsed, 0.0, double(device_frames));
      double heard = double(out_end) - 2.0 * device_frames + elapsed;
      // Newest segment first: the one holding `heard`, or the oldest kept when it is older.
      for (std::size_t k = 0; k < kHistory; ++k) {
        const Slot& s = slots_[(next + kHistory - 1 - k) % kHistory];
        std::uint32_t frames = s.frames.load(std::memory_order_relaxed);
        if (frames == 0) break;
        if (s.serial.load(std::memory_order_relaxed) != serial) break;
        double start = double(s.out_start.load(std::memory_order_relaxed));
        double offset = std::clamp(heard - start, 0.0, double(frames));
        result = s.media_start.load(std::memory_order_relaxed) + offset * s.speed.load(std::memory_order_relaxed);
        if (heard >= start) break;
      }
    }
    std::atomic_thread_fence(std::memory_order_acquire);
    if (seq_.load(std::memory_order_relaxed) == before) return result;
  }
}

}  // namespace tingdu::media
