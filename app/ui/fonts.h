// The window's font: a CJK font found through fontconfig, loaded into Dear ImGui's atlas with
// only the glyphs the episode uses (the full CJK block would need a huge texture).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace tingdu::ui {

struct FontFile {
  std::string path;
  int face_index = 0;  // inside a .ttc collection
  std::string family;
};

// Noto Sans CJK SC, then WenQuanYi (Zen Hei / Micro Hei), then any font fontconfig says covers
// Chinese. nullopt when there is none.
std::optional<FontFile> find_cjk_font();

// Owns the glyph ranges ImGui keeps pointing at until the atlas is rebuilt.
class FontSet {
 public:
  // Replaces io.Fonts' contents with `file` at `pixel_size`, covering ASCII, common punctuation
  // and every character in `texts`. Builds the atlas. Returns the font (nullptr on failure,
  // with ImGui's default font loaded instead).
  ImFont* load(ImGuiIO& io, const FontFile& file, float pixel_size, const std::vector<std::string_view>& texts);

 private:
  ImVector<ImWchar> ranges_;
};

}  // namespace tingdu::ui
