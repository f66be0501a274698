// The window's glyph atlas kept between runs. Rasterising every glyph of GB 2312 and of the
// episode (about 7,000 CJK glyphs) takes stb_truetype a few hundred milliseconds; reading the
// finished atlas back takes a few. A file under $XDG_CACHE_HOME/tingdu/atlas/ holds the alpha
// texture, the atlas's white-pixel and baked-line coordinates, and the one font's metrics and
// glyphs; its name is a hash of what the atlas was built from (font file path, size and
// modification time, face index, pixel size, glyph ranges, ImGui's version), so any change
// builds a new one. A damaged or foreign file is ignored and replaced.
#pragma once

#include <filesystem>
#include <string>

#include <imgui.h>

#include "fonts.h"

namespace tingdu::ui {

// The cache file for an atlas of `file` at `pixel_size` with `ranges` (zero-terminated pairs,
// as ImGui takes them). Empty when there is no cache folder (no HOME).
std::filesystem::path atlas_cache_path(const FontFile& file, float pixel_size, const ImVector<ImWchar>& ranges);

// Replaces `atlas`'s contents with the cached atlas at `path`: one font, with its texture in
// TexPixelsAlpha8, ready for GetTexDataAs*(). Returns the font, or nullptr (and `atlas` left
// cleared) when the file is missing, damaged or from another build.
ImFont* load_cached_atlas(ImFontAtlas& atlas, const std::filesystem::path& path);

// Writes a built one-font `atlas` to `path` atomically. Returns "" or what went wrong.
std::string save_atlas(const ImFontAtlas& atlas, const std::filesystem::path& path);

}  // namespace tingdu::ui
