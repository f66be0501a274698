#include "player_view.h"

#include <SDL_keycode.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "sync/excerpt.h"
#include "sync/time_format.h"

namespace tingdu::ui {
namespace {

// Where the followed line sits in the transcript view, as a share of its height from the top.
constexpr float kFollowAnchor = 0.3f;
// Smooth scrolling: the share of the remaining distance covered per 1/60 s.
constexpr float kScrollEase = 0.18f;
// Farther than this many view heights, following jumps instead of gliding.
constexpr float kJumpScreens = 3.0f;
constexpr float kChapterPaneShare = 0.26f;
constexpr float kBlockGap = 10.0f;

const char* const kHelp[][2] = {
    {"Space", "play / pause"},
    {"Left / Right", "back / forward 5 s"},
    {"Shift+Left / Shift+Right", "previous / next turn"},
    {"PageUp / PageDown", "previous / next chapter"},
    {"Home", "go to the start"},
    {"L / Shift+L", "loop the chapter / the turn"},
    {"[ / ]", "loop start (A) / end (B) at the playhead"},
    {"Esc", "clear the loop (or close a panel)"},
    {"- / +", "slower / faster (0.5x to 2.0x)"},
    {"F", "follow playback on / off"},
    {"T", "tap to sync: the turn you hear starting now starts here (tap again for the next)"},
    {"Ctrl+Z / Ctrl+Y", "undo / redo an anchor"},
    {"Ctrl+F", "search"},
    {"Ctrl+G", "go to a time"},
    {"Ctrl + / Ctrl -", "larger / smaller text"},
    {"F1", "this help"},
    {"Click a turn", "seek there and play; right-click for loop and anchor"},
};

}  // namespace

void PlayerView::set_font(ImFont* font, float size) {
  font_ = font;
  font_size_ = size;
  layout_width_ = -1;
}

void PlayerView::wrapped_text(std::string_view text, float indent) {
  ImFont* font = font_ ? font_ : ImGui::GetFont();
  float width = ImGui::GetContentRegionAvail().x - indent;
  for (const auto& [from, to] : break_lines(text, font, font_size_, std::max(40.0f, width))) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::TextUnformatted(text.data() + from, text.data() + to);
  }
}

ImU32 PlayerView::speaker_color(const std::string& speaker) const {
  auto it = std::find(speakers_.begin(), speakers_.end(), speaker);
  std::size_t i = it == speakers_.end() ? 0 : std::size_t(it - speakers_.begin());
  return kSpeakerColors[i % std::size(kSpeakerColors)];
}

std::string PlayerView::turn_time_label(std::size_t turn) const {
  const auto& t = session_.timeline().turns()[turn];
  std::string clock = sync::format_clock(t.start);
  switch (t.source) {
    case sync::TimeSource::estimated: return "\xE2\x89\x88" + clock;  // ≈
    case sync::TimeSource::anchored: return clock + " \xE2\x9C\x93";  // ✓
    default: return clock;
  }
}

std::optional<ImVec4> PlayerView::block_rect(std::size_t block) const {
  if (block >= drawn_.size() || drawn_[block].w == 0) return std::nullopt;
  return drawn_[block];
}

// ------------------------------------------------------------------ layout

void PlayerView::relayout(float width) {
  const auto& ep = session_.episode();
  ImFont* font = font_ ? font_ : ImGui::GetFont();
  layout_width_ = width;
  speakers_ = ep.speakers();
  lines_.assign(ep.blocks.size(), {});
  turn_block_.clear();
  block_turn_.assign(ep.blocks.size(), std::nullopt);
  placed_heading_.assign(ep.blocks.size(), std::nullopt);
  const auto blocks_of_turns = ep.turn_blocks();
  for (std::size_t c = 0; c < session_.timeline().chapters().size(); ++c) {
    auto first = session_.timeline().chapters()[c].first_turn;
    if (!first) continue;
    std::size_t b = blocks_of_turns[*first];
    bool headed = b > 0 && ep.blocks[b - 1].kind == sync::BlockKind::chapter_header;
    if (!headed && c > 0) placed_heading_[b] = c;
  }
  std::vector<float> heights(ep.blocks.size(), 0.0f);
  const float line_h = font_size_ * 1.35f;
  for (std::size_t i = 0; i < ep.blocks.size(); ++i) {
    const auto& b = ep.blocks[i];
    std::string_view text = b.kind == sync::BlockKind::chapter_header ? std::string_view(ep.chapters[b.chapter].title)
                                                                       : std::string_view(b.text);
    lines_[i] = break_lines(text, font, font_size_, std::max(50.0f, width - 16));
    float h = float(lines_[i].size()) * line_h + kBlockGap;
    if (b.kind == sync::BlockKind::turn) {
      block_turn_[i] = turn_block_.size();
      turn_block_.push_back(i);
      h += line_h;  // the speaker line
    }
    if (b.kind == sync::BlockKind::chapter_header) h += line_h * 0.6f;
    if (placed_heading_[i]) h += line_h * 1.6f;
    heights[i] = h;
  }
  heights_.assign(std::move(heights));
  drawn_.assign(ep.blocks.size(), ImVec4(0, 0, 0, 0));
}

// ------------------------------------------------------------------ frame

void PlayerView::draw(float dt) {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("Tingdu", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings);
  if (!session_.has_episode()) {
    ImGui::TextWrapped("No episode is open. Drop a transcript (Markdown, SRT, WebVTT, LRC, JSON) or an audio file here.");
    if (!session_.last_message().empty()) ImGui::TextWrapped("%s", session_.last_message().c_str());
    draw_recent_menu();
    ImGui::End();
    return;
  }
  const float transport_h = font_size_ * 4.6f;
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float pane_w = std::floor(avail.x * kChapterPaneShare);
  ImGui::BeginChild("chapters", ImVec2(pane_w, avail.y - transport_h), true);
  draw_chapters();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("transcript", ImVec2(0, avail.y - transport_h), true);
  draw_transcript(dt);
  ImGui::EndChild();
  draw_transport();
  ImGui::End();
  draw_search();
  draw_goto();
  draw_help();
}

void PlayerView::draw_chapters() {
  const auto& ep = session_.episode();
  const auto& tl = session_.timeline();
  auto current = session_.current_chapter();
  double pos = session_.position();
  draw_recent_menu();
  ImGui::SameLine();
  ImGui::TextColored(ImColor(palette_.chapter), "%s", ep.meta.title.empty() ? "Chapters" : ep.meta.title.c_str());
  ImGui::Separator();
  float list_h = ImGui::GetContentRegionAvail().y * 0.55f;
  ImGui::BeginChild("chapter_list", ImVec2(0, list_h));
  for (std::size_t c = 0; c < ep.chapters.size(); ++c) {
    bool is_current = current == c;
    std::string label = sync::format_clock(tl.chapters()[c].start) + "  " + ep.chapters[c].title + "##ch" + std::to_string(c);
    if (ImGui::Selectable(label.c_str(), is_current)) session_.activate_chapter(c);
    if (is_current) {
      const auto& tc = tl.chapters()[c];
      float progress = tc.end > tc.start ? float((pos - tc.start) / (tc.end - tc.start)) : 0;
      ImVec2 p = ImGui::GetItemRectMin(), q = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, q.y - 2), ImVec2(p.x + (q.x - p.x) * progress, q.y),
                                                palette_.seek_fill);
      if (session_.follow && shown_chapter_ != c) ImGui::SetScrollHereY(0.3f);
      shown_chapter_ = c;
    }
  }
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::BeginChild("chapter_detail");
  if (current) {
    const auto& ch = ep.chapters[*current];
    ImGui::TextColored(ImColor(palette_.chapter), "%s", ch.title.c_str());
    for (const auto& e : ch.subtopics) wrapped_text(e.text, 12.0f * float(e.depth + 1));
    if (!ch.summary.empty()) {
      ImGui::Spacing();
      ImGui::TextColored(ImColor(palette_.dim), "Summary");
      for (const auto& e : ch.summary) wrapped_text("\xC2\xB7 " + e.text, 12.0f * float(e.depth + 1));
    }
  }
  ImGui::EndChild();
}

void PlayerView::draw_recent_menu() {
  if (ImGui::Button("Recent")) ImGui::OpenPopup("recent");
  if (!ImGui::BeginPopup("recent")) return;
  auto recent = load_recent();
  if (recent.empty()) ImGui::TextDisabled("nothing yet");
  for (const auto& path : recent)
    if (ImGui::MenuItem(path.c_str(), nullptr, path == session_.transcript_path())) open_request_ = path;
  ImGui::EndPopup();
}

void PlayerView::draw_block(std::size_t i, ImVec2 origin, float width) {
  const auto& ep = session_.episode();
  const auto& b = ep.blocks[i];
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = font_ ? font_ : ImGui::GetFont();
  const float line_h = font_size_ * 1.35f;
  float y = origin.y;
  float x = origin.x + 8;
  std::string_view text = b.kind == sync::BlockKind::chapter_header ? std::string_view(ep.chapters[b.chapter].title)
                                                                     : std::string_view(b.text);
  ImU32 color = palette_.text;
  if (b.kind == sync::BlockKind::chapter_header) {
    y += line_h * 0.3f;
    std::string label = sync::format_clock(ep.chapters[b.chapter].start) + "  ";
    dl->AddText(font, font_size_, ImVec2(x, y), palette_.chapter, label.c_str());
    x += font->CalcTextSizeA(font_size_, FLT_MAX, 0, label.c_str()).x;
    color = palette_.chapter;
  } else if (b.kind == sync::BlockKind::note) {
    color = palette_.dim;
  } else {
    std::size_t turn = *block_turn_[i];
    if (auto c = placed_heading_[i]) {
      y += line_h * 0.3f;
      std::string label = sync::format_clock(ep.chapters[*c].start) + "  " + ep.chapters[*c].title +
                          "   (no heading in the transcript; placed here by its summary)";
      dl->AddText(font, font_size_, ImVec2(x, y), palette_.chapter, label.c_str());
      y += line_h * 1.3f;
    }
    dl->AddText(font, font_size_, ImVec2(x, y), speaker_color(b.speaker), b.speaker.empty() ? "\xE2\x80\x94" : b.speaker.c_str());
    std::string when = turn_time_label(turn);
    const auto& tt = session_.timeline().turns()[turn];
    ImU32 time_color = tt.source == sync::TimeSource::estimated  ? palette_.estimated
                       : tt.source == sync::TimeSource::anchored ? palette_.anchored
                                                                 : palette_.dim;
    float name_w = font->CalcTextSizeA(font_size_, FLT_MAX, 0, b.speaker.c_str()).x;
    dl->AddText(font, font_size_ * 0.85f, ImVec2(x + name_w + 12, y + font_size_ * 0.1f), time_color, when.c_str());
    y += line_h;
  }
  for (const auto& [from, to] : lines_[i]) {
    dl->AddText(font, font_size_, ImVec2(x, y), color, text.data() + from, text.data() + to);
    y += line_h;
    x = origin.x + 8;
  }
  (void)width;
}

void PlayerView::draw_transcript(float dt) {
  const auto& ep = session_.episode();
  const auto& tl = session_.timeline();
  float width = ImGui::GetContentRegionAvail().x;
  if (std::abs(width - layout_width_) > 0.5f || lines_.size() != ep.blocks.size()) relayout(width);
  ImGuiIO& io = ImGui::GetIO();
  const float view_h = ImGui::GetWindowHeight();
  scroll_ = ImGui::GetScrollY();

  // The listener scrolled (wheel, scrollbar, keys): stop following until asked back.
  bool user_scrolled = (ImGui::IsWindowHovered() && io.MouseWheel != 0.0f) ||
                       (last_set_scroll_ >= 0 && std::abs(scroll_ - last_set_scroll_) > 1.0f && ImGui::IsMouseDragging(0));
  if (user_scrolled && session_.follow) session_.follow = false;

  double pos = session_.position();
  auto current = session_.current_turn();
  auto loop = session_.loop();
  ImVec2 win = ImGui::GetWindowPos();
  ImVec2 content_origin(win.x + ImGui::GetStyle().WindowPadding.x, win.y + ImGui::GetStyle().WindowPadding.y - scroll_);
  std::size_t first = heights_.at(scroll_), last = heights_.at(scroll_ + view_h);
  std::fill(drawn_.begin(), drawn_.end(), ImVec4(0, 0, 0, 0));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (std::size_t i = first; i <= last && i < ep.blocks.size(); ++i) {
    ImVec2 origin(content_origin.x, content_origin.y + heights_.top(i));
    ImVec2 end(origin.x + width, origin.y + heights_.height(i) - kBlockGap * 0.5f);
    drawn_[i] = ImVec4(origin.x, origin.y, width, heights_.height(i));
    auto turn = block_turn_[i];
    if (turn) {
      bool hovered = ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(origin, end);
      if (current == turn) dl->AddRectFilled(origin, end, palette_.current_turn, 4.0f);
      else if (hovered) dl->AddRectFilled(origin, end, palette_.hover_turn, 4.0f);
      const auto& t = tl.turns()[*turn];
      if (loop && t.start < loop->second && t.end > loop->first)
        dl->AddRectFilled(origin, ImVec2(origin.x + 3, end.y), palette_.loop);
      if (hovered) {
        if (ImGui::IsMouseClicked(0)) session_.activate_turn(*turn);
        if (ImGui::IsMouseClicked(1)) {
          menu_turn_ = *turn;
          ImGui::OpenPopup("turn_menu");
        }
        ImGui::BeginTooltip();
        ImGui::Text("turn %zu: %s - %s", *turn, sync::format_clock(t.start).c_str(), sync::format_clock(t.end).c_str());
        switch (t.source) {
          case sync::TimeSource::estimated: ImGui::Text("estimated, about \xC2\xB1%.1f s", t.uncertainty); break;
          case sync::TimeSource::anchored: ImGui::Text("anchored by you"); break;
          case sync::TimeSource::chapter: ImGui::Text("chapter start, from the outline"); break;
          case sync::TimeSource::source: ImGui::Text("from the transcript file"); break;
          case sync::TimeSource::aligned: ImGui::Text("aligned to the audio"); break;
        }
        ImGui::EndTooltip();
      }
    }
    draw_block(i, origin, width);
  }
  ImGui::SetCursorPosY(heights_.total() + view_h * 0.5f);  // room to bring the last turn up
  ImGui::Dummy(ImVec2(1, 1));
  draw_turn_menu();

  animating_ = false;
  if (session_.follow && current) {
    std::size_t block = turn_block_[*current];
    const auto& t = tl.turns()[*current];
    double len = t.end - t.start;
    float progress = len > 0 ? float(std::clamp((pos - t.start) / len, 0.0, 1.0)) : 0.0f;
    // Long turns scroll within themselves: follow the part being spoken, a line at a time (a
    // target that moved every frame would keep the window redrawing all the time).
    const float line_h = font_size_ * 1.35f;
    float inside = std::floor(std::max(0.0f, heights_.height(block) - view_h * 0.5f) * progress / line_h) * line_h;
    // Whole pixels: ImGui keeps scroll offsets whole, and an eased step under a pixel would
    // never arrive.
    float target = std::round(std::max(0.0f, heights_.top(block) + inside - view_h * kFollowAnchor));
    float next = target;
    if (std::abs(target - scroll_) < view_h * kJumpScreens) {
      float ease = 1.0f - std::pow(1.0f - kScrollEase, std::max(dt, 0.0f) * 60.0f);
      float step = (target - scroll_) * ease;
      next = std::abs(step) < 1.0f ? target : std::round(scroll_ + step);
    }
    animating_ = next != target;
    ImGui::SetScrollY(next);
    last_set_scroll_ = next;
  } else {
    last_set_scroll_ = -1;
  }
  if (!session_.follow && current) {
    // "Back to playback": a button floating over the transcript.
    ImVec2 p(win.x + ImGui::GetWindowWidth() - 190, win.y + view_h - 44);
    ImGui::SetCursorScreenPos(p);
    if (ImGui::Button("Back to playback (F)")) session_.follow = true;
  }
}

void PlayerView::draw_turn_menu() {
  if (!ImGui::BeginPopup("turn_menu")) return;
  if (menu_turn_) {
    std::size_t k = *menu_turn_;
    const auto& tl = session_.timeline();
    double start = tl.start_of(k);
    double end = k + 1 < tl.turns().size() ? tl.start_of(k + 1) : session_.duration();
    ImGui::TextDisabled("turn %zu", k);
    if (ImGui::MenuItem("Play from here")) {
      session_.seek(start);
      session_.play();
    }
    if (ImGui::MenuItem("Loop this turn")) session_.loop_range(start, end);
    if (ImGui::MenuItem("Set loop start (A) here")) session_.set_loop_a(start);
    if (ImGui::MenuItem("Set loop end (B) after this turn")) session_.set_loop_b(end);
    if (ImGui::MenuItem("This turn starts now (anchor at the playhead)")) session_.anchor_turn(k, session_.position());
  }
  ImGui::EndPopup();
}

// ------------------------------------------------------------------ transport

void PlayerView::draw_seek_bar(float width) {
  const auto& tl = session_.timeline();
  double duration = std::max(1e-6, session_.duration());
  ImVec2 p = ImGui::GetCursorScreenPos();
  float h = font_size_ * 0.9f;
  ImGui::InvisibleButton("seekbar", ImVec2(width, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto x_of = [&](double t) { return p.x + float(t / duration) * width; };
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), palette_.seek_bg, 3.0f);
  if (auto loop = session_.loop())
    dl->AddRectFilled(ImVec2(x_of(loop->first), p.y), ImVec2(x_of(loop->second), p.y + h), palette_.loop_shade);
  dl->AddRectFilled(p, ImVec2(x_of(session_.position()), p.y + h), palette_.seek_fill, 3.0f);
  for (const auto& c : tl.chapters()) dl->AddLine(ImVec2(x_of(c.start), p.y), ImVec2(x_of(c.start), p.y + h), palette_.tick);
  if (auto a = session_.loop_a_mark())
    dl->AddTriangleFilled(ImVec2(x_of(*a) - 5, p.y), ImVec2(x_of(*a) + 5, p.y), ImVec2(x_of(*a), p.y + 6), palette_.loop);
  if (ImGui::IsItemActive() && (ImGui::IsMouseClicked(0) || ImGui::IsMouseDragging(0))) {
    double t = std::clamp(double(ImGui::GetIO().MousePos.x - p.x) / width, 0.0, 1.0) * duration;
    session_.seek(t);
  }
  if (ImGui::IsItemHovered()) {
    double t = std::clamp(double(ImGui::GetIO().MousePos.x - p.x) / width, 0.0, 1.0) * duration;
    auto c = tl.chapter_at(t);
    ImGui::SetTooltip("%s%s%s", sync::format_clock(t).c_str(), c ? "  " : "",
                      c ? session_.episode().chapters[*c].title.c_str() : "");
  }
}

void PlayerView::draw_transport() {
  ImGui::Spacing();
  draw_seek_bar(ImGui::GetContentRegionAvail().x);
  ImGui::Spacing();
  if (ImGui::Button("|<")) session_.previous_chapter();
  ImGui::SameLine();
  if (ImGui::Button("<")) session_.previous_turn();
  ImGui::SameLine();
  if (ImGui::Button("-5s")) session_.skip(-5);
  ImGui::SameLine();
  if (ImGui::Button(session_.playing() ? "Pause" : " Play ")) session_.toggle_play();
  ImGui::SameLine();
  if (ImGui::Button("+5s")) session_.skip(5);
  ImGui::SameLine();
  if (ImGui::Button(">")) session_.next_turn();
  ImGui::SameLine();
  if (ImGui::Button(">|")) session_.next_chapter();
  ImGui::SameLine();
  // The clock doubles as the go-to-time button (also Ctrl+G).
  std::string clock = sync::format_clock(session_.position()) + " / " + sync::format_clock(session_.duration()) + "##clock";
  if (ImGui::Button(clock.c_str())) {
    goto_open_ = goto_focus_ = true;
    goto_text_.clear();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("go to a time (Ctrl+G)");
  ImGui::SameLine();
  float speed = float(session_.speed());
  ImGui::SetNextItemWidth(font_size_ * 6);
  if (ImGui::SliderFloat("##speed", &speed, 0.5f, 2.0f, "speed %.2fx")) session_.set_speed(speed);
  ImGui::SameLine();
  float volume = float(session_.volume());
  ImGui::SetNextItemWidth(font_size_ * 5);
  if (ImGui::SliderFloat("##volume", &volume, 0.0f, 1.0f, "vol %.2f")) session_.set_volume(volume);
  ImGui::SameLine();
  if (ImGui::Button("Loop ch")) session_.loop_chapter();
  ImGui::SameLine();
  if (ImGui::Button("Loop turn")) session_.loop_turn();
  ImGui::SameLine();
  if (ImGui::Button("A")) session_.set_loop_a(session_.position());
  ImGui::SameLine();
  if (ImGui::Button("B")) session_.set_loop_b(session_.position());
  ImGui::SameLine();
  int times = session_.loop_times();
  ImGui::SetNextItemWidth(font_size_ * 4);
  if (ImGui::InputInt("##times", &times, 1, 1)) session_.set_loop_times(times);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("loop passes (0: forever)");
  ImGui::SameLine();
  if (ImGui::Button("Clear")) session_.clear_loop();
  ImGui::SameLine();
  bool follow = session_.follow;
  if (ImGui::Checkbox("Follow", &follow)) session_.follow = follow;
  ImGui::SameLine();
  ImGui::Checkbox("Click plays", &session_.click_plays);

  // Status line: the loop, how sure the current time is, and the latest message.
  std::string status;
  if (auto loop = session_.loop())
    status += "loop " + sync::format_clock(loop->first) + "-" + sync::format_clock(loop->second) + "   ";
  if (auto t = session_.current_turn()) {
    const auto& tt = session_.timeline().turns()[*t];
    char buf[96];
    std::snprintf(buf, sizeof buf, "turn %zu (%s%s)   ", *t, std::string(sync::time_source_name(tt.source)).c_str(),
                  tt.source == sync::TimeSource::estimated ? (" \xC2\xB1" + std::to_string(int(std::round(tt.uncertainty))) + " s").c_str() : "");
    status += buf;
  }
  if (!session_.has_audio()) status += "no audio: the clock runs on its own   ";
  status += session_.last_message();
  ImGui::TextColored(ImColor(palette_.dim), "%s   F1: keys", status.c_str());
}

// ------------------------------------------------------------------ panels

void PlayerView::draw_search() {
  if (!search_open_) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.12f), ImGuiCond_Appearing, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.55f, io.DisplaySize.y * 0.6f), ImGuiCond_Appearing);
  if (!ImGui::Begin("Search (Enter: go to the first result, Esc: close)", &search_open_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  if (search_focus_) {
    ImGui::SetKeyboardFocusHere();
    search_focus_ = false;
  }
  bool enter = ImGui::InputText("##query", &query_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (query_ != last_query_) {
    hits_ = session_.search().find(query_);
    last_query_ = query_;
  }
  ImGui::TextColored(ImColor(palette_.dim), "%zu result(s)", hits_.size());
  std::optional<std::size_t> jump;
  ImGui::BeginChild("hits");
  for (std::size_t i = 0; i < hits_.size(); ++i) {
    const auto& h = hits_[i];
    double t = h.where == sync::SearchHit::Where::turn ? session_.timeline().start_of(h.index)
                                                       : session_.timeline().chapters()[h.index].start;
    const char* kind = h.where == sync::SearchHit::Where::turn ? "" : "[chapter] ";
    std::string label = sync::format_clock(t) + "  " + kind + h.excerpt + "##hit" + std::to_string(i);
    if (ImGui::Selectable(label.c_str())) jump = i;
  }
  ImGui::EndChild();
  if (enter && !hits_.empty()) jump = 0;
  if (jump) {
    const auto& h = hits_[*jump];
    if (h.where == sync::SearchHit::Where::turn) session_.activate_turn(h.index);
    else session_.activate_chapter(h.index);
  }
  ImGui::End();
}

void PlayerView::draw_goto() {
  if (!goto_open_) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.3f), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::Begin("Go to time", &goto_open_, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  if (goto_focus_) {
    ImGui::SetKeyboardFocusHere();
    goto_focus_ = false;
  }
  bool enter = ImGui::InputText("H:MM:SS, M:SS or seconds", &goto_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (enter) {
    if (auto t = sync::parse_time_argument(goto_text_)) {
      session_.seek(*t);
      session_.follow = true;
      goto_open_ = false;
    }
  }
  if (!goto_text_.empty() && !sync::parse_time_argument(goto_text_)) ImGui::TextColored(ImColor(palette_.loop), "not a time yet");
  ImGui::End();
}

void PlayerView::draw_help() {
  if (!help_open_) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Keys (F1 or Esc to close)", &help_open_, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("keys", 2)) {
    for (const auto& row : kHelp) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImColor(palette_.chapter), "%s", row[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[1]);
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

// ------------------------------------------------------------------ keys

bool PlayerView::handle_key(int key, int mod) {
  const bool ctrl = mod & KMOD_CTRL, shift = mod & KMOD_SHIFT;
  if (key == SDLK_ESCAPE) {
    if (help_open_ || search_open_ || goto_open_) {
      help_open_ = search_open_ = goto_open_ = false;
      return true;
    }
    if (session_.has_episode()) session_.clear_loop();
    return true;
  }
  if (key == SDLK_F1) {
    help_open_ = !help_open_;
    return true;
  }
  if (ctrl && key == SDLK_f) {
    search_open_ = search_focus_ = true;
    return true;
  }
  if (ctrl && key == SDLK_g) {
    goto_open_ = goto_focus_ = true;
    goto_text_.clear();
    return true;
  }
  if (ctrl && (key == SDLK_EQUALS || key == SDLK_PLUS || key == SDLK_KP_PLUS)) {
    font_request_ = std::min(font_size_ + 2, 48.0f);
    return true;
  }
  if (ctrl && (key == SDLK_MINUS || key == SDLK_KP_MINUS)) {
    font_request_ = std::max(font_size_ - 2, 10.0f);
    return true;
  }
  if (!session_.has_episode()) return false;
  if (ctrl && key == SDLK_z) return session_.undo(), true;
  if (ctrl && key == SDLK_y) return session_.redo(), true;
  if (ctrl) return false;
  switch (key) {
    case SDLK_SPACE: session_.toggle_play(); return true;
    case SDLK_LEFT: shift ? session_.previous_turn() : session_.skip(-5); return true;
    case SDLK_RIGHT: shift ? session_.next_turn() : session_.skip(5); return true;
    case SDLK_PAGEUP: session_.previous_chapter(); return true;
    case SDLK_PAGEDOWN: session_.next_chapter(); return true;
    case SDLK_HOME: session_.seek(0); return true;
    case SDLK_l: shift ? session_.loop_turn() : session_.loop_chapter(); return true;
    case SDLK_LEFTBRACKET: session_.set_loop_a(session_.position()); return true;
    case SDLK_RIGHTBRACKET: session_.set_loop_b(session_.position()); return true;
    case SDLK_MINUS: case SDLK_KP_MINUS: session_.change_speed(-Session::kSpeedStep); return true;
    case SDLK_EQUALS: case SDLK_PLUS: case SDLK_KP_PLUS: session_.change_speed(Session::kSpeedStep); return true;
    case SDLK_f: session_.follow = !session_.follow; return true;
    case SDLK_t: session_.tap_sync(); return true;
    default: return false;
  }
}

}  // namespace tingdu::ui
