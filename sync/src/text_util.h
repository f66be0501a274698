// Small text helpers shared by the readers (internal to sync/). Everything works on UTF-8
// string_views and never allocates per character.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sync/excerpt.h"

namespace tingdu::sync::text {

// One line of the input: its text without the line end ("\n", "\r\n" or a lone "\r"), and its
// 1-based number.
struct Line {
  std::string_view text;
  int number = 0;
};

std::vector<Line> split_lines(std::string_view text);

// ASCII and the Unicode spaces transcripts use (U+00A0, U+3000) trimmed from both ends.
std::string_view trim(std::string_view s);

// Number of code points in valid UTF-8.
std::size_t count_code_points(std::string_view s);

// 1-based line and column (in code points) of a byte offset into `text`.
struct Position {
  int line = 1;
  int column = 1;
};
Position position_of(std::string_view text, std::size_t byte_offset);

// Han, Hiragana, Katakana or Hangul: the scripts spoken one syllable per character.
bool is_cjk(int32_t code_point);

// Removes one leading "…" (U+2026) or run of "..." / "。。。" and the spaces after it.
// Returns true when something was removed.
bool strip_leading_ellipsis(std::string_view& s);

using sync::excerpt;

}  // namespace tingdu::sync::text
