// The audio engine's shared state and the three threads that touch it (internal to media/):
// the UI thread (AudioPlayer's public methods, player.cpp), the decoder thread (decode_loop,
// player_decoder.cpp) and SDL's audio callback (fill, player_callback.cpp). Each group of
// fields below says which of them may touch it and what protects it.
#pragma once

#include <SDL.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "block_queue.h"
#include "clock.h"
#include "decoder.h"
#include "media/player.h"

namespace tingdu::media {

// Steady-clock nanoseconds: what the callback stamps the clock with and position() reads it at.
inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A loop as the decoder thread follows it.
struct LoopSpec {
  double a = 0, b = 0;   // media frames, whole numbers
  int jumps = -1;        // jumps back to a still to make; -1: until cleared
  std::uint32_t id = 0;  // which set_loop() this is, so a late report of an old loop is ignored
  std::size_t gap = 0;   // output frames of silence after each pass
};

// A counted loop the decoder has finished: playback goes on past b from the pass that ended.
struct LoopEnd {
  std::uint32_t id = 0;      // LoopSpec::id
  std::uint32_t serial = 0;  // the seek generation it ended in
  double b = 0;              // media frame where the last pass ends
};

struct AudioPlayer::Impl {
  explicit Impl(PlayerOptions o) : options(o) {}

  const PlayerOptions options;

  // --- Set by open()/close() on the UI thread while no worker or callback runs; read-only after.
  AudioInfo info;
  bool is_open = false;
  std::string path;
  SDL_AudioDeviceID device = 0;
  int rate = 48000, channels = 2;
  std::unique_ptr<BlockQueue> queue;
  std::shared_ptr<const GrowingFile> growing;  // the download `path` is, or null
  std::size_t ramp_frames = 480;

  // --- Shared with the audio callback: atomics only.
  std::atomic<bool> playing{false};       // UI sets; the callback clears it at the end of the file
  std::atomic<float> target_gain{1.0f};   // UI sets: volume, or 0 when muted
  std::atomic<double> seek_target{0};     // UI sets before serial: media frame the serial starts at
  std::atomic<std::uint32_t> serial{0};   // UI sets (release); the callback drops blocks of older serials
  std::atomic<std::uint32_t> eof_serial{~0u};  // the callback sets: the serial whose end it played
  std::atomic<bool> faded_out{false};     // the callback sets: paused and the fade has finished
  std::atomic<std::uint32_t> loop_end_played{0};  // the callback sets: the LoopSpec::id of the
                                          // counted loop whose last pass it has handed to the device
  Clock clock;                            // the callback publishes, position() reads

  // --- Audio callback only.
  std::uint32_t cb_serial = 0;
  float gain = 0;
  std::size_t block_offset = 0;  // frames of queue->front() already played
  std::int64_t out_total = 0;    // output frames handed to the device since it opened
  double last_media = 0;         // media frame after the last one played
  std::array<ClockSegment, 64> cb_segments;

  // --- UI thread <-> decoder thread: protected by cmd_mutex.
  std::mutex cmd_mutex;
  std::condition_variable cmd_cv;
  struct Commands {
    std::optional<std::pair<std::uint32_t, double>> seek;  // serial, media frame
    std::optional<double> speed;
    std::optional<std::optional<LoopSpec>> loop;  // set (or clear, with an empty inner); drops a queued one
    std::optional<LoopSpec> queued;               // the loop to follow the counted one (queue_loop)
    std::optional<std::vector<std::pair<double, double>>> skips;  // new skipped stretches, media frames
    std::shared_ptr<const SeekIndex> index;
    bool quit = false;
    std::optional<LoopEnd> loop_end;  // the decoder reports; the UI takes it
  } cmd;

  // --- Decoder thread only (moved in at open()).
  std::unique_ptr<Decoder> decoder;
  std::thread decoder_thread;
  std::thread index_thread;
  std::atomic<bool> index_cancel{false};          // UI sets to stop the index scan
  std::atomic<bool> reader_interrupt{false};      // UI sets at close: a decoder waiting for a download gives up
  std::atomic<double> duration_seconds{0};        // index thread refines; any thread reads

  // --- Events: protected by event_mutex (UI thread and workers, never the callback).
  std::mutex event_mutex;
  std::deque<PlayerEvent> events;
  std::function<void()> wake;  // set before open(); called by workers after queueing an event

  // --- UI thread only.
  bool device_paused = false;  // SDL stopped calling back: paused and faded out (saves CPU)
  double volume = 1;
  bool muted = false;
  double speed = 1;
  std::optional<std::pair<double, double>> loop;  // seconds
  std::uint32_t loop_id = 0;                       // of the loop in effect (LoopSpec::id)
  bool loop_counted = false;                       // the loop in effect has a number of passes
  std::uint32_t last_loop_id = 0;                  // the last id given out
  struct Queued {
    std::pair<double, double> span;  // seconds
    std::uint32_t id;
    bool counted;  // has a number of passes
  };
  std::optional<Queued> queued_loop;  // follows the loop in effect once its passes end
  std::optional<LoopEnd> loop_end;                 // taken from the decoder, reported once heard
  std::uint32_t next_serial = 0;
  bool eof_reported = false;
  mutable double last_position = 0;
  mutable std::uint32_t last_position_serial = 0;
  double wall_base = 0;               // clock-only mode: media seconds at wall_base_ns
  std::int64_t wall_base_ns = 0;

  void post(PlayerEventType type, std::string message, double position) {
    {
      std::lock_guard lock(event_mutex);
      events.push_back({type, std::move(message), position});
    }
    if (wake) wake();
  }

  // ---------------------------------------------------------------- audio callback
  static void SDLCALL callback(void* user, Uint8* stream, int len) {
    auto* self = static_cast<Impl*>(user);
    self->fill(reinterpret_cast<float*>(stream), std::size_t(len) / (sizeof(float) * std::size_t(self->channels)));
  }
  // Fills `frames` output frames (SDL's audio thread; never blocks, allocates or logs).
  void fill(float* out, std::size_t frames);

  // ---------------------------------------------------------------- decoder thread
  // Decodes (through the tempo filter at other speeds) into the queue until told to quit.
  void decode_loop();

  // ---------------------------------------------------------------- UI-thread helpers
  void send(const std::function<void(Commands&)>& change) {
    {
      std::lock_guard lock(cmd_mutex);
      change(cmd);
    }
    cmd_cv.notify_one();
  }

  // The decoder's form of loop [span) with `jumps` back to its start and `gap` seconds of
  // silence after each pass; it takes the next id.
  LoopSpec loop_spec(std::pair<double, double> span, int jumps, double gap);

  void start_seek(double frames) {
    std::uint32_t s = ++next_serial;
    send([&](Commands& c) { c.seek = std::pair{s, frames}; });
    seek_target.store(frames, std::memory_order_relaxed);
    serial.store(s, std::memory_order_release);
    eof_reported = false;
  }

  // How far ahead of what is heard the decoder may have read, in media seconds: the queue,
  // the device's two buffers, and the tempo filter's own latency (generous: 0.15 s).
  double read_ahead_seconds() const {
    return (options.buffer_seconds + 2.0 * options.device_frames / rate + 0.15) * speed;
  }

  double wall_position() const {
    double p = wall_base;
    if (playing.load(std::memory_order_relaxed)) p += double(now_ns() - wall_base_ns) * 1e-9 * speed;
    return std::min(p, duration_seconds.load(std::memory_order_relaxed));
  }
  void rebase_wall() {
    wall_base = wall_position();
    wall_base_ns = now_ns();
  }
};

}  // namespace tingdu::media
