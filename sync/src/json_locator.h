// Where things are in a JSON text (internal to sync/): nlohmann's DOM has no positions, so
// diagnostics about "segments[12]" find that element's line here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tingdu::sync {

class JsonLocator {
 public:
  explicit JsonLocator(std::string_view text);

  // 1-based line of the index-th element of the array under the root object's key `key`;
  // 0 when not found.
  int line_of(std::string_view key, std::size_t index) const;

  // Greatest nesting of arrays and objects.
  int max_depth() const { return max_depth_; }

 private:
  struct Element {
    std::string key;   // root-level key whose array holds it
    int line;
  };
  std::vector<Element> elements_;
  int max_depth_ = 0;
};

}  // namespace tingdu::sync
