#include "line_patterns.h"

#include "sync/time_format.h"
#include "text_util.h"

namespace tingdu::sync::lines {
namespace {

constexpr std::string_view kFullColon = "\xEF\xBC\x9A";  // ：

// Strips one trailing ':' or '：'; false when there is none.
bool strip_colon_suffix(std::string_view& s) {
  if (s.ends_with(':')) { s.remove_suffix(1); return true; }
  if (s.ends_with(kFullColon)) { s.remove_suffix(kFullColon.size()); return true; }
  return false;
}

bool strip_colon_prefix(std::string_view& s) {
  if (s.starts_with(':')) { s.remove_prefix(1); return true; }
  if (s.starts_with(kFullColon)) { s.remove_prefix(kFullColon.size()); return true; }
  return false;
}

bool plausible_speaker(std::string_view name) {
  name = text::trim(name);
  if (name.empty() || text::count_code_points(name) > kMaxSpeakerChars) return false;
  if (name.front() >= '0' && name.front() <= '9') return false;
  // Sentence punctuation means this colon ends a sentence's lead-in, not a name.
  for (std::string_view p : {".", "?", "!", ",", "\xE3\x80\x82", "\xEF\xBC\x8C", "\xEF\xBC\x9F",
                             "\xEF\xBC\x81", "[", "]", "*", "\"", "<", ">"})
    if (name.find(p) != std::string_view::npos) return false;
  return true;
}

}  // namespace

std::string_view strip_bold(std::string_view s) {
  s = text::trim(s);
  if (s.size() >= 4 && s.starts_with("**") && s.ends_with("**")) s = s.substr(2, s.size() - 4);
  return text::trim(s);
}

std::optional<TurnLabel> bold_turn(std::string_view line) {
  line = text::trim(line);
  if (!line.starts_with("**")) return std::nullopt;
  auto close = line.find("**", 2);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inner = text::trim(line.substr(2, close - 2));
  std::string_view rest = line.substr(close + 2);
  if (!strip_colon_suffix(inner) && !strip_colon_prefix(rest)) return std::nullopt;
  inner = text::trim(inner);
  if (!plausible_speaker(inner)) return std::nullopt;
  return TurnLabel{inner, text::trim(rest)};
}

std::optional<TurnLabel> plain_turn(std::string_view line) {
  line = text::trim(line);
  auto ascii = line.find(':');
  auto full = line.find(kFullColon);
  auto colon = std::min(ascii, full);
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view name = text::trim(line.substr(0, colon));
  if (!plausible_speaker(name)) return std::nullopt;
  std::size_t after = colon + (colon == full ? kFullColon.size() : 1);
  // "Note:text" without a space is more often a URL scheme or a ratio than a speaker.
  if (colon == ascii && after < line.size() && line[after] != ' ' && line[after] != '\t')
    return std::nullopt;
  return TurnLabel{name, text::trim(line.substr(after))};
}

std::optional<std::string_view> cut_bold_label(std::string_view line) {
  line = text::trim(line);
  if (!line.starts_with("**") || line.find("**", 2) != std::string_view::npos) return std::nullopt;
  std::string_view name = text::trim(line.substr(2));
  if (name.empty() || text::count_code_points(name) > kMaxSpeakerChars) return std::nullopt;
  return name;
}

std::optional<TimedTitle> timed_title(std::string_view text) {
  text = text::trim(text);
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  std::size_t end = 0;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == ':' ||
                               text[end] == '.'))
    ++end;
  std::string_view time_text = text.substr(0, end);
  if (time_text.find(':') == std::string_view::npos) return std::nullopt;
  std::string_view title = text::trim(text.substr(end));
  for (std::string_view dash : {"-", "\xE2\x80\x93", "\xE2\x80\x94", ":", "\xEF\xBC\x9A", "|"}) {
    if (title.starts_with(dash)) {
      title = text::trim(title.substr(dash.size()));
      break;
    }
  }
  return TimedTitle{time_text, parse_clock(time_text), title};
}

std::optional<TimedTitle> timed_heading(std::string_view line) {
  line = text::trim(line);
  if (line.starts_with("####")) {
    while (line.starts_with('#')) line.remove_prefix(1);
    return timed_title(line);
  }
  if (line.size() < 4 || !line.starts_with("**") || !line.ends_with("**")) return std::nullopt;
  return timed_title(strip_bold(line));
}

std::optional<TreeLine> tree_line(std::string_view line) {
  static constexpr std::string_view kIndents[] = {"\xE2\x94\x82   ", "    ", "|   "};  // "│   "
  static constexpr std::string_view kBranches[] = {"\xE2\x94\x9C\xE2\x94\x80\xE2\x94\x80",  // ├──
                                                   "\xE2\x94\x94\xE2\x94\x80\xE2\x94\x80",  // └──
                                                   "|--", "`--", "+--"};
  int depth = 0;
  for (bool more = true; more;) {
    more = false;
    for (auto indent : kIndents)
      if (line.starts_with(indent)) {
        line.remove_prefix(indent.size());
        ++depth;
        more = true;
        break;
      }
  }
  for (auto branch : kBranches)
    if (line.starts_with(branch)) return TreeLine{depth, text::trim(line.substr(branch.size()))};
  line = text::trim(line);
  if (depth == 0 && !line.empty()) return TreeLine{-1, line};
  return std::nullopt;
}

std::optional<Bullet> bullet(std::string_view line) {
  int indent = 0;
  std::size_t i = 0;
  for (; i < line.size() && (line[i] == ' ' || line[i] == '\t'); ++i) indent += line[i] == '\t' ? 4 : 1;
  if (i + 1 >= line.size()) return std::nullopt;
  char mark = line[i];
  if ((mark != '*' && mark != '-' && mark != '+') || (line[i + 1] != ' ' && line[i + 1] != '\t'))
    return std::nullopt;
  return Bullet{indent, text::trim(line.substr(i + 1))};
}

std::optional<std::string_view> section_heading(std::string_view line) {
  if (!line.starts_with("## ")) return std::nullopt;
  return strip_bold(line.substr(3));
}

bool part_heading(std::string_view line) { return line.starts_with("### "); }

}  // namespace tingdu::sync::lines
