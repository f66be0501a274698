// The player window's contents, drawn with Dear ImGui into the current frame: chapter list,
// transcript, transport bar, and the search, go-to-time and help panels. Keys come in through
// handle_key() (SDL key codes), so tests can press them without a window.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "session.h"
#include "text_layout.h"

namespace tingdu::ui {

// Colours, in one place: speakers cycle through kSpeakerColors.
struct Palette {
  ImU32 text = IM_COL32(230, 230, 230, 255);
  ImU32 dim = IM_COL32(150, 150, 150, 255);
  ImU32 current_turn = IM_COL32(60, 90, 140, 150);
  ImU32 hover_turn = IM_COL32(255, 255, 255, 20);
  ImU32 loop = IM_COL32(230, 160, 40, 255);
  ImU32 loop_shade = IM_COL32(230, 160, 40, 60);
  ImU32 anchored = IM_COL32(120, 210, 120, 255);
  ImU32 estimated = IM_COL32(150, 150, 150, 255);
  ImU32 chapter = IM_COL32(240, 200, 120, 255);
  ImU32 seek_bg = IM_COL32(60, 60, 60, 255);
  ImU32 seek_fill = IM_COL32(90, 140, 220, 255);
  ImU32 tick = IM_COL32(200, 200, 200, 160);
};
inline constexpr ImU32 kSpeakerColors[] = {IM_COL32(110, 180, 250, 255), IM_COL32(250, 150, 110, 255),
                                           IM_COL32(150, 220, 130, 255), IM_COL32(220, 140, 220, 255)};

class PlayerView {
 public:
  explicit PlayerView(Session& session) : session_(session) {}

  // Draws the whole window (call between ImGui::NewFrame and ImGui::Render). `dt`: seconds since
  // the last frame, for smooth scrolling.
  void draw(float dt);
  // SDL key code and modifier mask (KMOD_*). True when it was a Tingdu shortcut.
  bool handle_key(int key, int mod);
  // The font to lay out and draw text with (after the atlas is (re)built), at `size` pixels.
  void set_font(ImFont* font, float size);
  // Forget the layout (a new episode was opened).
  void invalidate_layout() { layout_width_ = -1; }

  bool search_open() const { return search_open_; }
  bool help_open() const { return help_open_; }
  bool goto_open() const { return goto_open_; }
  // The transcript's scroll offset and the screen rectangle of block `block` as last drawn (for
  // tests and screenshots).
  float transcript_scroll() const { return scroll_; }
  std::optional<ImVec4> block_rect(std::size_t block) const;
  // True when the view should keep redrawing (smooth scroll still moving).
  bool animating() const { return animating_; }
  // Ctrl +/- asks the window to rebuild the font at a new size.
  std::optional<float> take_font_request() { return std::exchange(font_request_, std::nullopt); }
  // A transcript picked from the recent list: the window opens it (and rebuilds the font).
  std::optional<std::string> take_open_request() { return std::exchange(open_request_, std::nullopt); }

 private:
  void relayout(float width);
  void draw_chapters();
  void draw_transcript(float dt);
  void draw_block(std::size_t block, ImVec2 origin, float width);
  void draw_transport();
  void draw_seek_bar(float width);
  void draw_search();
  void draw_goto();
  void draw_help();
  void draw_turn_menu();
  // Text wrapped at ICU's line breaks (ImGui's own wrapping only breaks at spaces, which
  // Chinese text has few of), in the current window at the cursor.
  void wrapped_text(std::string_view text, float indent);
  ImU32 speaker_color(const std::string& speaker) const;
  std::string turn_time_label(std::size_t turn) const;

  Session& session_;
  Palette palette_;
  ImFont* font_ = nullptr;
  float font_size_ = 20;

  // Layout of the transcript (rebuilt when the width, the font or the episode changes).
  float layout_width_ = -1;
  std::vector<LineSpans> lines_;           // per block
  BlockHeights heights_;
  std::vector<std::size_t> turn_block_;    // turn index -> block index
  std::vector<std::optional<std::size_t>> block_turn_;  // block index -> turn index
  // A chapter the transcript never heads but the timeline placed on this block's turn: its
  // heading is drawn there (marked as placed).
  std::vector<std::optional<std::size_t>> placed_heading_;
  std::vector<std::string> speakers_;  // in order of first appearance (colour index), from relayout
  std::vector<ImVec4> drawn_;              // block rects drawn last frame (x, y, w, h); h = 0 when not drawn

  float scroll_ = 0;
  float last_set_scroll_ = -1;
  bool animating_ = false;
  std::optional<std::size_t> menu_turn_;
  std::optional<std::size_t> shown_chapter_;  // the chapter the list last scrolled to

  bool search_open_ = false, search_focus_ = false;
  std::string query_, last_query_;
  std::vector<sync::SearchHit> hits_;
  bool goto_open_ = false, goto_focus_ = false;
  std::string goto_text_;
  bool help_open_ = false;
  std::optional<float> font_request_;
  std::optional<std::string> open_request_;
  void draw_recent_menu();
};

}  // namespace tingdu::ui
