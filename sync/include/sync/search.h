// Finding text in an episode the way a reader means it: case, accents and character width do not
// matter ("TRANSFORMER" finds "Transformer", "ｇｐｕ" finds "GPU", "cafe" finds "café"). ICU's
// collation-based string search at primary strength does the matching.
//
// A query of Latin letters also finds Han text by its pinyin, tones and spaces ignored:
// "tesila" and "te si la" find 特斯拉, "shenjing wangluo" finds 神经网络. A pinyin match starts at
// a syllable and stays inside one run of Han characters; its last syllable may be cut short
// while typing ("tesi" finds 特斯, "esi" finds nothing). See pinyin_index.h.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sync/episode.h"
#include "sync/timeline.h"

namespace tingdu::sync {

struct SearchHit {
  enum class Where { turn, chapter_title, chapter_summary } where = Where::turn;
  enum class Match { exact, pinyin } match = Match::exact;
  std::size_t index = 0;   // turn index, or chapter index
  std::string excerpt;     // the match with some text around it ("…" where cut)
  // The matched text within excerpt, in UTF-8 bytes (for emphasis).
  std::size_t match_begin = 0, match_length = 0;
};

// When the hit's turn or chapter starts on `timeline` (of the same episode).
double start_of(const SearchHit& hit, const Timeline& timeline);

class EpisodeSearch {
 public:
  // Prepares the episode's texts and their pinyin once: tens of milliseconds for the bundled
  // episode, so the window builds it off the UI thread. The episode must outlive the
  // constructor; afterwards the search keeps its own copies.
  explicit EpisodeSearch(const Episode& episode);
  ~EpisodeSearch();

  // At most `limit` hits, one per text: first every exact hit (chapters, then turns in order),
  // then texts found only by pinyin, in the same order. An empty query finds nothing.
  std::vector<SearchHit> find(std::string_view query, std::size_t limit = 200) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tingdu::sync
