#include "pinyin_index.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace tingdu::sync {

std::optional<PinyinText::Range> PinyinText::find(const std::string& letters) const {
  if (letters.empty()) return std::nullopt;
  auto starts_before = [](const Syllable& s, int32_t at) { return s.letters_at < at; };
  for (auto at = letters_.find(letters); at != std::string::npos; at = letters_.find(letters, at + 1)) {
    auto first = std::lower_bound(syllables_.begin(), syllables_.end(), int32_t(at), starts_before);
    if (first == syllables_.end() || first->letters_at != int32_t(at)) continue;  // mid-syllable
    // The syllable holding the last letter: the match may end inside it (a prefix). The query
    // has no space, so the match never crosses from one run into the next.
    auto last = std::lower_bound(first, syllables_.end(), int32_t(at + letters.size()), starts_before) - 1;
    return Range{first->begin, last->end};
  }
  return std::nullopt;
}

PinyinReader::PinyinReader() {
  UErrorCode err = U_ZERO_ERROR;
  han_latin_.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, err));
  if (U_FAILURE(err)) han_latin_.reset();
}

PinyinReader::~PinyinReader() = default;

const std::string& PinyinReader::syllable(UChar32 c) {
  auto [it, fresh] = cache_.try_emplace(c);
  UErrorCode err = U_ZERO_ERROR;
  if (fresh && han_latin_ && uscript_getScript(c, &err) == USCRIPT_HAN) {
    icu::UnicodeString s(c);
    han_latin_->transliterate(s);
    for (int32_t i = 0; i < s.length(); ++i)
      if (char16_t ch = s[i]; ch >= u'a' && ch <= u'z') it->second += char(ch);
  }
  return it->second;  // "" for anything that is not Han with a reading
}

PinyinText PinyinReader::read(const icu::UnicodeString& text) {
  PinyinText out;
  bool in_run = false;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    int32_t next = text.moveIndex32(i, 1);
    const std::string& s = syllable(c);
    if (s.empty()) {
      in_run = false;
    } else {
      if (!in_run && !out.letters_.empty()) out.letters_ += ' ';
      in_run = true;
      out.syllables_.push_back({int32_t(out.letters_.size()), i, next});
      out.letters_ += s;
    }
    i = next;
  }
  return out;
}

std::optional<std::string> pinyin_query(const icu::UnicodeString& query) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  if (U_FAILURE(err)) return std::nullopt;
  icu::UnicodeString folded = nfkd->normalize(icu::UnicodeString(query).foldCase(), err);
  if (U_FAILURE(err)) return std::nullopt;
  std::string letters;
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    UChar32 c = folded.char32At(i);
    if (c >= 'a' && c <= 'z') letters += char(c);
    else if (!u_isUWhiteSpace(c) && u_charType(c) != U_NON_SPACING_MARK) return std::nullopt;
  }
  if (letters.empty()) return std::nullopt;
  return letters;
}

}  // namespace tingdu::sync
