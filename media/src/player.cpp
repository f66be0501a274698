#include "media/player.h"

#include <SDL.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "block_queue.h"
#include "clock.h"
#include "decoder.h"
#include "tempo_filter.h"

namespace tingdu::media {
namespace {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A position that moved back by less than this is callback timing jitter, not a seek or a
// loop seam, and is held at the last value so the clock never runs backwards.
constexpr double kJitterSeconds = 0.25;
// Decoder thread's nap when the queue is full or the file has ended (commands wake it sooner).
// The queue holds buffer_seconds (0.5 s) of audio, so 20 ms leaves ample margin.
constexpr auto kDecoderNap = std::chrono::milliseconds(20);

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

}  // namespace

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
  std::size_t ramp_frames = 480;

  // --- Shared with the audio callback: atomics only.
  std::atomic<bool> playing{false};       // UI sets; the callback clears it at the end of the file
  std::atomic<float> target_gain{1.0f};   // UI sets: volume, or 0 when muted
  std::atomic<double> seek_target{0};     // UI sets before serial: media frame the serial starts at
  std::atomic<std::uint32_t> serial{0};   // UI sets (release); the callback drops blocks of older serials
  std::atomic<std::uint32_t> eof_serial{~0u};  // the callback sets: the serial whose end it played
  std::atomic<bool> faded_out{false};     // the callback sets: paused and the fade has finished
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
    std::optional<std::optional<LoopSpec>> loop;  // set (or clear, with an empty inner)
    std::shared_ptr<const SeekIndex> index;
    bool quit = false;
    std::optional<LoopEnd> loop_end;  // the decoder reports; the UI takes it
  } cmd;

  // --- Decoder thread only (moved in at open()).
  std::unique_ptr<Decoder> decoder;
  std::thread decoder_thread;
  std::thread index_thread;
  std::atomic<bool> index_cancel{false};          // UI sets to stop the index scan
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

  void fill(float* out, std::size_t frames) {
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

  // ---------------------------------------------------------------- decoder thread
  void decode_loop() {
    const auto ch = std::size_t(channels);
    std::uint32_t my_serial = 0;
    bool ended = false;
    double spd = 1;
    std::optional<LoopSpec> lp;
    std::unique_ptr<TempoFilter> tempo;
    struct Anchor {
      double in;            // tempo input frames fed before this point
      double media;         // media frame at this point
      bool frozen = false;  // a loop's gap: silence that holds the media time
    };
    std::deque<Anchor> anchors;
    // A loop's gap still to make (output frames), and the media time it holds.
    std::size_t gap_left = 0;
    double gap_media = 0;
    double tempo_in = 0, tempo_out = 0, expected_media = 0;
    bool tempo_input_ended = false;
    std::vector<float> input(kBlockFrames * ch);

    auto restart_tempo = [&](double media) {
      tempo.reset();
      anchors.clear();
      tempo_in = tempo_out = 0;
      tempo_input_ended = false;
      expected_media = media;
      if (spd != 1.0) {
        std::string error;
        tempo = TempoFilter::create(rate, channels, spd, error);
        if (!tempo) post(PlayerEventType::error, error, media / rate);
      }
    };
    // At b: the gap, then jump back to a, or, after the last counted pass, let playback go on.
    auto wrap_to_a = [&] {
      gap_left = lp->gap;
      gap_media = lp->b;
      if (lp->jumps == 0) {
        {
          std::lock_guard lock(cmd_mutex);
          cmd.loop_end = LoopEnd{lp->id, my_serial, lp->b};
        }
        lp.reset();
        if (wake) wake();
        return;
      }
      decoder->seek(lp->a);
      if (lp->jumps > 0) --lp->jumps;
    };

    for (;;) {
      std::optional<std::pair<std::uint32_t, double>> seek;
      {
        std::unique_lock lock(cmd_mutex);
        bool idle = ended || !queue->back();
        if (idle && !cmd.seek && !cmd.speed && !cmd.loop && !cmd.index && !cmd.quit) cmd_cv.wait_for(lock, kDecoderNap);
        if (cmd.quit) return;
        if (cmd.index) decoder->set_index(std::move(cmd.index));
        cmd.index.reset();
        if (cmd.speed) spd = *cmd.speed;
        cmd.speed.reset();
        if (cmd.loop) lp = *cmd.loop;
        cmd.loop.reset();
        seek = cmd.seek;
        cmd.seek.reset();
      }
      if (seek) {
        my_serial = seek->first;
        if (!decoder->seek(seek->second)) post(PlayerEventType::error, path + ": cannot seek there", seek->second / rate);
        restart_tempo(seek->second);
        ended = false;
        gap_left = 0;
      }
      if (ended) continue;
      AudioBlock* blk = queue->back();
      if (!blk) continue;

      // Input: up to a block of frames, cut at the loop's end.
      double pos = decoder->position();
      bool looping = lp && pos < lp->b;
      std::size_t want = kBlockFrames;
      if (looping) want = std::min<std::size_t>(want, std::size_t(std::max(1.0, std::ceil(lp->b - pos))));

      if (!tempo && gap_left > 0) {  // silence that holds the media time at b
        std::size_t n = std::min<std::size_t>(gap_left, kBlockFrames);
        *blk = AudioBlock{my_serial, gap_media, 0.0, std::uint32_t(n), false, {}};  // samples zeroed
        queue->commit();
        gap_left -= n;
        continue;
      }
      if (!tempo) {
        std::size_t n = decoder->read(blk->samples, want);
        if (n == 0) {
          if (looping) {  // the loop's end lies past the end of the file
            wrap_to_a();
            continue;
          }
          *blk = AudioBlock{my_serial, pos, 1.0, 0, true, {}};
          queue->commit();
          ended = true;
          continue;
        }
        blk->serial = my_serial;
        blk->media_start = pos;
        blk->speed = 1.0;
        blk->frames = std::uint32_t(n);
        blk->end_of_file = false;
        queue->commit();
        if (looping && decoder->position() >= lp->b) wrap_to_a();
        continue;
      }

      // With a tempo filter: feed it, then take at most a block that does not cross a seam.
      if (!tempo_input_ended && gap_left > 0) {
        // The gap goes through the filter too, so it falls after the pass's last output.
        std::size_t n = std::min<std::size_t>(gap_left, kBlockFrames);
        std::fill(input.begin(), input.begin() + std::ptrdiff_t(n * ch), 0.0f);
        anchors.push_back({tempo_in, gap_media, true});
        if (!tempo->push(input.data(), n)) tempo_input_ended = true;
        tempo_in += double(n);
        gap_left -= n;
        expected_media = -1;  // the next real input starts a new anchor
      } else if (!tempo_input_ended) {
        std::size_t n = decoder->read(input.data(), want);
        if (n > 0) {
          if (anchors.empty() || pos != expected_media) anchors.push_back({tempo_in, pos});
          if (!tempo->push(input.data(), n)) tempo_input_ended = true;
          tempo_in += double(n);
          expected_media = decoder->position();
          if (looping && decoder->position() >= lp->b) wrap_to_a();
        } else if (looping) {
          wrap_to_a();
        } else {
          (void)tempo->push(nullptr, 0);
          tempo_input_ended = true;
        }
      }
      double x = tempo_out * spd;  // tempo input frame the next output frame comes from
      while (anchors.size() > 1 && anchors[1].in <= x) anchors.pop_front();
      std::size_t limit = kBlockFrames;
      if (anchors.size() > 1) limit = std::min<std::size_t>(limit, std::size_t(std::max(1.0, std::ceil((anchors[1].in - x) / spd))));
      std::size_t m = tempo->pull(blk->samples, limit);
      if (m == 0) {
        if (tempo_input_ended) {
          *blk = AudioBlock{my_serial, expected_media, spd, 0, true, {}};
          queue->commit();
          ended = true;
        }
        continue;
      }
      blk->serial = my_serial;
      const bool frozen = !anchors.empty() && anchors.front().frozen;
      blk->media_start = anchors.empty() ? expected_media : frozen ? anchors.front().media : anchors.front().media + (x - anchors.front().in);
      blk->speed = frozen ? 0.0 : spd;
      blk->frames = std::uint32_t(m);
      blk->end_of_file = false;
      queue->commit();
      tempo_out += double(m);
    }
  }

  // ---------------------------------------------------------------- UI-thread helpers
  void send(const std::function<void(Commands&)>& change) {
    {
      std::lock_guard lock(cmd_mutex);
      change(cmd);
    }
    cmd_cv.notify_one();
  }

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

// -------------------------------------------------------------------- public API

AudioPlayer::AudioPlayer(PlayerOptions options) : impl_(std::make_unique<Impl>(options)) {
  if (options.open_device) SDL_InitSubSystem(SDL_INIT_AUDIO);
}

AudioPlayer::~AudioPlayer() {
  close();
  if (impl_->options.open_device) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

std::string AudioPlayer::open(const std::string& path) {
  close();
  Impl& p = *impl_;
  ProbeResult probe = probe_audio(path);
  if (!probe.info) return probe.error;
  p.info = *probe.info;
  p.path = path;
  p.duration_seconds.store(p.info.duration);
  p.rate = p.info.sample_rate > 0 ? p.info.sample_rate : 48000;
  p.channels = std::clamp(p.info.channels, 1, 2);

  if (p.options.open_device) {
    SDL_AudioSpec want{}, have{};
    want.freq = p.rate;
    want.format = AUDIO_F32SYS;
    want.channels = Uint8(p.channels);
    want.samples = Uint16(p.options.device_frames);
    want.callback = &Impl::callback;
    want.userdata = &p;
    p.device = SDL_OpenAudioDevice(nullptr, 0, &want, &have,
                                   SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE);
    if (p.device == 0) {
      p.post(PlayerEventType::no_device, std::string("no audio device (") + SDL_GetError() + "); the clock runs on its own", 0);
    } else {
      p.rate = have.freq;
      p.channels = std::clamp(int(have.channels), 1, int(kMaxChannels));
    }
  }
  std::string error;
  p.decoder = Decoder::open(path, p.rate, p.channels, error);
  if (!p.decoder) {
    if (p.device) SDL_CloseAudioDevice(p.device);
    p.device = 0;
    return error;
  }
  p.ramp_frames = std::size_t(std::max(1.0, kRampSeconds * p.rate));
  p.queue = std::make_unique<BlockQueue>(std::size_t(std::ceil(p.options.buffer_seconds * p.rate / kBlockFrames)) + 2);
  p.playing = false;
  p.faded_out = false;
  p.device_paused = false;
  p.gain = 0;
  p.block_offset = 0;
  p.out_total = 0;
  p.cb_serial = 0;
  p.serial = 0;
  p.seek_target = 0;
  p.last_media = 0;
  p.next_serial = 0;
  p.eof_serial = ~0u;
  p.eof_reported = false;
  p.loop_end.reset();
  p.last_position = 0;
  p.wall_base = 0;
  p.wall_base_ns = now_ns();
  p.loop.reset();
  p.cmd = {};
  p.decoder_thread = std::thread([&p] { p.decode_loop(); });
  if (p.decoder->is_mp3()) {
    p.index_cancel = false;
    p.index_thread = std::thread([&p, stream = p.decoder->stream_index()] {
      auto index = SeekIndex::scan(p.path, stream, &p.index_cancel);
      if (!index) return;
      AVFormatContext* fmt = nullptr;
      double tb = 0;
      if (avformat_open_input(&fmt, p.path.c_str(), nullptr, nullptr) >= 0) {
        FormatContextPtr owner(fmt);
        if (avformat_find_stream_info(fmt, nullptr) >= 0) tb = av_q2d(fmt->streams[stream]->time_base);
      }
      auto shared = std::make_shared<const SeekIndex>(std::move(*index));
      if (tb > 0) p.duration_seconds.store(double(shared->end_pts()) * tb);
      p.send([&](Impl::Commands& c) { c.index = shared; });
      p.post(PlayerEventType::index_ready, "exact seek index: " + std::to_string(shared->size()) + " packets", 0);
    });
  }
  p.is_open = true;
  if (p.device) SDL_PauseAudioDevice(p.device, 0);  // runs from now on; silence until play()
  return {};
}

void AudioPlayer::close() {
  Impl& p = *impl_;
  if (!p.is_open) return;
  // The workers wind down while SDL closes the device (which waits out a device period).
  p.index_cancel = true;
  p.send([](Impl::Commands& c) { c.quit = true; });
  if (p.device) SDL_CloseAudioDevice(p.device);  // the callback has returned for good after this
  p.device = 0;
  if (p.decoder_thread.joinable()) p.decoder_thread.join();
  if (p.index_thread.joinable()) p.index_thread.join();
  p.decoder.reset();
  p.queue.reset();
  p.is_open = false;
}

bool AudioPlayer::is_open() const { return impl_->is_open; }
const AudioInfo& AudioPlayer::info() const { return impl_->info; }
int AudioPlayer::output_rate() const { return impl_->rate; }
int AudioPlayer::output_channels() const { return impl_->channels; }
bool AudioPlayer::has_device() const { return impl_->device != 0; }

void AudioPlayer::play() {
  Impl& p = *impl_;
  if (!p.is_open) return;
  if (p.device_paused) {
    SDL_PauseAudioDevice(p.device, 0);
    p.device_paused = false;
  }
  if (p.eof_serial.load() == p.serial.load()) p.start_seek(0);  // at the end: play again from the start
  p.rebase_wall();
  p.playing = true;
}

void AudioPlayer::pause() {
  impl_->rebase_wall();
  impl_->playing = false;
}

bool AudioPlayer::is_playing() const { return impl_->playing.load(); }

void AudioPlayer::stop() {
  pause();
  seek(0);
}

void AudioPlayer::seek(double seconds) {
  Impl& p = *impl_;
  if (!p.is_open) return;
  seconds = std::clamp(seconds, 0.0, duration());
  p.start_seek(std::round(seconds * p.rate));
  p.wall_base = seconds;
  p.wall_base_ns = now_ns();
}

void AudioPlayer::set_volume(double gain) {
  impl_->volume = std::clamp(gain, 0.0, 2.0);
  impl_->target_gain = impl_->muted ? 0.0f : float(impl_->volume);
}
double AudioPlayer::volume() const { return impl_->volume; }
void AudioPlayer::set_muted(bool muted) {
  impl_->muted = muted;
  impl_->target_gain = muted ? 0.0f : float(impl_->volume);
}
bool AudioPlayer::muted() const { return impl_->muted; }

void AudioPlayer::set_speed(double speed) {
  Impl& p = *impl_;
  speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
  if (speed == p.speed) return;
  double at = position();
  p.rebase_wall();
  p.speed = speed;
  if (!p.is_open) return;
  // The queued audio was made at the old speed: restart from what is heard now.
  p.send([&](Impl::Commands& c) { c.speed = speed; });
  if (p.eof_serial.load() != p.serial.load()) seek(at);
}
double AudioPlayer::speed() const { return impl_->speed; }

void AudioPlayer::set_loop(double a, double b, int times, double gap) {
  Impl& p = *impl_;
  if (b < a) std::swap(a, b);
  a = std::clamp(a, 0.0, duration());
  b = std::clamp(b, 0.0, duration());
  if (b - a < 1.0 / p.rate) return;
  const double heard = position();
  // `times` counts passes heard; the decoder counts the jumps back between them.
  int jumps = times > 0 ? times - 1 : -1;
  // B set at (or before) what is heard: the pass just heard was the first, and the jump back
  // happens now, as mpv does, rather than never (the decoder is already past B).
  const bool jump_now = heard >= b;
  if (jump_now && jumps == 0) {  // one pass wanted, and it has just been heard
    clear_loop();
    p.post(PlayerEventType::loop_done, "loop finished its passes", heard);
    return;
  }
  if (jump_now && jumps > 0) --jumps;
  p.loop = std::pair{a, b};
  p.loop_end.reset();
  // At any speed the gap is `gap` seconds heard: through the tempo filter its input is
  // stretched by the speed.
  const double gap_frames = std::max(0.0, gap) * p.rate * (p.speed != 1.0 ? p.speed : 1.0);
  LoopSpec spec{std::round(a * p.rate), std::round(b * p.rate), jumps, ++p.loop_id, std::size_t(std::llround(gap_frames))};
  p.send([&](Impl::Commands& c) { c.loop = std::optional(spec); });
  if (jump_now) seek(a);
  // Audio read ahead past the new B may already be queued: replay from what is heard, so the
  // loop holds for what the listener hears next.
  else if (b - heard < p.read_ahead_seconds()) seek(heard);
}

void AudioPlayer::clear_loop() {
  Impl& p = *impl_;
  const auto was = p.loop;
  p.loop.reset();
  p.loop_end.reset();
  ++p.loop_id;  // a report of the old loop's end, still on its way, no longer counts
  p.send([](Impl::Commands& c) { c.loop = std::optional<LoopSpec>(); });
  if (!was || !p.is_open) return;
  // The decoder may already have jumped back to A in what it has queued: play on from what is
  // heard instead.
  const double heard = position();
  if (heard >= was->first && heard < was->second && was->second - heard < p.read_ahead_seconds()) seek(heard);
}

std::optional<std::pair<double, double>> AudioPlayer::loop() const { return impl_->loop; }

double AudioPlayer::position() const {
  const Impl& p = *impl_;
  if (!p.is_open) return 0;
  if (!p.device) return p.wall_position();
  std::uint32_t s = p.serial.load(std::memory_order_acquire);
  auto media = p.clock.media_at(now_ns(), p.options.device_frames, p.rate, s);
  double seconds = (media ? *media : p.seek_target.load(std::memory_order_relaxed)) / p.rate;
  if (s == p.last_position_serial && seconds < p.last_position && p.last_position - seconds < kJitterSeconds)
    seconds = p.last_position;
  p.last_position = seconds;
  p.last_position_serial = s;
  return seconds;
}

double AudioPlayer::duration() const { return impl_->duration_seconds.load(); }

std::optional<PlayerEvent> AudioPlayer::poll_event() {
  Impl& p = *impl_;
  // Paused and silent: stop the device's callbacks until play() (an idle player costs nothing).
  if (p.device && !p.device_paused && !p.playing.load() && p.faded_out.load()) {
    SDL_PauseAudioDevice(p.device, 1);
    p.device_paused = true;
  }
  if (p.is_open && !p.eof_reported) {
    bool at_end = p.device ? p.eof_serial.load() == p.serial.load()
                           : (p.playing && p.wall_position() >= duration());
    if (at_end) {
      p.eof_reported = true;
      if (!p.device) pause();
      p.post(PlayerEventType::end_of_file, "end of file", duration());
    }
  }
  // A counted loop ends when its last pass has been heard to B (the decoder got there first),
  // or at once when a seek made what was queued after it moot.
  {
    std::lock_guard lock(p.cmd_mutex);
    if (p.cmd.loop_end && p.cmd.loop_end->id == p.loop_id) p.loop_end = p.cmd.loop_end;
    p.cmd.loop_end.reset();
  }
  if (p.loop_end && (p.loop_end->serial != p.serial.load() || position() * p.rate >= p.loop_end->b - 1)) {
    double at = p.loop_end->b / p.rate;
    p.loop_end.reset();
    p.loop.reset();
    p.post(PlayerEventType::loop_done, "loop finished its passes", at);
  }
  std::lock_guard lock(p.event_mutex);
  if (p.events.empty()) return std::nullopt;
  PlayerEvent e = std::move(p.events.front());
  p.events.pop_front();
  return e;
}

void AudioPlayer::handle_sdl_event(const SDL_Event& event) {
  Impl& p = *impl_;
  if (event.type != SDL_AUDIODEVICEREMOVED || event.adevice.iscapture || !p.is_open || event.adevice.which != p.device)
    return;
  double at = position();
  bool was_playing = is_playing();
  auto loop_was = p.loop;
  double spd = p.speed;
  std::string path = p.path;
  p.post(PlayerEventType::device_lost, "the audio device went away", at);
  std::string error = open(path);
  if (!error.empty()) {
    p.post(PlayerEventType::error, error, at);
    return;
  }
  p.speed = 1;
  set_speed(spd);
  seek(at);
  if (loop_was) set_loop(loop_was->first, loop_was->second);
  if (was_playing) play();
  if (p.device) p.post(PlayerEventType::device_reopened, "playing on the default device", at);
}

void AudioPlayer::set_wake(std::function<void()> wake) { impl_->wake = std::move(wake); }

}  // namespace tingdu::media
