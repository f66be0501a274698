// Getting a feed's text from where the listener says it is: an http(s) URL (kept in the cache
// and refreshed with ETag / Last-Modified, so an unchanged feed costs a 304) or a local file.
#pragma once

#include <filesystem>
#include <string>

#include "feeds/http.h"
#include "feeds/rss.h"

namespace tingdu::feeds {

struct FeedText {
  std::string text;
  std::string source;    // for messages: the URL or the path
  std::string base_url;  // what relative URLs resolve against ("" for a local file)
  bool not_modified = false;  // the server answered 304: `text` is the cached copy
  // The refresh failed (offline, a server error) and `text` is the copy kept from the last
  // success: why it failed. "" otherwise.
  std::string stale_because;
  std::string error;  // "" on success
};

// `where`: an http(s) URL or a file path (anything else with "://" is refused). `feeds_cache`:
// the folder for cached copies (cache_dir()/"feeds"); "" keeps nothing and makes no request
// conditional. When a refresh fails and a copy is kept, that copy is returned with
// stale_because set; without a copy the failure is the error.
FeedText load_feed_text(const std::string& where, const HttpOptions& options, const std::filesystem::path& feeds_cache);

// load_feed_text, then parse_rss on it. A stale copy adds a note saying so (first).
ParseResult load_feed(const std::string& where, const HttpOptions& options, const std::filesystem::path& feeds_cache,
                      bool* not_modified = nullptr);

}  // namespace tingdu::feeds
