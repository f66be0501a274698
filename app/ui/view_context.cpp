#include "view_context.h"

#include <algorithm>

#include "text_layout.h"
#include "ui_glyphs.h"

namespace tingdu::ui {

void ViewContext::wrapped_text(std::string_view text, float indent) const {
  float width = ImGui::GetContentRegionAvail().x - indent;
  for (const auto& [from, to] : break_lines(text, text_font(), font_size, std::max(40.0f, width))) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::TextUnformatted(text.data() + from, text.data() + to);
  }
}

std::string ellipsize(std::string_view text, float width) {
  if (ImGui::CalcTextSize(text.data(), text.data() + text.size()).x <= width) return std::string(text);
  const float room = width - ImGui::CalcTextSize(kEllipsis).x;
  std::size_t end = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    if (ImGui::CalcTextSize(text.data(), text.data() + next).x > room) break;
    end = i = next;
  }
  return std::string(text.substr(0, end)) + kEllipsis;
}

void flow_item(float width, bool first_in_row) {
  if (first_in_row) return;
  ImGui::SameLine();
  float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

float button_width(const char* label) {
  const char* end = label;
  while (*end && !(end[0] == '#' && end[1] == '#')) ++end;
  return ImGui::CalcTextSize(label, end).x + ImGui::GetStyle().FramePadding.x * 2;
}

}  // namespace tingdu::ui
