// Han text by its pinyin, for search (internal to sync/). Each Han character is read alone by
// ICU's Han-Latin transliterator without tone marks ("特斯拉" -> "te si la"): Han-Latin gives
// the same syllable in every context (银行 -> "yin xing", 长大 -> "zhang da"; checked on ICU 72),
// so reading whole runs would gain nothing, and one cache entry per distinct character makes
// the bundled episode's index cheap.
//
// Contract: a query matches when its letters (spaces ignored) equal the pinyin of consecutive
// Han characters of one run (punctuation, spaces and Latin end a run), starting at a syllable's
// start; the last syllable may be cut short (incremental typing: "tesi" finds 特斯, "tes" too),
// so "esi" does not find 特斯 but "tesil" finds 特斯拉.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace tingdu::sync {

// The pinyin of one text's Han characters and where each syllable came from.
class PinyinText {
 public:
  // The UTF-16 range [begin, end) of the text that the first match of `letters` covers.
  struct Range {
    int32_t begin = 0, end = 0;
  };
  std::optional<Range> find(const std::string& letters) const;
  bool empty() const { return syllables_.empty(); }

 private:
  friend class PinyinReader;
  struct Syllable {
    int32_t letters_at;      // offset in letters_
    int32_t begin, end;      // UTF-16 range of its Han character in the text
  };
  std::string letters_;      // lower-case a-z; runs separated by one space
  std::vector<Syllable> syllables_;
};

// Builds PinyinTexts, caching the reading of each character (one reader per thread).
class PinyinReader {
 public:
  PinyinReader();
  ~PinyinReader();
  PinyinText read(const icu::UnicodeString& text);

 private:
  const std::string& syllable(UChar32 c);
  std::unique_ptr<icu::Transliterator> han_latin_;  // null when ICU lacks the rules
  std::unordered_map<UChar32, std::string> cache_;
};

// The letters a query spells ("Te Si La", "ｔｅｓｉｌａ", "tèsīlā" -> "tesila"): case, width and
// accents folded, spaces dropped. Nothing when it holds anything but Latin letters and spaces.
std::optional<std::string> pinyin_query(const icu::UnicodeString& query);

}  // namespace tingdu::sync
