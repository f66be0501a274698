#include "sync/search.h"

#include <unicode/coll.h>
#include <unicode/stsearch.h>
#include <unicode/unistr.h>

namespace tingdu::sync {

struct EpisodeSearch::Impl {
  struct Entry {
    SearchHit::Where where;
    std::size_t index;
    icu::UnicodeString text;
  };
  std::vector<Entry> entries;
  std::unique_ptr<icu::Collator> collator;
};

namespace {
// Characters of context on each side of a match in an excerpt.
constexpr int32_t kContext = 16;
}  // namespace

EpisodeSearch::EpisodeSearch(const Episode& ep) : impl_(std::make_unique<Impl>()) {
  UErrorCode err = U_ZERO_ERROR;
  impl_->collator.reset(icu::Collator::createInstance(icu::Locale::getRoot(), err));
  if (U_SUCCESS(err)) impl_->collator->setStrength(icu::Collator::PRIMARY);
  else impl_->collator.reset();
  auto u = [](const std::string& s) { return icu::UnicodeString::fromUTF8(s); };
  for (std::size_t c = 0; c < ep.chapters.size(); ++c) {
    impl_->entries.push_back({SearchHit::Where::chapter_title, c, u(ep.chapters[c].title)});
    std::string summary;
    for (const auto& b : ep.chapters[c].summary) summary += b.text + " ";
    impl_->entries.push_back({SearchHit::Where::chapter_summary, c, u(summary)});
  }
  std::size_t turn = 0;
  for (const Block& b : ep.blocks)
    if (b.kind == BlockKind::turn) impl_->entries.push_back({SearchHit::Where::turn, turn++, u(b.text)});
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
  for (const auto& e : impl_->entries) {
    if (hits.size() >= limit) break;
    if (e.text.isEmpty()) continue;
    err = U_ZERO_ERROR;
    search.setText(e.text, err);
    int32_t at = search.first(err);
    if (U_FAILURE(err) || at == USEARCH_DONE) continue;
    int32_t from = std::max(0, at - kContext);
    int32_t to = std::min(e.text.length(), at + search.getMatchedLength() + kContext);
    std::string excerpt;
    e.text.tempSubStringBetween(from, to).toUTF8String(excerpt);
    if (from > 0) excerpt = "\xE2\x80\xA6" + excerpt;
    if (to < e.text.length()) excerpt += "\xE2\x80\xA6";
    hits.push_back({e.where, e.index, std::move(excerpt)});
  }
  return hits;
}

}  // namespace tingdu::sync
