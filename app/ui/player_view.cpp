#include "player_view.h"

#include <SDL_keycode.h>

#include <algorithm>
#include <cmath>

namespace tingdu::ui {

void PlayerView::set_font(ImFont* font, float size) {
  ctx_.font = font;
  ctx_.font_size = size;
  transcript_.invalidate();
}

void PlayerView::draw(float dt) {
  ImGuiIO& io = ImGui::GetIO();
  const bool close_popups = std::exchange(close_popups_, false);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("Tingdu", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings);
  Session& session = ctx_.session;
  podcasts_.update(session);
  // Once, while the bundled episode plays as the narration: the offer of its real audio (it
  // covers the transcript's first line; the Podcasts panel keeps the offer after).
  if (!session.real_audio_offered() && podcasts_.library() && BundledAudio::wanted(session)) {
    session.mark_real_audio_offered();
    notices_.show("This is a machine narration. Get the real episode's audio from the show's feed (about 200 MB)?",
                  "Get it", [this, &session] { podcasts_.bundled().accept(*podcasts_.library(), session); });
  }
  if (podcasts_.take_opened()) {
    transcript_.invalidate();
    font_request_ = session.font_size;  // the new episode's text may want glyphs the atlas lacks
  }
  if (!session.has_episode()) {
    ImGui::TextWrapped("No episode is open. Drop a transcript (Markdown, SRT, WebVTT, LRC, JSON) or an audio file here.");
    if (!session.last_message().empty()) ImGui::TextWrapped("%s", session.last_message().c_str());
    draw_recent_menu(ctx_, open_request_, close_popups);
    ImGui::End();
    notices_.draw(ctx_, io.DisplaySize.x, 0);
    podcasts_.draw(ctx_);
    return;
  }
  const float transport_h = transport_.height(ctx_);
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float pane_w = std::floor(avail.x * 0.26f);
  float panes_h = std::max(ctx_.font_size * 4, avail.y - transport_h);
  ImGui::BeginChild("chapters", ImVec2(pane_w, panes_h), true);
  chapters_.draw(ctx_, open_request_, close_popups);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("transcript", ImVec2(0, panes_h), true);
  ImVec2 transcript_pos = ImGui::GetWindowPos();
  float transcript_right = transcript_pos.x + ImGui::GetWindowWidth();
  transcript_.draw(ctx_, dt, close_popups);
  ImGui::EndChild();
  bool goto_requested = false;
  transport_.draw(ctx_, goto_requested, close_popups);
  if (goto_requested) panels_.open_goto();
  ImGui::End();
  notices_.draw(ctx_, transcript_right, transcript_pos.y);
  panels_.draw(ctx_);
  podcasts_.draw(ctx_);
}

bool PlayerView::key_down(int key, int mod) {
  if (ImGui::GetIO().WantTextInput && key != SDLK_ESCAPE) return false;
  return handle_key(key, mod);
}

bool PlayerView::handle_key(int key, int mod) {
  const bool ctrl = mod & KMOD_CTRL, shift = mod & KMOD_SHIFT;
  Session& session = ctx_.session;
  if (key == SDLK_ESCAPE) {
    // The innermost thing first: a menu, then a panel, and only then the loop.
    if (ImGui::GetCurrentContext() && ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
      close_popups_ = true;
      return true;
    }
    if (panels_.close() || podcasts_.close()) return true;
    if (session.has_episode() && session.loop()) session.clear_loop();
    return true;
  }
  if (key == SDLK_F1) return panels_.toggle_help(), true;
  if (ctrl && key == SDLK_f) return panels_.open_search(), true;
  if (ctrl && key == SDLK_g) return panels_.open_goto(), true;
  if (ctrl && key == SDLK_p) return podcasts_.toggle(), true;
  if (panels_.text_field_open()) return false;  // the text field has the keyboard
  if (ctrl && key == SDLK_q) return quit_requested_ = true;
  // Text sizes are asked for before HiDPI scaling (the session keeps that size).
  if (ctrl && (key == SDLK_EQUALS || key == SDLK_PLUS || key == SDLK_KP_PLUS)) {
    font_request_ = std::min(session.font_size + 2, kLargestText);
    return true;
  }
  if (ctrl && (key == SDLK_MINUS || key == SDLK_KP_MINUS)) {
    font_request_ = std::max(session.font_size - 2, kSmallestText);
    return true;
  }
  if (ctrl && (key == SDLK_0 || key == SDLK_KP_0)) {
    font_request_ = kDefaultText;
    return true;
  }
  if (!session.has_episode()) return false;
  if (ctrl && key == SDLK_z) return session.undo(), true;
  if (ctrl && key == SDLK_y) return session.redo(), true;
  if (ctrl) return false;
  switch (key) {
    case SDLK_SPACE: session.toggle_play(); return true;
    case SDLK_LEFT: shift ? session.previous_turn() : session.skip(-5); return true;
    case SDLK_RIGHT: shift ? session.next_turn() : session.skip(5); return true;
    case SDLK_PAGEUP: session.previous_chapter(); return true;
    case SDLK_PAGEDOWN: session.next_chapter(); return true;
    case SDLK_HOME: session.seek(0); return true;
    case SDLK_l: shift ? session.loop_turn() : session.loop_chapter(); return true;
    case SDLK_LEFTBRACKET: session.set_loop_a(session.position()); return true;
    case SDLK_RIGHTBRACKET: session.set_loop_b(session.position()); return true;
    case SDLK_MINUS: case SDLK_KP_MINUS: session.step_speed(-1); return true;
    case SDLK_EQUALS: case SDLK_PLUS: case SDLK_KP_PLUS: session.step_speed(+1); return true;
    case SDLK_BACKSPACE: session.set_speed(1.0); session.say("speed 1.00x"); return true;
    case SDLK_9: session.step_volume(-1); return true;
    case SDLK_0: session.step_volume(+1); return true;
    case SDLK_m: session.toggle_mute(); return true;
    case SDLK_f: session.follow = !session.follow; return true;
    case SDLK_UP: session.previous_sentence(); return true;
    case SDLK_DOWN: session.next_sentence(); return true;
    case SDLK_s: session.loop_sentence(); return true;
    case SDLK_h: shift ? session.step_shadow_factor() : session.toggle_shadowing(); return true;
    case SDLK_r: session.step_repeat(); return true;
    case SDLK_v: session.toggle_listen_first(); return true;
    case SDLK_k: session.toggle_skip_untranscribed(); return true;
    case SDLK_t: {
      // A pin moves every estimate around it: say so, with a way back.
      auto before = std::pair(session.timeline().anchors(), session.timeline().sentence_anchors());
      std::string message = shift ? session.tap_sentence() : session.tap_sync();
      if (std::pair(session.timeline().anchors(), session.timeline().sentence_anchors()) != before)
        notices_.show(message, "Undo", [&session] { session.undo(); });
      return true;
    }
    default: return false;
  }
}

}  // namespace tingdu::ui
