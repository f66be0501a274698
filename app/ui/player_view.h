// The player window's contents, drawn with Dear ImGui into the current frame: the chapters
// pane, the transcript pane, the transport bar, the panels and notices (one file each). Keys
// come in through handle_key() (SDL key codes), so tests press them as the window does.
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

#include "chapters_pane.h"
#include "notices.h"
#include "panels.h"
#include "podcasts_panel.h"
#include "session.h"
#include "transcript_pane.h"
#include "transport_bar.h"
#include "view_context.h"

namespace tingdu::ui {

class PlayerView {
 public:
  explicit PlayerView(Session& session) : ctx_{session, Palette{}, nullptr, 20} {}

  // Draws the whole window (call between ImGui::NewFrame and ImGui::Render). `dt`: seconds since
  // the last frame, for smooth scrolling.
  void draw(float dt);
  // A key pressed in the window: SDL key code and modifier mask (KMOD_*). True when Tingdu
  // used it. While search or go-to-time is open, only Esc, F1 and Ctrl+F/G act: every other
  // key belongs to the text field (ImGui gets it as text).
  bool handle_key(int key, int mod);
  // A key-down event as the window gets it: to handle_key() unless an ImGui text field is being
  // edited (the loop count, search, go-to-time), which gets it as text instead; Esc always.
  bool key_down(int key, int mod);
  // The font to lay out and draw text with (after the atlas is (re)built), at `size` pixels.
  void set_font(ImFont* font, float size);
  // Forget the layout (a new episode was opened).
  void invalidate_layout() { transcript_.invalidate(); }

  const Panels& panels() const { return panels_; }
  // The window's podcasts (Ctrl+P), owned by the window; nullptr: none.
  void set_podcasts(PodcastLibrary* library) { podcasts_.set_library(library); }
  PodcastsPanel& podcasts() { return podcasts_; }
  bool search_open() const { return panels_.search_open(); }
  const std::string& search_query() const { return panels_.query(); }
  bool help_open() const { return panels_.help_open(); }
  bool goto_open() const { return panels_.goto_open(); }
  const TranscriptPane& transcript() const { return transcript_; }
  const TransportBar& transport() const { return transport_; }
  Notices& notices() { return notices_; }
  float transcript_scroll() const { return transcript_.scroll(); }
  std::optional<ImVec4> block_rect(std::size_t block) const { return transcript_.block_rect(block); }
  // True when the view should keep redrawing (smooth scroll still moving).
  bool animating() const { return transcript_.animating(); }
  static constexpr float kDefaultText = 20, kSmallestText = 10, kLargestText = 48;  // pixels, before HiDPI
  // Ctrl +/- (Ctrl+0: the default) asks the window to rebuild the font at a new size.
  std::optional<float> take_font_request() { return std::exchange(font_request_, std::nullopt); }
  // A transcript picked from the recent list: the window opens it (and rebuilds the font).
  std::optional<std::string> take_open_request() { return std::exchange(open_request_, std::nullopt); }
  // Ctrl+Q.
  bool quit_requested() const { return quit_requested_; }

 private:
  ViewContext ctx_;
  ChaptersPane chapters_;
  TranscriptPane transcript_;
  TransportBar transport_;
  Panels panels_;
  PodcastsPanel podcasts_;
  Notices notices_;
  std::optional<float> font_request_;
  std::optional<std::string> open_request_;
  bool quit_requested_ = false;
  bool close_popups_ = false;  // Esc with a menu open: the menu closes on the next frame
};

}  // namespace tingdu::ui
