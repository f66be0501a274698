// Reading an RSS 2.0 podcast feed (with the iTunes and Podcasting 2.0 namespaces) from text.
// No network: relative URLs are resolved against `base_url`, the address the feed came from.
// DOCTYPEs are skipped: entities other than XML's predefined ones stay as written, unexpanded,
// and nothing is fetched (pugixml has no external entity support at all).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/feed.h"

namespace tingdu::feeds {

struct ParseResult {
  std::optional<Feed> feed;        // empty on error
  std::string error;               // "" on success; else names `source` and what was expected
  std::vector<std::string> notes;  // what was kept but is odd (an item without audio, a bad date)
};

// `source` names the feed in messages (a file path or URL). `base_url`: an absolute http(s) URL
// to resolve relative ones against; "" when there is none (a local file), in which case the
// channel's <atom:link rel="self"> is used when present, else relative URLs are dropped with a
// note. Only http and https URLs are kept for enclosures, transcripts and chapters.
// Errors: text that is not XML (with line and column), an HTML page, a root that is not <rss>,
// no <channel>, a channel without any <item>.
ParseResult parse_rss(std::string_view text, const std::string& source, const std::string& base_url);

}  // namespace tingdu::feeds
