#include "chapters_pane.h"

#include <algorithm>
#include <cctype>

#include "sync/format.h"
#include "sync/time_format.h"
#include "ui_glyphs.h"

namespace tingdu::ui {

void draw_recent_menu(const ViewContext& ctx, std::optional<std::string>& request, bool close_popups) {
  if (ImGui::Button("Recent")) ImGui::OpenPopup("recent");
  if (!ImGui::BeginPopup("recent")) return;
  if (close_popups) ImGui::CloseCurrentPopup();
  auto recent = load_recent();
  if (recent.empty()) ImGui::TextDisabled("nothing yet");
  for (const auto& path : recent)
    if (ImGui::MenuItem(path.c_str(), nullptr, ctx.session.has_episode() && path == ctx.session.transcript_path()))
      request = path;
  ImGui::EndPopup();
}

void ChaptersPane::draw(const ViewContext& ctx, std::optional<std::string>& recent_request, bool close_popups) {
  Session& session = ctx.session;
  const auto& ep = session.episode();
  const auto& tl = session.timeline();
  auto current = session.current_chapter();
  double pos = session.position();
  draw_recent_menu(ctx, recent_request, close_popups);
  ImGui::SameLine();
  // The title, cut with an ellipsis to the pane's width, whole on hover.
  const std::string& title = ep.meta.title.empty() ? std::string("Chapters") : ep.meta.title;
  std::string shown = ellipsize(title, ImGui::GetContentRegionAvail().x);
  ImGui::TextColored(ImColor(ctx.palette.chapter), "%s", shown.c_str());
  if (shown != title && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ctx.font_size * 30);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::Separator();
  if (ep.chapters.empty()) {
    // Say why the pane is empty, rather than leaving it blank.
    std::string format(sync::format_name(session.format()));
    std::transform(format.begin(), format.end(), format.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    std::string why = "No chapters: this " + format +
                      " transcript has no chapter list (SRT, WebVTT and LRC files carry none). "
                      "The transcript on the right still follows playback.";
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(ImColor(ctx.palette.dim)));
    ctx.wrapped_text(why, 0);
    ImGui::PopStyleColor();
    return;
  }
  float list_h = ImGui::GetContentRegionAvail().y * 0.55f;
  ImGui::BeginChild("chapter_list", ImVec2(0, list_h));
  for (std::size_t c = 0; c < ep.chapters.size(); ++c) {
    bool is_current = current == c;
    const auto& tc = tl.chapters()[c];
    bool unplayable = session.past_audio_end(tc.start);
    std::string label = sync::format_clock_nearest(tc.start) + "  " + ep.chapters[c].title + "##ch" + std::to_string(c);
    if (unplayable) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(ImColor(ctx.palette.unplayable)));
    if (ImGui::Selectable(label.c_str(), is_current)) session.activate_chapter(c);
    if (unplayable) {
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("past the end of the audio");
    }
    if (is_current) {
      float progress = tc.end > tc.start ? float((pos - tc.start) / (tc.end - tc.start)) : 0;
      ImVec2 p = ImGui::GetItemRectMin(), q = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, q.y - 2), ImVec2(p.x + (q.x - p.x) * progress, q.y),
                                                ctx.palette.seek_fill);
      if (session.follow && shown_chapter_ != c) ImGui::SetScrollHereY(0.3f);
      shown_chapter_ = c;
    }
  }
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::BeginChild("chapter_detail");
  if (current) {
    const auto& ch = ep.chapters[*current];
    ImGui::TextColored(ImColor(ctx.palette.chapter), "%s", ch.title.c_str());
    for (const auto& e : ch.subtopics) ctx.wrapped_text(e.text, 12.0f * float(e.depth + 1));
    if (!ch.summary.empty()) {
      ImGui::Spacing();
      ImGui::TextColored(ImColor(ctx.palette.dim), "Summary");
      for (const auto& e : ch.summary) ctx.wrapped_text(std::string(kMiddleDot) + " " + e.text, 12.0f * float(e.depth + 1));
    }
  }
  ImGui::EndChild();
}

}  // namespace tingdu::ui
