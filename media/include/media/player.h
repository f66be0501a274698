// Plays one audio file through SDL2 and tells exactly what the listener hears now.
//
// Threads: every public member is called from one thread (the app's UI thread), except where
// said. Inside, a decoder thread fills a lock-free block queue and SDL's audio callback drains
// it; the callback never blocks, allocates, logs or calls FFmpeg.
//
// Times are seconds of media time (the file's own timeline), at every playback speed.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "media/growing_file.h"
#include "media/probe.h"

union SDL_Event;

namespace tingdu::media {

enum class PlayerEventType {
  end_of_file,      // playback reached the end (reported once; seek or play to go on)
  loop_done,        // a loop with a count finished its passes: its last pass was heard to B
  index_ready,      // the exact seek index is built: duration() and far seeks are now exact
  device_lost,      // the audio device went away
  device_reopened,  // ... and the default device took over at the same position
  no_device,        // no audio device could be opened: the clock runs from the wall clock
  error,            // a problem reading the file; `message` says what
};

struct PlayerEvent {
  PlayerEventType type;
  std::string message;
  double position = 0;  // seconds, when it happened
};

struct PlayerOptions {
  int device_frames = 1024;     // frames per device buffer (~21 ms at 48 kHz)
  double buffer_seconds = 0.5;  // decoded audio kept ready ahead of the device
  bool open_device = true;      // false: never open a device (clock-only)
};

class AudioPlayer {
 public:
  explicit AudioPlayer(PlayerOptions options = {});
  ~AudioPlayer();
  AudioPlayer(const AudioPlayer&) = delete;
  AudioPlayer& operator=(const AudioPlayer&) = delete;

  // Opens `path` paused at 0 (closing what was open). Returns "" or an error naming the file.
  // The device is opened at the file's rate and channel count (at most 2) when it can be.
  // With `growing`, `path` is still downloading (growing_file.h): playback reads what has
  // arrived, and where it has not, waits there (silence) until it does; the exact seek index is
  // built once the file is whole. A seek made while waiting takes effect when the bytes arrive.
  std::string open(const std::string& path, std::shared_ptr<const GrowingFile> growing = nullptr);
  void close();
  bool is_open() const;
  const AudioInfo& info() const;  // of the open file
  int output_rate() const;        // Hz the device plays at
  int output_channels() const;
  bool has_device() const;        // false: clock-only

  void play();
  void pause();
  bool is_playing() const;
  void stop();                 // pause, then go to 0
  void seek(double seconds);   // clamped to [0, duration]; exact to the sample
  void set_volume(double gain);  // linear, 0 to 2; changes ramp over kRampSeconds (no click)
  double volume() const;
  void set_muted(bool muted);
  bool muted() const;
  void set_speed(double speed);  // 0.5 to 2.0, pitch kept (atempo); the clock stays in media time
  double speed() const;

  // Loop [a, b): when playback reaches b the next sample is a's, with no gap. `times`: how many
  // times the section is heard, counting the pass in progress (0: until cleared); after the
  // last pass playback goes on past b and loop_done is reported as b is heard.
  // It holds for what is heard, wherever the decoder has read to: when what is heard is at or
  // past b (B set at the playhead), playback jumps to a at once and the pass just heard counts
  // as the first. Setting it again moves the ends while looping.
  // `gap`: seconds of silence after every pass, the last included (time to repeat what was
  // just heard aloud); position() holds at b through it.
  void set_loop(double a, double b, int times = 0, double gap = 0);
  // The loop that follows the counted loop in effect (set_loop with times > 0): once that
  // loop's last pass and its gap have been heard, the next sample heard is `a`'s and this loop
  // is the one in effect (loop() returns it from its loop_done on). The seam is exact to the
  // sample, as a jump back is, so a gap and what follows it meet with nothing between (a
  // sentence at a time: its pause, then the next sentence from its start). Replaces a loop
  // queued before; set_loop and clear_loop drop it. Without a counted loop in effect, or once
  // its last pass has been heard, it is set_loop.
  void queue_loop(double a, double b, int times = 0, double gap = 0);
  // Ends the loop; what is heard next is what follows the playhead, even if the decoder had
  // already jumped back to a.
  void clear_loop();
  // Stretches [start, end) in seconds that playback goes over, as if they were not in the file:
  // the decoder leaves a stretch at its start for its end, sample-exact and without a gap (while
  // no loop is set: a loop plays what it holds). Replaces the last call's; {} plays everything.
  void set_skips(std::vector<std::pair<double, double>> stretches);
  std::optional<std::pair<double, double>> loop() const;

  // The media time the listener hears now; smooth between callbacks, still while paused,
  // never backwards except after a seek or at a loop seam.
  double position() const;
  double duration() const;

  // Drains one event (UI thread). Call every frame while playing, and now and then while
  // paused: it also stops the device's callbacks once a pause has faded out.
  std::optional<PlayerEvent> poll_event();
  // Pass SDL's events here (the audio device being removed is handled by reopening the default).
  void handle_sdl_event(const SDL_Event& event);
  // Called from worker threads when an event is queued, e.g. to push an SDL event that wakes
  // the UI loop. Set before open().
  void set_wake(std::function<void()> wake);

  static constexpr double kRampSeconds = 0.01;
  static constexpr double kMinSpeed = 0.5, kMaxSpeed = 2.0;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tingdu::media
