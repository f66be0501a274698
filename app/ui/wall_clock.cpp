#include "wall_clock.h"

#include <algorithm>

namespace tingdu::ui {

double WallClock::position(double speed, double duration) const {
  double p = base_;
  if (running_) p += std::chrono::duration<double>(std::chrono::steady_clock::now() - base_time_).count() * speed;
  return std::min(p, duration);
}

void WallClock::start(double from) {
  set(from);
  running_ = true;
}

void WallClock::stop(double at) {
  base_ = at;
  running_ = false;
}

void WallClock::set(double seconds) {
  base_ = seconds;
  base_time_ = std::chrono::steady_clock::now();
}

}  // namespace tingdu::ui
