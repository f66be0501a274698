#include "sync/format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "line_patterns.h"
#include "text_util.h"

namespace tingdu::sync {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 7> kNames{{
    {Format::markdown, "markdown"},
    {Format::srt, "srt"},
    {Format::vtt, "vtt"},
    {Format::lrc, "lrc"},
    {Format::podcast_json, "json"},
    {Format::chapters_json, "chapters-json"},
    {Format::plain, "plain"},
}};

std::string lower_extension(std::string_view name) {
  auto dot = name.rfind('.');
  auto slash = name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

// The first few non-blank lines decide; a transcript shows its shape early.
constexpr std::size_t kSniffLines = 40;

Format sniff(std::string_view text) {
  std::string_view t = text::trim(text);
  if (t.starts_with("WEBVTT")) return Format::vtt;
  if (t.starts_with('{')) return t.find("\"chapters\"") != std::string_view::npos &&
                                         t.find("\"segments\"") == std::string_view::npos
                                     ? Format::chapters_json
                                     : Format::podcast_json;
  std::size_t seen = 0;
  bool srt_number = false;
  for (const auto& line : text::split_lines(text.substr(0, std::min<std::size_t>(text.size(), 1 << 16)))) {
    std::string_view l = text::trim(line.text);
    if (l.empty()) continue;
    if (++seen > kSniffLines) break;
    if (srt_number && l.find("-->") != std::string_view::npos) return Format::srt;
    srt_number = std::all_of(l.begin(), l.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (l.starts_with('[') && l.size() > 3 && l[1] >= '0' && l[1] <= '9') return Format::lrc;
    if (lines::bold_turn(l) || lines::section_heading(l)) return Format::markdown;
  }
  return Format::plain;
}

}  // namespace

std::string_view format_name(Format f) {
  for (auto [format, name] : kNames)
    if (format == f) return name;
  return "unknown";
}

std::optional<Format> format_from_name(std::string_view name) {
  for (auto [format, n] : kNames)
    if (n == name) return format;
  if (name == "md") return Format::markdown;
  if (name == "webvtt") return Format::vtt;
  if (name == "txt") return Format::plain;
  return std::nullopt;
}

Format detect_format(std::string_view file_name, std::string_view utf8_text) {
  std::string ext = lower_extension(file_name);
  if (ext == "srt") return Format::srt;
  if (ext == "vtt") return Format::vtt;
  if (ext == "lrc") return Format::lrc;
  if (ext == "md" || ext == "markdown") return Format::markdown;
  Format sniffed = sniff(utf8_text);
  if (ext == "json" && sniffed != Format::chapters_json) return Format::podcast_json;
  return sniffed;
}

}  // namespace tingdu::sync
