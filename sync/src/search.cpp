#include "sync/search.h"

#include <algorithm>

#include <unicode/coll.h>
#include <unicode/stsearch.h>
#include <unicode/unistr.h>

#include "pinyin_index.h"

namespace tingdu::sync {

struct EpisodeSearch::Impl {
  struct Entry {
    SearchHit::Where where;
    std::size_t index;
    icu::UnicodeString text;
    PinyinText pinyin;
  };
  std::vector<Entry> entries;
  std::unique_ptr<icu::Collator> collator;
};

namespace {
// Characters of context on each side of a match in an excerpt.
constexpr int32_t kContext = 16;
const std::string kEllipsis = "\xE2\x80\xA6";

std::string utf8(const icu::UnicodeString& s, int32_t from, int32_t to) {
  std::string out;
  s.tempSubStringBetween(from, to).toUTF8String(out);
  return out;
}

// The hit for the UTF-16 range [at, end) of `text`, with context cut at whole code points.
SearchHit make_hit(SearchHit::Where where, std::size_t index, SearchHit::Match match,
                   const icu::UnicodeString& text, int32_t at, int32_t end) {
  int32_t from = text.getChar32Start(std::max(0, at - kContext));
  int32_t to = text.getChar32Limit(std::min(text.length(), end + kContext));
  std::string before = (from > 0 ? kEllipsis : "") + utf8(text, from, at);
  std::string matched = utf8(text, at, end);
  std::string excerpt = before + matched + utf8(text, end, to) + (to < text.length() ? kEllipsis : "");
  return {where, match, index, std::move(excerpt), before.size(), matched.size()};
}
}  // namespace

double start_of(const SearchHit& hit, const Timeline& timeline) {
  return hit.where == SearchHit::Where::turn ? timeline.start_of(hit.index) : timeline.chapters()[hit.index].start;
}

EpisodeSearch::EpisodeSearch(const Episode& ep) : impl_(std::make_unique<Impl>()) {
  UErrorCode err = U_ZERO_ERROR;
  impl_->collator.reset(icu::Collator::createInstance(icu::Locale::getRoot(), err));
  if (U_SUCCESS(err)) impl_->collator->setStrength(icu::Collator::PRIMARY);
  else impl_->collator.reset();
  PinyinReader reader;
  auto add = [&](SearchHit::Where where, std::size_t index, const std::string& s) {
    auto text = icu::UnicodeString::fromUTF8(s);
    impl_->entries.push_back({where, index, text, reader.read(text)});
  };
  for (std::size_t c = 0; c < ep.chapters.size(); ++c) {
    add(SearchHit::Where::chapter_title, c, ep.chapters[c].title);
    std::string summary;
    for (const auto& b : ep.chapters[c].summary) summary += b.text + " ";
    add(SearchHit::Where::chapter_summary, c, summary);
  }
  std::size_t turn = 0;
  for (const Block& b : ep.blocks)
    if (b.kind == BlockKind::turn) add(SearchHit::Where::turn, turn++, b.text);
}

EpisodeSearch::~EpisodeSearch() = default;

std::vector<SearchHit> EpisodeSearch::find(std::string_view query, std::size_t limit) const {
  std::vector<SearchHit> hits;
  icu::UnicodeString pattern = icu::UnicodeString::fromUTF8(icu::StringPiece(query.data(), int32_t(query.size())));
  pattern.trim();
  if (pattern.isEmpty() || !impl_->collator) return hits;
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString placeholder(" ");
  icu::StringSearch search(pattern, placeholder, static_cast<icu::RuleBasedCollator*>(impl_->collator.get()), nullptr, err);
  if (U_FAILURE(err)) return hits;
  const auto& entries = impl_->entries;
  std::vector<bool> found(entries.size());
  for (std::size_t i = 0; i < entries.size() && hits.size() < limit; ++i) {
    const auto& e = entries[i];
    if (e.text.isEmpty()) continue;
    err = U_ZERO_ERROR;
    search.setText(e.text, err);
    int32_t at = search.first(err);
    if (U_FAILURE(err) || at == USEARCH_DONE) continue;
    found[i] = true;
    hits.push_back(make_hit(e.where, e.index, SearchHit::Match::exact, e.text, at, at + search.getMatchedLength()));
  }
  // Pinyin only adds what the exact pass missed, after it: the reader typed letters and may
  // well mean them literally.
  auto letters = pinyin_query(pattern);
  if (!letters) return hits;
  for (std::size_t i = 0; i < entries.size() && hits.size() < limit; ++i) {
    const auto& e = entries[i];
    if (found[i] || e.pinyin.empty()) continue;
    if (auto r = e.pinyin.find(*letters))
      hits.push_back(make_hit(e.where, e.index, SearchHit::Match::pinyin, e.text, r->begin, r->end));
  }
  return hits;
}

}  // namespace tingdu::sync
