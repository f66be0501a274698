#include "feeds/feed_source.h"

#include <fstream>
#include <sstream>

#include "atomic_write.h"
#include "feeds/episode_cache.h"
#include "feeds/url.h"
#include "stable_hash.h"

namespace tingdu::feeds {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The cached copy "<name>.xml" and its validators "<name>.validators" (ETag line, then
// Last-Modified line), named by the URL's safe form and its hash (two URLs that differ only in
// characters safe_name drops get two names).
struct CachedFeed {
  fs::path text, validators;
  CachedFeed(const fs::path& dir, const std::string& url) {
    std::string name = safe_name(url, 100) + " " + hash8(url);
    text = dir / (name + ".xml");
    validators = dir / (name + ".validators");
  }
};

}  // namespace

FeedText load_feed_text(const std::string& where, const HttpOptions& options, const fs::path& feeds_cache) {
  FeedText r;
  r.source = where;
  if (!is_http_url(where)) {
    if (where.find("://") != std::string::npos) {
      r.error = where + ": only http and https feeds (or a local file) can be opened";
      return r;
    }
    auto text = read_file(where);
    if (!text) r.error = where + ": cannot read the file";
    else r.text = std::move(*text);
    return r;
  }
  r.base_url = where;
  Validators cached;
  std::optional<CachedFeed> cache;
  if (!feeds_cache.empty()) {
    cache.emplace(feeds_cache, where);
    std::ifstream v(cache->validators);
    std::getline(v, cached.etag);
    std::getline(v, cached.last_modified);
    if (!fs::exists(cache->text)) cached = {};
  }
  FetchResult f = fetch_text(where, cached, options);
  if (!f.ok) {
    std::optional<std::string> old = cache ? read_file(cache->text) : std::nullopt;
    if (!old) {
      r.error = f.error;
      return r;
    }
    r.text = std::move(*old);
    r.stale_because = f.error;
    return r;
  }
  if (!f.final_url.empty()) r.base_url = f.final_url;  // relative URLs are relative to where it was found
  if (f.not_modified) {
    auto text = read_file(cache->text);
    if (!text) {
      r.error = cache->text.string() + ": the server says the feed is unchanged, but the cached copy cannot be read";
      return r;
    }
    r.text = std::move(*text);
    r.not_modified = true;
    return r;
  }
  r.text = std::move(f.body);
  if (cache) {
    std::error_code ec;
    fs::create_directories(feeds_cache, ec);
    // A cache that can't be written only costs the next refresh a full download.
    if (write_atomically(cache->text, r.text).empty())
      write_atomically(cache->validators, f.validators.etag + "\n" + f.validators.last_modified + "\n");
  }
  return r;
}

ParseResult load_feed(const std::string& where, const HttpOptions& options, const fs::path& feeds_cache, bool* not_modified) {
  FeedText t = load_feed_text(where, options, feeds_cache);
  if (not_modified) *not_modified = t.not_modified;
  if (!t.error.empty()) {
    ParseResult r;
    r.error = t.error;
    return r;
  }
  ParseResult r = parse_rss(t.text, t.source, t.base_url);
  if (!t.stale_because.empty())
    r.notes.insert(r.notes.begin(), "could not refresh the feed (" + t.stale_because + "): the copy kept from the last time is shown");
  return r;
}

}  // namespace tingdu::feeds
