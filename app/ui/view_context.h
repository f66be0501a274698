// What every pane of the window shares: the session it shows, the colours, the text font, and
// small drawing helpers. Panes (chapters_pane.h, transcript_pane.h, transport_bar.h, panels.h,
// notices.h) each draw one part of the window into the current ImGui frame.
#pragma once

#include <string>
#include <string_view>

#include <imgui.h>

#include "session.h"

namespace tingdu::ui {

// Colours, in one place: speakers cycle through kSpeakerColors.
struct Palette {
  ImU32 text = IM_COL32(230, 230, 230, 255);
  ImU32 dim = IM_COL32(150, 150, 150, 255);
  ImU32 unplayable = IM_COL32(95, 95, 95, 255);  // text past the end of the audio
  ImU32 current_turn = IM_COL32(60, 90, 140, 150);
  ImU32 hover_turn = IM_COL32(255, 255, 255, 20);
  ImU32 current_sentence = IM_COL32(110, 160, 235, 110);  // inside the current turn's colour
  ImU32 hover_sentence = IM_COL32(255, 255, 255, 28);
  ImU32 hidden_text = IM_COL32(120, 120, 130, 110);       // listen first: not yet spoken
  ImU32 loop = IM_COL32(230, 160, 40, 255);
  ImU32 loop_shade = IM_COL32(230, 160, 40, 60);
  ImU32 anchored = IM_COL32(120, 210, 120, 255);
  ImU32 your_turn = IM_COL32(140, 225, 140, 255);  // shadowing: the silence is the listener's to speak
  ImU32 estimated = IM_COL32(150, 150, 150, 255);
  ImU32 chapter = IM_COL32(240, 200, 120, 255);
  ImU32 seek_bg = IM_COL32(60, 60, 60, 255);
  ImU32 seek_fill = IM_COL32(90, 140, 220, 255);
  ImU32 tick = IM_COL32(200, 200, 200, 160);
  ImU32 error = IM_COL32(240, 110, 100, 255);
  ImU32 untranscribed = IM_COL32(110, 110, 110, 255);  // in the speaker lane
  ImU32 untranscribed_band = IM_COL32(215, 175, 80, 210);  // a stretch no turn covers (ads, music)
  ImU32 notice_bg = IM_COL32(40, 44, 52, 250);
};
inline constexpr ImU32 kSpeakerColors[] = {IM_COL32(110, 180, 250, 255), IM_COL32(250, 150, 110, 255),
                                           IM_COL32(150, 220, 130, 255), IM_COL32(220, 140, 220, 255)};

struct ViewContext {
  Session& session;
  Palette palette;
  ImFont* font = nullptr;  // nullptr: ImGui's current font
  float font_size = 20;    // pixels

  ImFont* text_font() const { return font ? font : ImGui::GetFont(); }
  float line_height() const { return font_size * 1.35f; }
  // Text wrapped at ICU's line breaks (ImGui's own wrapping only breaks at spaces, which
  // Chinese text has few of), in the current window at the cursor, indented by `indent` pixels.
  void wrapped_text(std::string_view text, float indent) const;
};

// `text` cut to fit `width` pixels at the current ImGui font, ending in "…" when cut (never
// inside a UTF-8 sequence).
std::string ellipsize(std::string_view text, float width);

// Places the next item of a row that wraps: on the same line as the previous item when `width`
// pixels still fit before the window's right edge, else at the start of the next line.
void flow_item(float width, bool first_in_row = false);
// The width ImGui::Button(label) will take.
float button_width(const char* label);

}  // namespace tingdu::ui
