#include "transport_bar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sync/time_format.h"
#include "ui_glyphs.h"

namespace tingdu::ui {

void TransportBar::draw(const ViewContext& ctx, bool& goto_requested) {
  float top = ImGui::GetCursorPosY();
  ImGui::Spacing();
  draw_seek_bar(ctx, ImGui::GetContentRegionAvail().x);
  ImGui::Spacing();
  draw_controls(ctx, goto_requested);
  draw_status(ctx);
  height_ = ImGui::GetCursorPosY() - top;
}

std::optional<ImVec4> TransportBar::button_rect(std::string_view label) const {
  for (const auto& [name, rect] : button_rects_)
    if (name == label) return rect;
  return std::nullopt;
}

void TransportBar::draw_seek_bar(const ViewContext& ctx, float width) {
  Session& session = ctx.session;
  const auto& tl = session.timeline();
  double duration = std::max(1e-6, session.duration());
  ImVec2 p = ImGui::GetCursorScreenPos();
  float h = ctx.font_size * 0.9f;
  ImGui::InvisibleButton("seekbar", ImVec2(width, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto x_of = [&](double t) { return p.x + float(std::clamp(t / duration, 0.0, 1.0)) * width; };
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), ctx.palette.seek_bg, 3.0f);
  if (auto loop = session.loop())
    dl->AddRectFilled(ImVec2(x_of(loop->first), p.y), ImVec2(x_of(loop->second), p.y + h), ctx.palette.loop_shade);
  dl->AddRectFilled(p, ImVec2(x_of(session.position()), p.y + h), ctx.palette.seek_fill, 3.0f);
  for (const auto& c : tl.chapters()) dl->AddLine(ImVec2(x_of(c.start), p.y), ImVec2(x_of(c.start), p.y + h), ctx.palette.tick);
  if (auto a = session.loop_a_mark())
    dl->AddTriangleFilled(ImVec2(x_of(*a) - 5, p.y), ImVec2(x_of(*a) + 5, p.y), ImVec2(x_of(*a), p.y + 6), ctx.palette.loop);
  if (ImGui::IsItemActive() && (ImGui::IsMouseClicked(0) || ImGui::IsMouseDragging(0))) {
    double t = std::clamp(double(ImGui::GetIO().MousePos.x - p.x) / width, 0.0, 1.0) * duration;
    session.seek(t);
  }
  if (ImGui::IsItemHovered()) {
    double t = std::clamp(double(ImGui::GetIO().MousePos.x - p.x) / width, 0.0, 1.0) * duration;
    auto c = tl.chapter_at(t);
    ImGui::SetTooltip("%s%s%s", sync::format_clock(t).c_str(), c ? "  " : "", c ? session.episode().chapters[*c].title.c_str() : "");
  }
}

void TransportBar::draw_controls(const ViewContext& ctx, bool& goto_requested) {
  Session& session = ctx.session;
  bool first = true;
  controls_right_ = 0;
  button_rects_.clear();
  auto placed = [&] { controls_right_ = std::max(controls_right_, ImGui::GetItemRectMax().x); };
  // Every control goes on the current row when it fits, else it starts the next one.
  auto button = [&](const char* label, const char* tip = nullptr) {
    flow_item(button_width(label), first);
    first = false;
    bool pressed = ImGui::Button(label);
    placed();
    std::string_view text(label);
    ImVec2 p = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    button_rects_.emplace_back(text.substr(0, text.find("##")), ImVec4(p.x, p.y, size.x, size.y));
    if (tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    return pressed;
  };
  if (button("|<", "previous chapter (PageUp)")) session.previous_chapter();
  if (button("<", "previous turn (Shift+Left)")) session.previous_turn();
  if (button("-5s", "back 5 s (Left)")) session.skip(-5);
  if (button(session.playing() ? "Pause##play" : " Play ##play", "play / pause (Space)")) session.toggle_play();
  if (button("+5s", "forward 5 s (Right)")) session.skip(5);
  if (button(">", "next turn (Shift+Right)")) session.next_turn();
  if (button(">|", "next chapter (PageDown)")) session.next_chapter();
  // The clock doubles as the go-to-time button (also Ctrl+G).
  std::string clock = sync::format_clock(session.position()) + " / " + sync::format_clock(session.duration()) + "##clock";
  if (button(clock.c_str(), "go to a time (Ctrl+G)")) goto_requested = true;

  const float slider_w = ctx.font_size * 6;
  flow_item(slider_w);
  float speed = float(session.speed());
  ImGui::SetNextItemWidth(slider_w);
  if (ImGui::SliderFloat("##speed", &speed, 0.5f, 2.0f, "speed %.2fx")) session.set_speed(speed);
  placed();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("- / + : slower / faster; Backspace: 1.0x");
  flow_item(slider_w);
  int volume = int(std::lround(session.volume() * 100));
  ImGui::SetNextItemWidth(slider_w);
  if (ImGui::SliderInt("##volume", &volume, 0, 100, session.muted() ? "muted" : "volume %d%%")) session.set_volume(volume / 100.0);
  placed();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("9 / 0: quieter / louder; M: mute");

  if (button("Loop ch", "loop the chapter (L)")) session.loop_chapter();
  if (button("Loop turn", "loop the turn (Shift+L)")) session.loop_turn();
  if (button("A", "loop start at the playhead ([)")) session.set_loop_a(session.position());
  if (button("B", "loop end at the playhead (])")) session.set_loop_b(session.position());
  const float times_w = ctx.font_size * 6;
  flow_item(times_w);
  int times = session.loop_times();
  ImGui::SetNextItemWidth(times_w);
  if (ImGui::SliderInt("##times", &times, 0, 10, times == 0 ? "heard: forever" : "heard: %d times")) session.set_loop_times(times);
  placed();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("how many times a loop is heard before playback goes on");
  if (button("Clear", "clear the loop (Esc)")) session.clear_loop();
  bool follow = session.follow;
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  flow_item(box + ImGui::CalcTextSize("Follow").x);
  if (ImGui::Checkbox("Follow", &follow)) session.follow = follow;
  placed();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the transcript follows playback (F)");
  flow_item(box + ImGui::CalcTextSize("Click plays").x);
  ImGui::Checkbox("Click plays", &session.click_plays);
  placed();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("a click on a turn plays from it (off: only moves the playhead)");
}

void TransportBar::draw_status(const ViewContext& ctx) {
  Session& session = ctx.session;
  // The loop, how sure the current time is, and the latest message.
  std::string status;
  if (auto loop = session.loop()) {
    status += "loop " + sync::format_clock(loop->first) + "-" + sync::format_clock(loop->second);
    if (session.loop_times() > 0) status += " (" + std::to_string(session.loop_times()) + kTimes + ")";
    status += "   ";
  }
  if (auto t = session.current_turn()) {
    const auto& tt = session.timeline().turns()[*t];
    char buf[96];
    std::snprintf(buf, sizeof buf, "turn %zu (%s", *t, std::string(sync::time_source_name(tt.source)).c_str());
    status += buf;
    if (tt.uncertainty > 0) status += std::string(" ") + kPlusMinus + std::to_string(int(std::ceil(tt.uncertainty))) + " s";
    status += ")   ";
  }
  if (!session.has_audio()) status += "no audio: the clock runs on its own   ";
  status += session.last_message();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(ImColor(ctx.palette.dim)));
  ImGui::TextUnformatted(ellipsize(status + "   F1: keys", ImGui::GetContentRegionAvail().x).c_str());
  ImGui::PopStyleColor();
}

}  // namespace tingdu::ui
