// Notices over the transcript's top-right corner, each in a window of its own: the session's
// errors (they stay until dismissed with their ×), and short-lived notices with an action,
// such as "turn 12 starts at 3:04 (anchored)  [Undo]" after a key pinned a turn.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "view_context.h"

namespace tingdu::ui {

class Notices {
 public:
  // Shows `text` with a button `action_label` that runs `action` (and closes the notice), for
  // kShowSeconds or until dismissed. Replaces the notice shown before.
  void show(std::string text, std::string action_label, std::function<void()> action);
  // Draws them, the top-right corner of the notices at (`right`, `top`) in screen pixels.
  void draw(const ViewContext& ctx, float right, float top);

  bool has_notice() const { return notice_.has_value(); }
  // Runs the current notice's action, as its button would (tests, keys).
  bool run_action();
  static constexpr double kShowSeconds = 10;

 private:
  struct Notice {
    std::string text, action_label;
    std::function<void()> action;
    std::chrono::steady_clock::time_point until;
  };
  std::optional<Notice> notice_;
  bool hovered_ = false;
};

}  // namespace tingdu::ui
