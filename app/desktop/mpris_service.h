// MPRIS 2 on the session bus (sd-bus from libsystemd): the desktop's media keys, sound menu and
// `playerctl` see the player as org.mpris.MediaPlayer2.tingdu (or .tingdu.instance<pid> when
// another Tingdu holds that name) at /org/mpris/MediaPlayer2.
//
// This class knows no session and no window: the UI thread publishes a PlayerState once a frame
// and takes the commands the desktop sent. The bus runs on a thread of its own, which answers
// property reads from the last published state (the position extrapolated to the moment of the
// read), emits PropertiesChanged for what changed and Seeked when told of a jump.
//
// Spec: https://specifications.freedesktop.org/mpris-spec/latest/ (times on the bus are in
// microseconds; here in seconds).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tingdu::desktop {

struct PlayerState {
  bool has_audio = false;  // an episode with audio is open: it can play, pause and seek
  bool playing = false;
  double position = 0;     // seconds of media time at `sampled`
  std::chrono::steady_clock::time_point sampled{};
  double duration = 0;     // seconds
  double rate = 1;         // playback speed
  double volume = 1;       // 0 to 1
  bool can_go_next = false, can_go_previous = false;
  // Metadata: the desktop shows `title` large, with `artist` and `album` under it.
  std::string album;    // the episode's title
  std::string title;    // the current chapter's title
  std::string artist;   // who is speaking
  std::string art_url;  // file:// URL of an image, or ""
};

struct MprisCommand {
  enum class Kind { play_pause, play, pause, stop, next, previous, seek_by, set_position, set_rate, set_volume, open_uri, raise, quit };
  Kind kind = Kind::play_pause;
  double value = 0;  // seek_by and set_position: seconds; set_rate; set_volume: 0 to 1
  std::string uri;   // open_uri
};

class MprisService {
 public:
  // Connects to the session bus and takes the player's name, answering from `initial` until the
  // first publish(). nullptr when there is no session
  // bus or the name can't be had; `why_not` then says why in one line. `wake` is called (from
  // the bus thread) when a command arrives, so an idle window loop notices it.
  static std::unique_ptr<MprisService> start(const PlayerState& initial, std::function<void()> wake, std::string* why_not);
  ~MprisService();  // leaves the bus and joins its thread
  MprisService(const MprisService&) = delete;
  MprisService& operator=(const MprisService&) = delete;

  // The bus name taken (for the log).
  const std::string& bus_name() const;

  // UI thread, once a frame: the player as it is now. `seeked`: the position jumped (a seek, a
  // loop back, a jump to a turn) since the last call, so clients must re-read it.
  void publish(const PlayerState& state, bool seeked);
  // UI thread: the commands received since the last call, oldest first.
  std::vector<MprisCommand> take_commands();

  struct Impl;

 private:
  explicit MprisService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tingdu::desktop
