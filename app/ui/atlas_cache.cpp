#include "atlas_cache.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <system_error>

#include "sync/atomic_file.h"
#include "sync/state_dir.h"

namespace tingdu::ui {
namespace {

constexpr char kMagic[8] = {'T', 'D', 'A', 'T', 'L', 'S', '1', '\n'};
constexpr int kMaxSide = 16384;  // past any texture a GL driver takes

// Fixed-size part of the file; glyphs (raw ImFontGlyph) and the alpha texture follow.
struct Header {
  char magic[8];
  std::uint32_t imgui_version;  // IMGUI_VERSION_NUM: ImFontGlyph's layout is ImGui's own
  std::uint32_t glyph_bytes;    // sizeof(ImFontGlyph)
  std::int32_t width, height;
  float white[2];
  float lines[IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1][4];
  float font_size, ascent, descent;
  std::uint32_t fallback_char, ellipsis_char, dot_char;
  std::uint32_t glyph_count;
};

// FNV-1a, 64 bits: stable across runs and builds (std::hash need not be).
std::uint64_t fnv1a(const void* data, std::size_t n, std::uint64_t h = 0xcbf29ce484222325ull) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

}  // namespace

std::filesystem::path atlas_cache_path(const FontFile& file, float pixel_size, const ImVector<ImWchar>& ranges) {
  std::filesystem::path dir = sync::cache_dir();
  if (dir.empty()) return {};
  std::error_code ec;
  auto size = std::filesystem::file_size(file.path, ec);
  auto mtime = std::filesystem::last_write_time(file.path, ec).time_since_epoch().count();
  std::string what = file.path + '\n' + std::to_string(size) + '\n' + std::to_string(mtime) + '\n' +
                     std::to_string(file.face_index) + '\n' + std::to_string(pixel_size) + '\n' +
                     std::to_string(IMGUI_VERSION_NUM) + '\n';
  std::uint64_t h = fnv1a(what.data(), what.size());
  h = fnv1a(ranges.Data, std::size_t(ranges.Size) * sizeof(ImWchar), h);
  char name[40];
  std::snprintf(name, sizeof name, "%016llx.atlas", static_cast<unsigned long long>(h));
  return dir / "atlas" / name;
}

ImFont* load_cached_atlas(ImFontAtlas& atlas, const std::filesystem::path& path) {
  atlas.Clear();
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  Header h{};
  if (!in.read(reinterpret_cast<char*>(&h), sizeof h) || std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 ||
      h.imgui_version != IMGUI_VERSION_NUM || h.glyph_bytes != sizeof(ImFontGlyph) || h.width <= 0 || h.height <= 0 ||
      h.width > kMaxSide || h.height > kMaxSide || h.glyph_count == 0 || h.glyph_count > 0x110000)
    return nullptr;
  ImVector<ImFontGlyph> glyphs;
  glyphs.resize(int(h.glyph_count));
  const std::size_t pixels = std::size_t(h.width) * std::size_t(h.height);
  // Read straight into the buffer the atlas will own (IM_FREE'd by ImGui): no second copy.
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> alpha(static_cast<unsigned char*>(IM_ALLOC(pixels)),
                                                                 [](unsigned char* p) { IM_FREE(p); });
  if (!in.read(reinterpret_cast<char*>(glyphs.Data), std::streamsize(h.glyph_count * sizeof(ImFontGlyph))) ||
      !in.read(reinterpret_cast<char*>(alpha.get()), std::streamsize(pixels)) || in.peek() != EOF)
    return nullptr;
  for (const ImFontGlyph& g : glyphs)
    if (g.U0 < 0 || g.U1 > 1 || g.V0 < 0 || g.V1 > 1) return nullptr;

  ImFont* font = IM_NEW(ImFont);
  font->ContainerAtlas = &atlas;
  font->FontSize = h.font_size;
  font->Ascent = h.ascent;
  font->Descent = h.descent;
  font->FallbackChar = ImWchar(h.fallback_char);
  font->EllipsisChar = ImWchar(h.ellipsis_char);
  font->DotChar = ImWchar(h.dot_char);
  font->Glyphs.swap(glyphs);
  font->BuildLookupTable();
  atlas.Fonts.push_back(font);
  atlas.TexPixelsAlpha8 = alpha.release();
  atlas.TexWidth = h.width;
  atlas.TexHeight = h.height;
  atlas.TexUvScale = ImVec2(1.0f / float(h.width), 1.0f / float(h.height));
  atlas.TexUvWhitePixel = ImVec2(h.white[0], h.white[1]);
  for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; ++i)
    atlas.TexUvLines[i] = ImVec4(h.lines[i][0], h.lines[i][1], h.lines[i][2], h.lines[i][3]);
  atlas.TexReady = true;
  return font;
}

std::string save_atlas(const ImFontAtlas& atlas, const std::filesystem::path& path) {
  if (atlas.Fonts.Size != 1 || !atlas.TexPixelsAlpha8) return "the atlas is not a built one-font atlas";
  const ImFont& font = *atlas.Fonts[0];
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.imgui_version = IMGUI_VERSION_NUM;
  h.glyph_bytes = sizeof(ImFontGlyph);
  h.width = atlas.TexWidth;
  h.height = atlas.TexHeight;
  h.white[0] = atlas.TexUvWhitePixel.x;
  h.white[1] = atlas.TexUvWhitePixel.y;
  for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; ++i) {
    const ImVec4& l = atlas.TexUvLines[i];
    h.lines[i][0] = l.x, h.lines[i][1] = l.y, h.lines[i][2] = l.z, h.lines[i][3] = l.w;
  }
  h.font_size = font.FontSize;
  h.ascent = font.Ascent;
  h.descent = font.Descent;
  h.fallback_char = font.FallbackChar;
  h.ellipsis_char = font.EllipsisChar;
  h.dot_char = font.DotChar;
  h.glyph_count = std::uint32_t(font.Glyphs.Size);
  return sync::write_file_atomically(
      path, {std::string_view(reinterpret_cast<const char*>(&h), sizeof h),
             std::string_view(reinterpret_cast<const char*>(font.Glyphs.Data), font.Glyphs.Size * sizeof(ImFontGlyph)),
             std::string_view(reinterpret_cast<const char*>(atlas.TexPixelsAlpha8),
                              std::size_t(atlas.TexWidth) * std::size_t(atlas.TexHeight))});
}

}  // namespace tingdu::ui
