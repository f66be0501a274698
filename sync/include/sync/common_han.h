// The characters a Chinese reader types every day, as Unicode code points: GB 2312's whole
// repertoire (its 6,763 Han characters, levels 1 and 2, and its 682 symbols: full-width Latin,
// CJK punctuation, kana, Greek, Cyrillic, box drawing), read from ICU's GB 18030 converter,
// whose two-byte codes GB 2312 keeps. For fonts that must show whatever a listener may type.
#pragma once

#include <vector>

namespace tingdu::sync {

// Sorted, without duplicates; ASCII is not in it (GB 2312 leaves it to the one-byte range).
// Empty when ICU lacks the converter (it ships with ICU's standard data).
const std::vector<char32_t>& gb2312_characters();

// How many of gb2312_characters() are Han characters (U+4E00..U+9FFF): 6,763.
inline constexpr std::size_t kGb2312HanCount = 6763;

}  // namespace tingdu::sync
