// The playhead when there is no audio: media seconds that run on the wall clock at the
// listener's speed, so the transcript can still be followed. UI thread only.
#pragma once

#include <chrono>

namespace tingdu::ui {

class WallClock {
 public:
  // Seconds now (not past `duration`).
  double position(double speed, double duration) const;
  bool running() const { return running_; }
  void start(double from);
  void stop(double at);
  // Moves the playhead to `seconds`, running on if it was.
  void set(double seconds);

 private:
  bool running_ = false;
  double base_ = 0;  // media seconds at base_time_
  std::chrono::steady_clock::time_point base_time_ = std::chrono::steady_clock::now();
};

}  // namespace tingdu::ui
