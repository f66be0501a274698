// AudioPlayer's public methods: the UI thread's side of the engine (player_impl.h).
#include "media/player.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "input.h"
#include "player_impl.h"

namespace tingdu::media {
namespace {

// A position that moved back by less than this is callback timing jitter, not a seek or a
// loop seam, and is held at the last value so the clock never runs backwards.
constexpr double kJitterSeconds = 0.25;

}  // namespace

AudioPlayer::AudioPlayer(PlayerOptions options) : impl_(std::make_unique<Impl>(options)) {
  if (options.open_device) SDL_InitSubSystem(SDL_INIT_AUDIO);
}

AudioPlayer::~AudioPlayer() {
  close();
  if (impl_->options.open_device) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

std::string AudioPlayer::open(const std::string& path, std::shared_ptr<const GrowingFile> growing) {
  close();
  Impl& p = *impl_;
  ProbeResult probe = probe_audio(path, growing);
  if (!probe.info) return probe.error;
  p.info = *probe.info;
  p.path = path;
  p.growing = std::move(growing);
  p.reader_interrupt = false;
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
  p.decoder = Decoder::open(path, p.rate, p.channels, error, p.growing, &p.reader_interrupt);
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
  p.queued_loop.reset();
  p.loop_end_played = 0;
  p.cmd = {};
  p.decoder_thread = std::thread([&p] { p.decode_loop(); });
  if (p.decoder->is_mp3()) {
    p.index_cancel = false;
    p.index_thread = std::thread([&p, stream = p.decoder->stream_index()] {
      std::string path = p.path;
      if (p.growing) {  // a download: the index is of the whole file, once it is there
        p.growing->wait_past(std::numeric_limits<std::int64_t>::max() - 1, &p.index_cancel);
        if (!p.growing->whole()) return;
        path = p.growing->final_path();
      }
      auto index = SeekIndex::scan(path, stream, &p.index_cancel);
      if (!index) return;
      FormatContextPtr fmt;
      double tb = 0;
      if (open_input(fmt, path) >= 0 && avformat_find_stream_info(fmt.get(), nullptr) >= 0)
        tb = av_q2d(fmt->streams[stream]->time_base);
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
  p.reader_interrupt = true;
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

namespace {

// [a, b) clamped to the file, in order; nullopt when shorter than a frame.
std::optional<std::pair<double, double>> loop_span(double a, double b, double duration, int rate) {
  if (b < a) std::swap(a, b);
  a = std::clamp(a, 0.0, duration);
  b = std::clamp(b, 0.0, duration);
  if (b - a < 1.0 / rate) return std::nullopt;
  return std::pair{a, b};
}

}  // namespace

LoopSpec AudioPlayer::Impl::loop_spec(std::pair<double, double> span, int jumps, double gap) {
  // At any speed the gap is `gap` seconds heard: through the tempo filter its input is
  // stretched by the speed.
  const double gap_frames = std::max(0.0, gap) * rate * (speed != 1.0 ? speed : 1.0);
  return LoopSpec{std::round(span.first * rate), std::round(span.second * rate), jumps, ++last_loop_id,
                  std::size_t(std::llround(gap_frames))};
}

void AudioPlayer::set_loop(double a, double b, int times, double gap) {
  Impl& p = *impl_;
  const auto span = loop_span(a, b, duration(), p.rate);
  if (!span) return;
  const double heard = position();
  // `times` counts passes heard; the decoder counts the jumps back between them.
  int jumps = times > 0 ? times - 1 : -1;
  // B set at (or before) what is heard: the pass just heard was the first, and the jump back
  // happens now, as mpv does, rather than never (the decoder is already past B). In whole
  // frames, as the decoder counts: a playhead half a frame before B is at it.
  const bool jump_now = std::round(heard * p.rate) >= std::round(span->second * p.rate);
  if (jump_now && jumps == 0) {  // one pass wanted, and it has just been heard
    clear_loop();
    p.post(PlayerEventType::loop_done, "loop finished its passes", heard);
    return;
  }
  if (jump_now && jumps > 0) --jumps;
  p.loop = span;
  p.loop_counted = jumps >= 0;
  p.loop_end.reset();
  p.queued_loop.reset();
  LoopSpec spec = p.loop_spec(*span, jumps, gap);
  p.loop_id = spec.id;
  p.send([&](Impl::Commands& c) {
    c.loop = std::optional(spec);
    c.queued.reset();
  });
  if (jump_now) seek(span->first);
  // Audio read ahead past the new B may already be queued: replay from what is heard, so the
  // loop holds for what the listener hears next.
  else if (span->second - heard < p.read_ahead_seconds()) seek(heard);
}

void AudioPlayer::queue_loop(double a, double b, int times, double gap) {
  Impl& p = *impl_;
  // Nothing ends to be followed: the loop in effect repeats until cleared, or the decoder has
  // already played on past its last pass.
  if (!p.loop || !p.loop_counted || p.loop_end) return set_loop(a, b, times, gap);
  const auto span = loop_span(a, b, duration(), p.rate);
  if (!span) return;
  // Its first pass is heard from a, whole: `times` passes are `times - 1` jumps back.
  LoopSpec spec = p.loop_spec(*span, times > 0 ? times - 1 : -1, gap);
  p.queued_loop = Impl::Queued{*span, spec.id, spec.jumps >= 0};
  p.send([&](Impl::Commands& c) { c.queued = spec; });
}

void AudioPlayer::clear_loop() {
  Impl& p = *impl_;
  const auto was = p.loop;
  p.loop.reset();
  p.loop_end.reset();
  p.queued_loop.reset();
  p.loop_id = ++p.last_loop_id;  // a report of the old loop's end, still on its way, no longer counts
  p.send([](Impl::Commands& c) {
    c.loop = std::optional<LoopSpec>();
    c.queued.reset();
  });
  if (!was || !p.is_open) return;
  // The decoder may already have jumped back to A in what it has queued: play on from what is
  // heard instead.
  const double heard = position();
  if (heard >= was->first && heard < was->second && was->second - heard < p.read_ahead_seconds()) seek(heard);
}

void AudioPlayer::set_skips(std::vector<std::pair<double, double>> stretches) {
  Impl& p = *impl_;
  std::sort(stretches.begin(), stretches.end());
  std::vector<std::pair<double, double>> frames;
  for (auto [a, b] : stretches) {
    if (!(b > a)) continue;
    double fa = std::round(std::max(0.0, a) * p.rate), fb = std::round(b * p.rate);
    if (!frames.empty() && fa <= frames.back().second) frames.back().second = std::max(frames.back().second, fb);  // merged
    else frames.push_back({fa, fb});
  }
  p.send([&](Impl::Commands& c) { c.skips = std::move(frames); });
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
    // One end at a time: a queued loop's end can be reported before the end of the loop it
    // follows was heard, and waits for it.
    if (p.cmd.loop_end && !p.loop_end) {
      const std::uint32_t id = p.cmd.loop_end->id;
      if (id == p.loop_id || (p.queued_loop && id == p.queued_loop->id)) p.loop_end = p.cmd.loop_end;
      p.cmd.loop_end.reset();
    }
  }
  // Heard: the callback has played on past its last pass (without a device, the wall clock has
  // reached B).
  if (p.loop_end &&
      (p.loop_end->serial != p.serial.load() ||
       (p.device ? p.loop_end_played.load() >= p.loop_end->id : position() * p.rate >= p.loop_end->b - 1))) {
    double at = p.loop_end->b / p.rate;
    // The decoder went on to the queued loop as it ended this one (and a seek since keeps it).
    const bool followed = p.queued_loop && p.loop_end->id == p.loop_id;
    p.loop_end.reset();
    p.loop.reset();
    if (followed) {
      p.loop = p.queued_loop->span;
      p.loop_id = p.queued_loop->id;
      p.loop_counted = p.queued_loop->counted;
    }
    p.queued_loop.reset();
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
