// Shortening text for messages and listings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tingdu::sync {

// At most `max_chars` code points of UTF-8 `s`, with "…" appended when cut.
std::string excerpt(std::string_view s, std::size_t max_chars = 40);

// Columns UTF-8 `s` takes in a terminal: East Asian wide and fullwidth characters (Han, kana,
// "ＧＰＵ") take 2, combining marks and format characters 0, the rest 1 (ICU's properties).
std::size_t display_width(std::string_view s);
// `s` padded with spaces to exactly `width` columns, cut with "…" when wider.
std::string pad_to_width(std::string_view s, std::size_t width);

}  // namespace tingdu::sync
