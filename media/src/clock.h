// What the listener hears now (internal to media/). The audio callback publishes, for each
// device buffer it fills, which media positions went into which output frames ("segments");
// the reader maps "the output frame the speaker plays now" back to a media position.
//
// Now = the last callback's end of output, minus two device buffers still queued (ffplay's and
// mpv's assumption for SDL), plus the wall time since that callback. Segments carry the speed,
// and silence (paused, waiting after a seek) is a segment with speed 0, so the mapping holds at
// every speed, across loop seams and through pauses.
//
// Threads: publish() only from the audio callback; media_at() from any thread. A sequence
// lock (seq_) makes a reader retry if it overlapped a publish; every field is an atomic so the
// overlap is not a data race. Nothing here blocks, allocates or logs.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>

namespace tingdu::media {

struct ClockSegment {
  std::int64_t out_start = 0;  // index of its first output frame since the device opened
  std::uint32_t frames = 0;
  double media_start = 0;      // media frame of its first output frame
  double speed = 0;            // media frames per output frame; 0 for silence
  std::uint32_t serial = 0;    // seek generation
};

class Clock {
 public:
  static constexpr std::size_t kHistory = 64;  // segments kept: several device buffers' worth

  // Audio callback: the segments of one device buffer, in order, and when it was filled.
  void publish(const ClockSegment* segments, std::size_t count, std::int64_t out_end, std::int64_t now_ns);

  // The media frame heard at `now_ns`, given `device_frames` per device buffer and the output
  // `rate`. nullopt before any buffer of `serial` was published.
  std::optional<double> media_at(std::int64_t now_ns, int device_frames, int rate, std::uint32_t serial) const;

 private:
  struct Slot {
    std::atomic<std::int64_t> out_start{0};
    std::atomic<std::uint32_t> frames{0};
    std::atomic<double> media_start{0};
    std::atomic<double> speed{0};
    std::atomic<std::uint32_t> serial{0};
  };
  std::atomic<std::uint64_t> seq_{0};       // odd while publish() writes
  std::array<Slot, kHistory> slots_;        // ring, written by publish()
  std::atomic<std::size_t> next_{0};        // slot publish() writes next
  std::atomic<std::int64_t> out_end_{0};    // output frames handed to the device so far
  std::atomic<std::int64_t> callback_ns_{-1};  // steady-clock time of the last publish
};

}  // namespace tingdu::media
