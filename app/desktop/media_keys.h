// The desktop's player controls (MPRIS: media keys, the sound menu, playerctl) wired to the
// open session: what the desktop asks is done to the session, and the session's state is
// published back once a frame. Without a session bus the window runs as before, and the log
// says so in one line.
//
// Threads: UI thread only (the bus has a thread of its own inside MprisService).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "mpris_service.h"

namespace tingdu::ui {
class Session;
}

namespace tingdu::desktop {

// What Next and Previous step through.
enum class MediaKeyStep { turn, chapter };

class MediaKeys {
 public:
  // `wake` wakes the window's loop (called from the bus thread).
  MediaKeys(ui::Session& session, MediaKeyStep step, std::function<void()> wake);
  ~MediaKeys();

  bool connected() const { return service_ != nullptr; }

  // What the desktop asked of the window itself.
  struct Requests {
    bool raise = false, quit = false;
    std::optional<std::string> open;  // a file to open (OpenUri)
  };
  // Once a frame: applies the commands that arrived, then publishes the session's state.
  Requests update();

 private:
  // A jump of the position against how it ran since the last frame, larger than this, is a seek
  // (a loop going back counts: the desktop's clock must follow it).
  static constexpr double kJumpSeconds = 0.75;

  PlayerState current_state() const;

  ui::Session& session_;
  MediaKeyStep step_;
  std::unique_ptr<MprisService> service_;
  std::string art_url_;
  // The last frame's position, when it was read and how it was running: seek detection.
  double last_position_ = 0;
  std::chrono::steady_clock::time_point last_sampled_{};
  bool last_playing_ = false;
  double last_rate_ = 1;
};

}  // namespace tingdu::desktop
