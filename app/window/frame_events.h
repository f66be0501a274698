// SDL's events, a frame's worth at a time. Dear ImGui 1.86 reads keys as up/down states once a
// frame, so a key pressed and released between two frames (fast typing, a quick Enter after a
// time typed into go-to-time, scripted input) would never be seen pressed: its release, and
// everything after it, waits for the next frame.
#pragma once

#include <SDL.h>

#include <deque>
#include <vector>

namespace tingdu::window {

class FrameEvents {
 public:
  // The frame's first event: one held back, else SDL's, waiting up to `wait_ms` (0: not at
  // all). False when there is none.
  bool first(SDL_Event& e, int wait_ms);
  // The frame's next event; false when the frame's batch is over.
  bool next(SDL_Event& e);

 private:
  bool take(SDL_Event& e);   // a held event, else SDL_PollEvent
  bool admit(const SDL_Event& e);  // false (and holds it) for a release of a key pressed this frame
  std::deque<SDL_Event> held_;
  std::vector<SDL_Scancode> pressed_;  // keys pressed in this frame's batch
  bool over_ = false;
};

}  // namespace tingdu::window
