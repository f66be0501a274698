#include "xml_util.h"

#include <algorithm>

namespace tingdu::feeds {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (const auto& c : node.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

std::string collapse(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool looks_like_html(std::string_view t) {
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  while (true) {
    auto b = t.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return false;
    t.remove_prefix(b);
    if (t.substr(0, 4) != "<!--") break;
    auto end = t.find("-->");
    if (end == std::string_view::npos) return false;
    t.remove_prefix(end + 3);
  }
  std::string head = lower(t.substr(0, 14));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

std::string load_xml(pugi::xml_document& doc, std::string_view text, const std::string& source, const std::string& expected) {
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), pugi::parse_default);
  if (parsed) return {};
  return source + ":" + line_column(text, std::size_t(parsed.offset)) + ": not well-formed XML (" + parsed.description() +
         "); " + expected;
}

std::string line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1 + std::size_t(std::count(text.begin(), text.begin() + std::ptrdiff_t(offset), '\n'));
  std::size_t bol = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  std::size_t column = bol == std::string_view::npos || offset == 0 ? offset + 1 : offset - bol;
  return std::to_string(line) + ":" + std::to_string(column);
}

void Notes::add(std::string note) {
  if (notes_.size() < kMax) notes_.push_back(std::move(note));
  else ++dropped_;
}

std::vector<std::string> Notes::take() {
  if (dropped_) notes_.push_back("... and " + std::to_string(dropped_) + " more notes like these");
  dropped_ = 0;
  return std::move(notes_);
}

}  // namespace tingdu::feeds
