#include "transport_bar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sync/time_format.h"
#include "ui_glyphs.h"

namespace tingdu::ui {

void TransportBar::draw(const ViewContext& ctx, bool& goto_requested, bool close_popups) {
  float top = ImGui::GetCursorPosY();
  ImGui::Spacing();
  draw_seek_bar(ctx, ImGui::GetContentRegionAvail().x);
  draw_speaker_lane(ctx, ImGui::GetContentRegionAvail().x);
  ImGui::Spacing();
  draw_controls(ctx, goto_requested, close_popups);
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
  // What the transcript doesn't have (ads, a pre-roll, music) stays on the seek bar, skipped or
  // not, played or not (over the played part too).
  if (const auto& a = session.alignment())
    for (const auto& u : a->untranscribed)
      dl->AddRectFilled(ImVec2(x_of(u.start), p.y + h * 0.55f), ImVec2(std::max(x_of(u.start) + 1, x_of(u.end)), p.y + h),
                        ctx.palette.untranscribed_band);
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
    ImGui::SetTooltip("%s%s%s%s", sync::format_clock(t).c_str(), c ? "  " : "", c ? session.episode().chapters[*c].title.c_str() : "",
                      tl.untranscribed_at(t) ? "\nnot in the transcript (an ad, music?)" : "");
  }
}

void TransportBar::draw_speaker_lane(const ViewContext& ctx, float width) {
  const auto& alignment = ctx.session.alignment();
  if (!alignment) return;
  double duration = std::max(1e-6, ctx.session.duration());
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = std::max(3.0f, ctx.font_size * 0.3f);
  ImGui::InvisibleButton("speaker_lane", ImVec2(width, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto x_of = [&](double t) { return p.x + float(std::clamp(t / duration, 0.0, 1.0)) * width; };
  for (const auto& span : alignment->lane) {
    ImU32 color = span.speaker < 0 ? ctx.palette.untranscribed
                                   : kSpeakerColors[std::size_t(span.speaker) % std::size(kSpeakerColors)];
    // At least a pixel wide, so a short reply still shows at any zoom.
    float x0 = x_of(span.start), x1 = std::max(x0 + 1, x_of(span.end));
    dl->AddRectFilled(ImVec2(x0, p.y), ImVec2(x1, p.y + h), color);
  }
  // Untranscribed stretches as bands of their own over the lane.
  for (const auto& u : alignment->untranscribed) {
    float x0 = x_of(u.start), x1 = std::max(x0 + 1, x_of(u.end));
    dl->AddRectFilled(ImVec2(x0, p.y), ImVec2(x1, p.y + h), ctx.palette.untranscribed_band);
  }
  if (ImGui::IsItemHovered()) {
    double t = std::clamp(double(ImGui::GetIO().MousePos.x - p.x) / width, 0.0, 1.0) * duration;
    std::string who = "silence";
    for (const auto& span : alignment->lane)
      if (t >= span.start && t < span.end)
        who = span.speaker < 0 ? "speech the transcript doesn't have (music, an ad, a clip)"
                               : alignment->speakers[std::size_t(span.speaker)];
    for (const auto& u : alignment->untranscribed)
      if (t >= u.start && t < u.end)
        who = "not in the transcript (an ad, music, an intro) " + sync::format_clock_nearest(u.start) + "-" + sync::format_clock_nearest(u.end) +
              (ctx.session.skip_untranscribed() ? ", skipped (K)" : ", K skips such stretches");
    ImGui::SetTooltip("%s  %s (who speaks, as the audio tells it)", sync::format_clock(t).c_str(), who.c_str());
  }
}

void TransportBar::draw_controls(const ViewContext& ctx, bool& goto_requested, bool close_popups) {
  Session& session = ctx.session;
  bool first = true;
  controls_right_ = 0;
  button_rects_.clear();
  auto placed = [&] { controls_right_ = std::max(controls_right_, ImGui::GetItemRectMax().x); };
  // Every control goes on the current row when it fits, else it starts the next one.
  // `width`: fixed, for labels that change (so the row does not shift as they do); 0: fits.
  auto button = [&](const char* label, const char* tip = nullptr, float width = 0) {
    flow_item(width > 0 ? width : button_width(label), first);
    first = false;
    bool pressed = ImGui::Button(label, ImVec2(width, 0));
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
  const float play_w = std::max(button_width("Pause"), button_width("Play"));
  if (button(session.playing() ? "Pause##play" : "Play##play", "play / pause (Space)", play_w)) session.toggle_play();
  if (button("+5s", "forward 5 s (Right)")) session.skip(5);
  if (button(">", "next turn (Shift+Right)")) session.next_turn();
  if (button(">|", "next chapter (PageDown)")) session.next_chapter();
  // The clock doubles as the go-to-time button (also Ctrl+G).
  std::string total = sync::format_clock(session.duration());
  std::string clock = sync::format_clock(session.position()) + " / " + total + "##clock";
  // As wide as the longest the clock gets (digits are all one width), so it never jostles.
  std::string widest = std::string(total.size(), '0') + " / " + total;
  if (button(clock.c_str(), "go to a time (Ctrl+G)", button_width(widest.c_str()))) goto_requested = true;

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
  if (button("Loop sentence", "loop the sentence being spoken (S)")) session.loop_sentence();
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
  if (button(session.practice().runs() || session.practice().listen_first ? "Practice *##practice" : "Practice##practice",
             "shadowing, repeats and listen-first, a sentence at a time (H, R, V)"))
    ImGui::OpenPopup("practice");
  draw_practice_popup(ctx, close_popups);
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
  // Only once the audio has stretches the transcript doesn't (the gold bands under the seek bar).
  if (session.alignment() && !session.alignment()->untranscribed.empty()) {
    flow_item(box + ImGui::CalcTextSize("Skip untranscribed").x);
    bool skip = session.skip_untranscribed();
    if (ImGui::Checkbox("Skip untranscribed", &skip)) session.toggle_skip_untranscribed();
    placed();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("play over the stretches the transcript doesn't have, the gold bands: ads, music, an intro (K)");
  }
}

void TransportBar::draw_practice_popup(const ViewContext& ctx, bool close) {
  ImGui::SetNextWindowBgAlpha(1.0f);
  if (!ImGui::BeginPopup("practice")) return;
  if (close) ImGui::CloseCurrentPopup();
  Session& session = ctx.session;
  PracticeSettings p = session.practice();
  bool changed = ImGui::Checkbox("Shadowing: pause after each sentence to say it back (H)", &p.shadowing);
  float factor = float(p.shadow_factor);
  ImGui::SetNextItemWidth(ctx.font_size * 10);
  if (ImGui::SliderFloat("##factor", &factor, 0.5f, 4.0f, "pause: %.1fx the sentence")) {
    p.shadow_factor = factor;
    changed = true;
  }
  ImGui::SetNextItemWidth(ctx.font_size * 10);
  changed |= ImGui::SliderInt("##repeat", &p.repeat, 1, 10, p.repeat == 1 ? "each sentence once" : "each sentence %d times");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("R steps through 1, 2, 3 and 5");
  changed |= ImGui::Checkbox("Listen first: hide text until it is spoken (V)", &p.listen_first);
  if (session.loop()) ImGui::TextDisabled("Practice pauses while your loop is set (Esc clears it).");
  if (changed) session.set_practice(p);
  ImGui::EndPopup();
}

void TransportBar::draw_status(const ViewContext& ctx) {
  Session& session = ctx.session;
  // The loop, how sure the current time is, and the latest message.
  std::string status;
  const std::string recent = session.recent_message(), practice = session.practice_summary(), loop = session.loop_summary();
  // The loop, unless the latest message is it (set just now).
  if (!loop.empty() && recent != loop) status += loop + "   ";
  if (auto t = session.current_turn()) {
    const auto& tt = session.timeline().turns()[*t];
    char buf[96];
    std::snprintf(buf, sizeof buf, "turn %zu (%s", *t, std::string(sync::time_source_name(tt.source)).c_str());
    status += buf;
    if (tt.uncertainty >= 0.05) {
      char sure[32];
      std::snprintf(sure, sizeof sure, " %s%.1f s", kPlusMinus, tt.uncertainty);
      status += sure;
    }
    status += ")   ";
  } else if (session.has_episode() && session.timeline().untranscribed_at(session.position())) {
    status += "not in the transcript (an ad, music?)   ";
  }
  if (auto i = session.current_sentence()) {
    const auto& st = session.timeline().sentences()[*i];
    status += "sentence " + std::to_string(st.index + 1) + "   ";  // counted from 1, as the menu does
  }
  // The practice settings, unless the latest message is they themselves (H, R and V say them).
  if ((session.practice().runs() || session.practice().listen_first) && recent != practice) status += practice + "   ";
  if (!session.has_audio()) status += "no audio: the clock runs on its own   ";
  if (auto job = session.alignment_progress(); job.busy)
    status += job.what + " " + std::to_string(int(job.share * 100)) + "%   ";
  status += recent;
  const std::string rest = status + "   F1: keys";
  // First, in its own colour while it lasts: the silence after a hearing is for the listener to speak.
  const bool speak = session.your_turn();
  constexpr const char* kYourTurn = "your turn: say it back";
  status_ = speak ? std::string(kYourTurn) + "   " + rest : rest;
  if (speak) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(ImColor(ctx.palette.your_turn)));
    ImGui::TextUnformatted(kYourTurn);
    ImGui::PopStyleColor();
    ImGui::SameLine(0, ImGui::CalcTextSize("   ").x);
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(ImColor(ctx.palette.dim)));
  ImGui::TextUnformatted(ellipsize(rest, ImGui::GetContentRegionAvail().x).c_str());
  ImGui::PopStyleColor();
}

}  // namespace tingdu::ui
