#include "notices.h"

#include "ui_glyphs.h"

namespace tingdu::ui {

void Notices::show(std::string text, std::string action_label, std::function<void()> action) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                      std::chrono::duration<double>(kShowSeconds));
  notice_ = Notice{std::move(text), std::move(action_label), std::move(action), until};
}

bool Notices::run_action() {
  if (!notice_) return false;
  auto action = std::move(notice_->action);
  notice_.reset();
  if (action) action();
  return true;
}

void Notices::draw(const ViewContext& ctx, float right, float top) {
  if (notice_ && std::chrono::steady_clock::now() > notice_->until && !hovered_) notice_.reset();
  const auto& errors = ctx.session.errors();
  if (errors.empty() && !notice_) return;
  const float width = std::min(ctx.font_size * 28, right - 20);
  ImGui::SetNextWindowPos(ImVec2(right - 12, top + 12), ImGuiCond_Always, ImVec2(1, 0));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::SetNextWindowBgAlpha(1.0f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(ImColor(ctx.palette.notice_bg)));
  ImGui::Begin("##notices", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  const std::string dismiss = std::string(kTimes);
  std::optional<std::size_t> dismissed;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(ImColor(ctx.palette.error)));
    ImGui::PushTextWrapPos(width - button_width(dismiss.c_str()) - 24);
    ImGui::TextWrapped("%s", errors[i].c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SameLine(width - button_width(dismiss.c_str()) - 12);
    if (ImGui::SmallButton(dismiss.c_str())) dismissed = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("dismiss");
    ImGui::PopID();
  }
  if (dismissed) ctx.session.dismiss_error(*dismissed);
  if (notice_) {
    if (!errors.empty()) ImGui::Separator();
    ImGui::TextWrapped("%s", notice_->text.c_str());
    bool act = !notice_->action_label.empty() && ImGui::Button(notice_->action_label.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton((dismiss + "##notice").c_str())) notice_.reset();
    if (act) run_action();
  }
  hovered_ = ImGui::IsWindowHovered();  // a notice stays while the pointer is on it
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace tingdu::ui
