#include "text_util.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>


namespace tingdu::sync::text {

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back({text.substr(start, i - start), number++});
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back({text.substr(start), number});
  return lines;
}

namespace {
// Length of a space at the start (front=true) or end of s, 0 when there is none.
std::size_t space_length(std::string_view s, bool front) {
  static constexpr std::string_view kWide[] = {"\xC2\xA0", "\xE3\x80\x80"};  // NBSP, ideographic
  if (s.empty()) return 0;
  char c = front ? s.front() : s.back();
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return 1;
  for (auto w : kWide)
    if (front ? s.starts_with(w) : s.ends_with(w)) return w.size();
  return 0;
}
}  // namespace

std::string_view trim(std::string_view s) {
  while (std::size_t n = space_length(s, true)) s.remove_prefix(n);
  while (std::size_t n = space_length(s, false)) s.remove_suffix(n);
  return s;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Position position_of(std::string_view text, std::size_t byte_offset) {
  Position p;
  if (byte_offset > text.size()) byte_offset = text.size();
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < byte_offset; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = int(count_code_points(text.substr(line_start, byte_offset - line_start))) + 1;
  return p;
}

bool is_cjk(int32_t code_point) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(code_point, &err);
  return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL;
}

bool strip_leading_ellipsis(std::string_view& s) {
  std::string_view t = trim(s);
  bool stripped = false;
  for (;;) {
    if (t.starts_with("...")) t.remove_prefix(3);
    else if (t.starts_with("\xE2\x80\xA6")) t.remove_prefix(3);       // …
    else if (t.starts_with("\xE3\x80\x82\xE3\x80\x82\xE3\x80\x82")) t.remove_prefix(9);  // 。。。
    else break;
    stripped = true;
  }
  if (stripped) s = trim(t);
  return stripped;
}

}  // namespace tingdu::sync::text

namespace tingdu::sync {

namespace {

int columns_of(UChar32 c) {
  auto category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
  auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t columns = 0;
  for (int32_t i = 0; i < int32_t(s.size());) {
    UChar32 c;
    U8_NEXT(s.data(), i, int32_t(s.size()), c);
    if (c >= 0) columns += std::size_t(columns_of(c));
  }
  return columns;
}

std::string pad_to_width(std::string_view s, std::size_t width) {
  std::size_t columns = display_width(s);
  if (columns <= width) return std::string(s) + std::string(width - columns, ' ');
  std::string out;
  columns = 0;
  for (int32_t i = 0; i < int32_t(s.size());) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, int32_t(s.size()), c);
    std::size_t w = c >= 0 ? std::size_t(columns_of(c)) : 1;
    if (columns + w + 1 > width) break;  // room for the "…"
    out.append(s.data() + start, std::size_t(i - start));
    columns += w;
  }
  out += "\xE2\x80\xA6";
  return out + std::string(width - columns - 1, ' ');
}

std::string excerpt(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  while (i < s.size() && chars < max_chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++chars;
  }
  std::string out(s.substr(0, i));
  if (i < s.size()) out += "\xE2\x80\xA6";
  return out;
}

}  // namespace tingdu::sync
