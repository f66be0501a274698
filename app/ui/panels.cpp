#include "panels.h"

#include <imgui_stdlib.h>

#include <algorithm>

#include "sync/time_format.h"
#include "ui_glyphs.h"

namespace tingdu::ui {

const char* const kKeyHelp[][2] = {
    {"Space", "play / pause"},
    {"Left / Right", "back / forward 5 s"},
    {"Shift+Left / Shift+Right", "previous / next turn"},
    {"Up / Down", "previous / next sentence"},
    {"PageUp / PageDown", "previous / next chapter"},
    {"Home", "go to the start"},
    {"L / Shift+L / S", "loop the chapter / the turn / the sentence"},
    {"[ / ]", "loop start (A) / end (B) at the playhead"},
    {"Esc", "close a menu or panel; else clear the loop"},
    {"- / +", "slower / faster (0.5x to 2.0x, through 0.75x and 1.0x)"},
    {"Backspace", "normal speed (1.0x)"},
    {"9 / 0", "quieter / louder"},
    {"M", "mute / sound on"},
    {"F", "follow playback on / off"},
    {"T", "tap to sync: the turn you hear starting now starts here (tap again for the next)"},
    {"Shift+T", "tap to sync a sentence: the sentence you hear starting now starts here"},
    {"H / Shift+H", "shadowing on / off: a pause after each sentence to say it back / a longer pause"},
    {"R", "hear each sentence 1, 2, 3 or 5 times before the next"},
    {"V", "listen first: hide each sentence's text until it is spoken (hover to peek)"},
    {"Ctrl+Z / Ctrl+Y", "undo / redo an anchor"},
    {"Ctrl+F", "search (Enter / Shift+Enter: to the next / previous result; a click plays it)"},
    {"Ctrl+G", "go to a time"},
    {"Ctrl+P", "podcasts: add a feed, get an episode and play it with its transcript"},
    {"K", "skip the stretches the transcript doesn't have (ads, music; the bands on the speaker lane) on / off"},
    {"Ctrl + / Ctrl - / Ctrl+0", "larger / smaller / the usual text size"},
    {"Ctrl+Q", "quit (where you were is kept)"},
    {"F1", "this help"},
    {"Click a sentence", "play from it (or only move the playhead); right-click: loop or anchor it or its turn"},
};
const std::size_t kKeyHelpRows = std::size(kKeyHelp);

void Panels::open_search() {
  search_open_ = search_focus_ = true;
  goto_open_ = false;
}

void Panels::open_goto() {
  goto_open_ = goto_focus_ = true;
  search_open_ = false;
  goto_text_.clear();
}

bool Panels::close() {
  bool any = help_open_ || search_open_ || goto_open_;
  help_open_ = search_open_ = goto_open_ = false;
  return any;
}

void Panels::draw(const ViewContext& ctx) {
  draw_search(ctx);
  draw_goto(ctx);
  draw_help(ctx);
}

void Panels::go_to_hit(const ViewContext& ctx, std::size_t i, bool activate) {
  current_hit_ = i;
  const auto& h = hits_[i];
  Session& session = ctx.session;
  if (activate) {  // a click: as a click on the turn or chapter itself
    if (h.where == sync::SearchHit::Where::turn) session.activate_turn(h.index);
    else session.activate_chapter(h.index);
    return;
  }
  // Stepping through results moves the playhead (and the transcript) there, and leaves playing
  // or paused as it was.
  double t = sync::start_of(h, session.timeline());
  if (session.past_audio_end(t)) return session.say("that result lies past the end of the audio");
  session.seek(t);
  session.follow = true;
}

void Panels::draw_search(const ViewContext& ctx) {
  if (!search_open_) return;
  ImGuiIO& io = ImGui::GetIO();
  // Over the chapters pane, so the transcript, where each result is shown, stays in view.
  const float width = std::max(io.DisplaySize.x * 0.3f, std::min(io.DisplaySize.x * 0.9f, ctx.font_size * 22));
  ImGui::SetNextWindowPos(ImVec2(8, io.DisplaySize.y * 0.06f), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(width, io.DisplaySize.y * 0.7f), ImGuiCond_Appearing);
  ImGui::SetNextWindowBgAlpha(1.0f);
  // The title stays short enough to read whole at the panel's width; the keys go under the field.
  if (!ImGui::Begin("Search (Esc: close)", &search_open_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  // The field keeps the keyboard while the panel is open: Enter ends ImGui's editing, so focus
  // goes back to it at once and what is typed next lands in the query, not on shortcuts.
  if (search_focus_ || (!ImGui::IsAnyItemActive() && ImGui::IsWindowFocused())) {
    ImGui::SetKeyboardFocusHere();
    search_focus_ = false;
  }
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputText("##query", &query_, ImGuiInputTextFlags_EnterReturnsTrue);
  const sync::EpisodeSearch* search = ctx.session.search();
  if (!search) {  // the query waits, and is searched on the first frame the index is ready
    ImGui::TextColored(ImColor(ctx.palette.dim), "Preparing search%s", kEllipsis);
    ImGui::End();
    return;
  }
  if (query_ != last_query_) {
    hits_ = search->find(query_);
    last_query_ = query_;
    current_hit_.reset();
  }
  if (current_hit_) ImGui::TextColored(ImColor(ctx.palette.dim), "result %zu of %zu", *current_hit_ + 1, hits_.size());
  else if (!query_.empty()) ImGui::TextColored(ImColor(ctx.palette.dim), "%zu %s", hits_.size(), hits_.size() == 1 ? "result" : "results");
  ImGui::TextColored(ImColor(ctx.palette.dim), "Enter: next, Shift+Enter: previous; a click plays it");
  std::optional<std::size_t> jump, click;
  ImGui::BeginChild("hits");
  for (std::size_t i = 0; i < hits_.size(); ++i) {
    const auto& h = hits_[i];
    double t = sync::start_of(h, ctx.session.timeline());
    const char* kind = h.where == sync::SearchHit::Where::turn ? "" : "[chapter] ";
    // Before the excerpt, which the panel's width may cut.
    const char* by = h.match == sync::SearchHit::Match::pinyin ? "(pinyin) " : "";
    std::string label = sync::format_clock_nearest(t) + "  " + kind + by + h.excerpt + "##hit" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), current_hit_ == i)) click = i;
    if (current_hit_ == i && enter) ImGui::SetScrollHereY(0.3f);
  }
  ImGui::EndChild();
  if (enter && !hits_.empty()) {
    std::size_t n = hits_.size();
    bool back = io.KeyShift;
    jump = !current_hit_ ? (back ? n - 1 : 0) : (back ? (*current_hit_ + n - 1) % n : (*current_hit_ + 1) % n);
  }
  if (jump) go_to_hit(ctx, *jump, false);
  if (click) go_to_hit(ctx, *click, true);
  ImGui::End();
}

void Panels::draw_goto(const ViewContext& ctx) {
  if (!goto_open_) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.3f), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowBgAlpha(1.0f);
  ImGui::Begin("Go to time (Enter: go, Esc: close)", &goto_open_, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  if (goto_focus_) {
    ImGui::SetKeyboardFocusHere();
    goto_focus_ = false;
  }
  bool enter = ImGui::InputText("H:MM:SS, M:SS or seconds", &goto_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (enter) {
    if (auto t = sync::parse_time_argument(goto_text_)) {
      ctx.session.seek(*t);
      ctx.session.follow = true;
      goto_open_ = false;
    }
  }
  if (!goto_text_.empty() && !sync::parse_time_argument(goto_text_)) ImGui::TextColored(ImColor(ctx.palette.loop), "not a time yet");
  ImGui::End();
}

void Panels::draw_help(const ViewContext& ctx) {
  if (!help_open_) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: the transcript behind must not show through
  ImGui::Begin("Keys (F1 or Esc to close)", &help_open_, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("keys", 2)) {
    for (const auto& row : kKeyHelp) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImColor(ctx.palette.chapter), "%s", row[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[1]);
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace tingdu::ui
