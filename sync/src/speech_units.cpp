#include "sync/speech_units.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>

#include "text_util.h"

namespace tingdu::sync {
namespace {

// The ICU iterators are costly to create; one pair per thread is reused (cloned from ICU's
// cached rules the first time).
struct Iterators {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> graphemes;
  Iterators() {
    UErrorCode err = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
    err = U_ZERO_ERROR;
    graphemes.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  }
};

}  // namespace

double spoken_units(std::string_view text, const SpeechWeights& weights) {
  thread_local Iterators it;
  if (!it.words || !it.graphemes) return 0;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
  it.words->setText(u);
  double units = 0;
  int32_t start = it.words->first();
  for (int32_t end = it.words->next(); end != icu::BreakIterator::DONE; start = end, end = it.words->next()) {
    int32_t status = it.words->getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
      units += weights.number;
      continue;
    }
    if (text::is_cjk(u.char32At(start))) {
      icu::UnicodeString word(u, start, end - start);
      it.graphemes->setText(word);
      int32_t clusters = 0;
      for (int32_t b = it.graphemes->next(); b != icu::BreakIterator::DONE; b = it.graphemes->next()) ++clusters;
      units += weights.cjk_grapheme * clusters;
    } else {
      units += weights.latin_word;
    }
  }
  return units;
}

}  // namespace tingdu::sync
