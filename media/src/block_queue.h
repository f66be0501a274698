// A single-producer single-consumer queue of fixed-size audio blocks (internal to media/).
// The decoder thread fills blocks; the SDL audio callback drains them. All storage is allocated
// up front, so neither side allocates, locks or waits: push fails when full, front() is null
// when empty. The pattern is miniaudio's ma_pcm_rb and the Linux kernel's kfifo.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace tingdu::media {

// Frames per block: 512 frames is ~11 ms at 48 kHz, fine-grained enough that a seek or a loop
// never has to split a device buffer by more than that.
inline constexpr std::size_t kBlockFrames = 512;
inline constexpr std::size_t kMaxChannels = 8;

struct AudioBlock {
  std::uint32_t serial = 0;   // the seek generation it belongs to; stale serials are dropped
  double media_start = 0;     // media position of frame 0, in output-rate frames
  double speed = 1;           // media frames advanced per output frame (playback speed)
  std::uint32_t frames = 0;   // valid frames in `samples`
  bool end_of_file = false;   // no samples follow in this serial
  std::uint32_t loop_end = 0;  // nonzero: the first block after the last pass of the counted
                               // loop with this LoopSpec::id, so the callback tells when it ends
  float samples[kBlockFrames * kMaxChannels];  // interleaved, `channels` per frame
};

class BlockQueue {
 public:
  explicit BlockQueue(std::size_t capacity) : blocks_(capacity + 1) {}

  // --- producer side (decoder thread)
  // The next free block to fill, or nullptr when the queue is full. Fill it, then commit().
  AudioBlock* back() {
    std::size_t w = write_.load(std::memory_order_relaxed);
    std::size_t next = (w + 1) % blocks_.size();
    if (next == read_.load(std::memory_order_acquire)) return nullptr;
    return &blocks_[w];
  }
  void commit() { write_.store((write_.load(std::memory_order_relaxed) + 1) % blocks_.size(), std::memory_order_release); }

  // --- consumer side (audio callback)
  const AudioBlock* front() const {
    std::size_t r = read_.load(std::memory_order_relaxed);
    if (r == write_.load(std::memory_order_acquire)) return nullptr;
    return &blocks_[r];
  }
  void pop() { read_.store((read_.load(std::memory_order_relaxed) + 1) % blocks_.size(), std::memory_order_release); }

  // Either side: how many blocks are queued (a snapshot).
  std::size_t size() const {
    std::size_t w = write_.load(std::memory_order_acquire), r = read_.load(std::memory_order_acquire);
    return (w + blocks_.size() - r) % blocks_.size();
  }
  std::size_t capacity() const { return blocks_.size() - 1; }

 private:
  std::vector<AudioBlock> blocks_;  // one slot stays empty to tell full from empty
  // write_ is written only by the producer, read_ only by the consumer; release/acquire on
  // them publishes the block contents.
  std::atomic<std::size_t> write_{0};
  std::atomic<std::size_t> read_{0};
};

}  // namespace tingdu::media
