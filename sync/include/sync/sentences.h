// A turn's text as sentences and clauses, by ICU's break rules for the text's language rather
// than hand-written punctuation rules: "他说。是吗？" is two sentences; "Mr. Smith left." is one
// (English abbreviations are suppressed); a text with no sentence end at all is one sentence.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace tingdu::sync {

// [begin, end) bytes of a UTF-8 text.
struct TextSpan {
  std::uint32_t begin = 0, end = 0;
  std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
};

// The sentences of `text`, in order, covering every character that is not white space between
// them (leading and trailing white space of each is left out). Empty for a blank text.
std::vector<TextSpan> split_sentences(std::string_view text);

// Where `span` of `text` may be cut between clauses: offsets just after a character that ends a
// clause (Unicode's Terminal_Punctuation: "，" "；" "：" "," ";" ...) where ICU's line breaking
// allows a break. Neither the span's start nor its end is included.
std::vector<std::uint32_t> clause_breaks(std::string_view text, TextSpan span);

}  // namespace tingdu::sync
