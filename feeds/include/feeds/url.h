// URLs as feeds use them, through libcurl's URL parser (no hand-written URL grammar).
#pragma once

#include <optional>
#include <string>

namespace tingdu::feeds {

// True for an absolute http:// or https:// URL with a host.
bool is_http_url(const std::string& url);

// `ref` resolved against `base` (RFC 3986, as a browser does): an absolute `ref` stays itself.
// Empty when the result is not an http(s) URL or either side does not parse.
std::optional<std::string> resolve_url(const std::string& base, const std::string& ref);

// resolve_url against one base many times (a feed's thousands of items): the base is parsed once.
class UrlResolver {
 public:
  explicit UrlResolver(const std::string& base);
  ~UrlResolver();
  UrlResolver(const UrlResolver&) = delete;
  UrlResolver& operator=(const UrlResolver&) = delete;
  std::optional<std::string> resolve(const std::string& ref) const;
  bool has_base() const { return base_ != nullptr; }

 private:
  void* base_ = nullptr;  // a CURLU*, kept out of this header so that users need no curl.h
};

// The URL's path's last dot-suffix, lower-cased, with the dot (".mp3"); "" when none or when it
// is longer than 5 characters. Percent-escapes are not decoded: the result is only ever
// compared with a list of known suffixes.
std::string url_extension(const std::string& url);

}  // namespace tingdu::feeds
