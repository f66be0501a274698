#include "fonts.h"

#include <fontconfig/fontconfig.h>

#include "atlas_cache.h"
#include "sync/common_han.h"
#include "ui_glyphs.h"

namespace tingdu::ui {
namespace {

// The first installed font matching `pattern_text` (a fontconfig pattern) that has CJK glyphs.
std::optional<FontFile> match(const char* pattern_text, bool require_family) {
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(pattern_text));
  if (!pattern) return std::nullopt;
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* found = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (!found) return std::nullopt;
  std::optional<FontFile> out;
  FcChar8 *file = nullptr, *family = nullptr;
  int index = 0;
  FcCharSet* charset = nullptr;
  if (FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch &&
      FcPatternGetCharSet(found, FC_CHARSET, 0, &charset) == FcResultMatch && FcCharSetHasChar(charset, 0x4E2D)) {  // 中
    FcPatternGetInteger(found, FC_INDEX, 0, &index);
    FcPatternGetString(found, FC_FAMILY, 0, &family);
    std::string fam = family ? reinterpret_cast<const char*>(family) : "";
    std::string wanted = pattern_text;
    wanted = wanted.substr(0, wanted.find(':'));
    if (!require_family || fam.find(wanted) != std::string::npos)
      out = FontFile{reinterpret_cast<const char*>(file), index, fam};
  }
  FcPatternDestroy(found);
  return out;
}

}  // namespace

std::optional<FontFile> find_cjk_font() {
  if (!FcInit()) return std::nullopt;
  for (const char* name : {"Noto Sans CJK SC:style=Regular", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"})
    if (auto f = match(name, true)) return f;
  return match(":lang=zh", false);
}

ImFont* FontSet::load(ImGuiIO& io, const FontFile& file, float pixel_size, const std::vector<std::string_view>& texts) {
  io.Fonts->Clear();
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
  builder.AddText(kUiGlyphs);
  // What a listener may type into search or find in another transcript or a feed: GB 2312's
  // characters and symbols, the rest of CJK punctuation and full-width forms ("ｇｐｕ"), and
  // general punctuation and currency signs ("–", "‘’", "€" in episode titles).
  for (char32_t c : sync::gb2312_characters()) builder.AddChar(ImWchar(c));
  static const ImWchar kTyping[] = {0x2000, 0x206F, 0x20A0, 0x20CF, 0x3000, 0x303F, 0xFF00, 0xFFEF, 0};
  builder.AddRanges(kTyping);
  for (auto t : texts) builder.AddText(t.data(), t.data() + t.size());
  ranges_.clear();
  builder.BuildRanges(&ranges_);

  const std::filesystem::path cached = atlas_cache_path(file, pixel_size, ranges_);
  if (!cached.empty())
    if (ImFont* font = load_cached_atlas(*io.Fonts, cached)) {
      from_cache_ = true;
      return font;
    }
  from_cache_ = false;
  ImFontConfig config;
  config.FontNo = file.face_index;
  config.OversampleH = 1;  // CJK glyphs are dense; horizontal oversampling would double the atlas
  config.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromFileTTF(file.path.c_str(), pixel_size, &config, ranges_.Data);
  if (!font) {
    io.Fonts->AddFontDefault();
    io.Fonts->Build();
    return nullptr;
  }
  io.Fonts->Build();
  if (!cached.empty()) save_error_ = save_atlas(*io.Fonts, cached);
  return font;
}

}  // namespace tingdu::ui
