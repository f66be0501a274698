#include "sync/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

namespace tingdu::sync {
namespace {

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) != 0; }

// The locale whose sentence rules fit the text: Chinese, Japanese or Korean by the first letter's
// script; otherwise English with its abbreviations suppressed ("Dr.", "e.g." end no sentence).
icu::Locale locale_for(std::string_view text) {
  for (int32_t i = 0; i < int32_t(text.size());) {
    UChar32 c;
    U8_NEXT(text.data(), i, int32_t(text.size()), c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode err = U_ZERO_ERROR;
    switch (uscript_getScript(c, &err)) {
      case USCRIPT_HAN: return icu::Locale("zh");
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA: return icu::Locale("ja");
      case USCRIPT_HANGUL: return icu::Locale("ko");
      default: return icu::Locale("en@ss=standard");
    }
  }
  return icu::Locale::getRoot();
}

// Runs `each(from, to)` over the pieces `iterator` breaks `text` into.
template <class F>
void for_each_piece(icu::BreakIterator& iterator, std::string_view text, F each) {
  UErrorCode err = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), int64_t(text.size()), &err);
  if (U_FAILURE(err)) return;
  iterator.setText(ut, err);
  int32_t from = iterator.first();
  for (int32_t to = iterator.next(); to != icu::BreakIterator::DONE; from = to, to = iterator.next()) each(from, to);
  utext_close(ut);
}

}  // namespace

std::vector<TextSpan> split_sentences(std::string_view text) {
  std::vector<TextSpan> out;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(locale_for(text), err));
  if (!it || U_FAILURE(err)) {
    if (!text.empty()) out.push_back({0, std::uint32_t(text.size())});
    return out;
  }
  for_each_piece(*it, text, [&](int32_t from, int32_t to) {
    // Trim white space (a turn's lines are joined with '\n').
    int32_t a = from, b = to;
    while (a < b) {
      int32_t at = a;
      UChar32 c;
      U8_NEXT(text.data(), at, b, c);
      if (c >= 0 && !is_space(c)) break;
      a = at;
    }
    while (b > a) {
      int32_t at = b;
      UChar32 c;
      U8_PREV(text.data(), a, at, c);
      if (c >= 0 && !is_space(c)) break;
      b = at;
    }
    if (b > a) out.push_back({std::uint32_t(a), std::uint32_t(b)});
  });
  return out;
}

std::vector<std::uint32_t> clause_breaks(std::string_view text, TextSpan span) {
  std::vector<std::uint32_t> out;
  std::string_view piece = span.of(text);
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createLineInstance(locale_for(piece), err));
  if (!it || U_FAILURE(err)) return out;
  for_each_piece(*it, piece, [&](int32_t, int32_t to) {
    if (to >= int32_t(piece.size())) return;
    // The last character before the break, skipping the spaces a Latin break leaves there.
    int32_t at = to;
    UChar32 c = 0;
    while (at > 0) {
      U8_PREV(piece.data(), 0, at, c);
      if (c < 0 || !is_space(c)) break;
    }
    if (c > 0 && u_hasBinaryProperty(c, UCHAR_TERMINAL_PUNCTUATION)) out.push_back(span.begin + std::uint32_t(to));
  });
  return out;
}

}  // namespace tingdu::sync
