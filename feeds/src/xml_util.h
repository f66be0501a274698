// Helpers shared by the RSS and OPML readers.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tingdu::feeds {

// ASCII lower case (MIME types, element names, URI schemes).
std::string lower(std::string_view s);
// All the text inside an element (text and CDATA children, in order); "" for a null node.
std::string text_of(const pugi::xml_node& node);
// Runs of whitespace as one space, none at the ends (titles written over several lines).
std::string collapse(const std::string& s);
// True when the text starts (after a byte order mark, whitespace and comments) like an HTML page:
// "<!DOCTYPE html" or "<html", in any case.
bool looks_like_html(std::string_view text);
// "LINE:COLUMN" (both from 1) of a byte offset into `text`.
std::string line_column(std::string_view text, std::size_t offset);

// Parses `text` into `doc` with pugi::parse_default (CDATA, character and predefined entity
// references, no DOCTYPE node; pugixml never reads external entities, user-defined ones stay as
// literal "&name;" text). "" on success, else "SOURCE:LINE:COL: not well-formed XML (why); EXPECTED".
std::string load_xml(pugi::xml_document& doc, std::string_view text, const std::string& source, const std::string& expected);

// Notes for the listener, at most kMax kept: a feed with 20,000 odd items gets a readable list
// and a count of the rest, not 20,000 lines.
class Notes {
 public:
  static constexpr std::size_t kMax = 20;
  void add(std::string note);
  std::vector<std::string> take();

 private:
  std::vector<std::string> notes_;
  std::size_t dropped_ = 0;
};

}  // namespace tingdu::feeds
