#include "json_locator.h"

namespace tingdu::sync {

JsonLocator::JsonLocator(std::string_view text) {
  int depth = 0, line = 1;
  bool in_string = false, escaped = false;
  std::string last_root_key;   // the last string seen at depth 1 (a key of the root object)
  std::string current;         // the string being read, at depth 1 only
  bool element_expected = false;  // just after '[' or ',' inside a root-level array
  bool in_root_array = false;     // the depth-2 container is an array (not an object)
  for (char c : text) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') {
        in_string = false;
        if (depth == 1) last_root_key = current;
      } else if (depth == 1) {
        current += c;
      }
      continue;
    }
    if (element_expected && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      elements_.push_back({last_root_key, line});
      element_expected = false;
    }
    switch (c) {
      case '"':
        in_string = true;
        current.clear();
        break;
      case '{':
      case '[':
        ++depth;
        if (depth > max_depth_) max_depth_ = depth;
        if (depth == 2) in_root_array = element_expected = (c == '[');
        break;
      case '}':
      case ']':
        element_expected = false;
        --depth;
        break;
      case ',':
        if (depth == 2 && in_root_array) element_expected = true;
        break;
      default: break;
    }
  }
}

int JsonLocator::line_of(std::string_view key, std::size_t index) const {
  std::size_t seen = 0;
  for (const Element& e : elements_)
    if (e.key == key && seen++ == index) return e.line;
  return 0;
}

}  // namespace tingdu::sync
