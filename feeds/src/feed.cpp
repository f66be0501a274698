#include "feeds/feed.h"

#include <algorithm>
#include <numeric>

namespace tingdu::feeds {

int transcript_rank(const std::string& type) {
  if (type == "application/json") return 0;
  if (type == "text/vtt") return 1;
  if (type == "application/x-subrip" || type == "application/srt" || type == "text/srt") return 2;
  if (type == "text/html") return 3;
  return 4;
}

std::vector<std::size_t> newest_first(const Feed& feed) {
  std::vector<std::size_t> order(feed.episodes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = feed.episodes[a].published;
    const auto& y = feed.episodes[b].published;
    if (x && y) return *x > *y;
    return x.has_value() && !y.has_value();
  });
  return order;
}

}  // namespace tingdu::feeds
