// The window's right pane: the transcript, laid out with ICU line breaks and drawn through
// prefix sums of block heights (only what is visible), following playback. The current turn
// is highlighted, and inside it the sentence being spoken; a click on a sentence plays from it
// (or only moves the playhead); right-click opens loop and anchor actions for the sentence and
// its turn. In listen-first mode sentences not yet spoken show as bars until spoken or hovered. Scrolling away stops following, until F or the floating
// "Back to playback" button (its own window, so a click on it never reaches the turn below).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text_layout.h"
#include "view_context.h"

namespace tingdu::ui {

class TranscriptPane {
 public:
  // Draws into the current child window. `dt`: seconds since the last frame (smooth scrolling).
  void draw(const ViewContext& ctx, float dt, bool close_popups);
  // Forget the layout (a new episode, font or width).
  void invalidate() { layout_width_ = -1; }

  float scroll() const { return scroll_; }
  // The screen rectangle (x, y, w, h) of block `block` as last drawn.
  std::optional<ImVec4> block_rect(std::size_t block) const;
  // Each sentence drawn last frame (the first piece of it on screen), for tests that click
  // one or check what listen-first hid.
  struct DrawnSentence {
    std::size_t sentence;
    ImVec4 rect;  // x, y, w, h in screen pixels
    bool hidden;  // listen first: drawn as a bar
  };
  const std::vector<DrawnSentence>& drawn_sentences() const { return drawn_sentences_; }
  // The "Back to playback" button's screen rectangle, when it was drawn last frame.
  std::optional<ImVec4> back_button_rect() const { return back_rect_; }
  bool animating() const { return animating_; }

 private:
  void relayout(const ViewContext& ctx, float width);
  // Draws a block; for a turn, returns the sentence under the mouse (`hover_allowed`: the
  // mouse is over this block in this pane).
  std::optional<std::size_t> draw_block(const ViewContext& ctx, std::size_t block, ImVec2 origin, bool hover_allowed);
  // A turn's text a sentence at a time from `at`: the spoken sentence highlighted, the hovered
  // one shaded, unheard ones hidden in listen-first mode. Returns the sentence under the mouse.
  std::optional<std::size_t> draw_sentences(const ViewContext& ctx, std::size_t turn, std::string_view text, ImVec2 at,
                                            ImU32 color, bool hover_allowed);
  void draw_turn_tooltip(const ViewContext& ctx, std::size_t turn, std::optional<std::size_t> sentence) const;
  // Where block `block`'s text starts, below its top (pixels); the line holding byte `offset`.
  float text_top(std::size_t block) const;
  std::size_t line_of(std::size_t block, std::uint32_t offset) const;
  void draw_turn_menu(const ViewContext& ctx, bool close_popups);
  void follow_playback(const ViewContext& ctx, float dt, float view_h);
  void draw_back_button(const ViewContext& ctx);
  ImU32 speaker_color(const std::string& speaker) const;
  std::string turn_time_label(const ViewContext& ctx, std::size_t turn) const;

  // Layout of the transcript (rebuilt when the width, the font or the episode changes).
  float layout_width_ = -1;
  float line_h_ = 0;
  std::vector<LineSpans> lines_;  // per block
  BlockHeights heights_;
  std::vector<std::size_t> turn_block_;                 // turn index -> block index
  std::vector<std::optional<std::size_t>> block_turn_;  // block index -> turn index
  // A chapter the transcript never heads but the timeline placed on this block's turn: its
  // heading is drawn there (marked as placed).
  std::vector<std::optional<std::size_t>> placed_heading_;
  std::vector<std::string> speakers_;  // in order of first appearance (colour index)
  std::vector<ImVec4> drawn_;          // block rects drawn last frame; w = 0 when not drawn
  std::vector<DrawnSentence> drawn_sentences_;  // cleared each frame (its capacity kept)

  float scroll_ = 0;
  float last_set_scroll_ = -1;
  bool shown_playhead_ = false;  // the view has been where playback is since the layout
  bool animating_ = false;
  std::optional<std::size_t> menu_turn_;
  std::optional<std::size_t> menu_sentence_;
  std::optional<std::size_t> hovered_sentence_;  // under the mouse last frame (shaded, shown in listen-first)
  std::optional<ImVec4> back_rect_;
};

}  // namespace tingdu::ui
