// The window's font: a CJK font found through fontconfig, loaded into Dear ImGui's atlas with
// the glyphs the episode uses and every character of GB 2312 (what a listener may type or open
// next; the whole CJK block would need a huge texture). The built atlas is cached on disk
// (atlas_cache.h), so only the first start with a font, size or glyph set pays for it.
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
  // Replaces io.Fonts' contents with `file` at `pixel_size`, covering ASCII, common punctuation,
  // GB 2312 and every character in `texts`: read from the atlas cache, else built (and then
  // cached). Returns the font (nullptr on failure, with ImGui's default font loaded instead).
  ImFont* load(ImGuiIO& io, const FontFile& file, float pixel_size, const std::vector<std::string_view>& texts);

  // Whether the last load() read the atlas from the cache; what went wrong saving it ("" if nothing).
  bool from_cache() const { return from_cache_; }
  const std::string& save_error() const { return save_error_; }

 private:
  ImVector<ImWchar> ranges_;
  bool from_cache_ = false;
  std::string save_error_;
};

}  // namespace tingdu::ui
