// The window's bottom pane: the seek bar (chapter ticks, the loop shaded, the A mark) with the
// speaker lane under it, the transport and loop controls in rows that wrap to the window's
// width, and the status line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "view_context.h"

namespace tingdu::ui {

class TransportBar {
 public:
  // Draws at the cursor of the current window. Sets `goto_requested` when the clock is clicked.
  // `close_popups`: Esc was pressed with a menu open; the Practice menu closes.
  void draw(const ViewContext& ctx, bool& goto_requested, bool close_popups);
  // The height the bar took when last drawn (pixels), so the panes above can leave room for
  // it; an estimate of two rows before the first frame.
  float height(const ViewContext& ctx) const { return height_ > 0 ? height_ : ctx.font_size * 4.6f; }
  // The right edge (screen x) of the rightmost control as last drawn: within the window when
  // the rows wrapped as they should.
  float controls_right() const { return controls_right_; }
  // Where the button labelled `label` (its text before any "##") was drawn last frame, as
  // (x, y, w, h) in screen pixels, for tests that click it.
  std::optional<ImVec4> button_rect(std::string_view label) const;
  // The status line as last drawn, before it is cut to the window's width.
  const std::string& status_line() const { return status_; }

 private:
  void draw_seek_bar(const ViewContext& ctx, float width);
  // Under the seek bar: each speaker's colour where the audio says they speak, grey where it
  // holds speech no turn claims. Only once the alignment is done.
  void draw_speaker_lane(const ViewContext& ctx, float width);
  void draw_controls(const ViewContext& ctx, bool& goto_requested, bool close_popups);
  // The "Practice" button's menu: shadowing and its pause, repeats, listen first; `close`
  // closes it.
  void draw_practice_popup(const ViewContext& ctx, bool close);
  void draw_status(const ViewContext& ctx);
  float height_ = 0;
  float controls_right_ = 0;
  std::vector<std::pair<std::string, ImVec4>> button_rects_;  // short labels: no allocation
  std::string status_;
};

}  // namespace tingdu::ui
