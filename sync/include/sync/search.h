// Finding text in an episode the way a reader means it: case, accents and character width do not
// matter ("TRANSFORMER" finds "Transformer", "ｇｐｕ" finds "GPU", "cafe" finds "café"). ICU's
// collation-based string search at primary strength does the matching.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sync/episode.h"

namespace tingdu::sync {

struct SearchHit {
  enum class Where { turn, chapter_title, chapter_summary } where = Where::turn;
  std::size_t index = 0;   // turn index, or chapter index
  std::string excerpt;     // the match with some text around it
};

class EpisodeSearch {
 public:
  // Prepares the episode's texts once (the episode must outlive this).
  explicit EpisodeSearch(const Episode& episode);
  ~EpisodeSearch();

  // At most `limit` hits, chapters first, then turns in order. An empty query finds nothing.
  std::vector<SearchHit> find(std::string_view query, std::size_t limit = 200) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tingdu::sync
