// Shortening text for messages and listings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tingdu::sync {

// At most `max_chars` code points of UTF-8 `s`, with "…" appended when cut.
std::string excerpt(std::string_view s, std::size_t max_chars = 40);

}  // namespace tingdu::sync
