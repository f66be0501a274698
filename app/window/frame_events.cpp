#include "frame_events.h"

#include <algorithm>

namespace tingdu::window {

bool FrameEvents::take(SDL_Event& e) {
  if (!held_.empty()) {
    e = held_.front();
    held_.pop_front();
    return true;
  }
  return SDL_PollEvent(&e) != 0;
}

bool FrameEvents::admit(const SDL_Event& e) {
  if (e.type == SDL_KEYUP &&
      std::find(pressed_.begin(), pressed_.end(), e.key.keysym.scancode) != pressed_.end()) {
    held_.push_front(e);
    over_ = true;
    return false;
  }
  if (e.type == SDL_KEYDOWN) pressed_.push_back(e.key.keysym.scancode);
  return true;
}

bool FrameEvents::first(SDL_Event& e, int wait_ms) {
  pressed_.clear();
  over_ = false;
  bool got = !held_.empty() || wait_ms <= 0 ? take(e) : SDL_WaitEventTimeout(&e, wait_ms) != 0;
  return got && admit(e);
}

bool FrameEvents::next(SDL_Event& e) {
  if (over_ || !take(e)) return false;
  return admit(e);
}

}  // namespace tingdu::window
