#include "feeds/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace tingdu::feeds {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using Url = std::unique_ptr<CURLU, UrlDeleter>;

std::optional<std::string> part(CURLU* u, CURLUPart which) {
  char* s = nullptr;
  if (curl_url_get(u, which, &s, 0) != CURLUE_OK || !s) return std::nullopt;
  std::string out(s);
  curl_free(s);
  return out;
}

bool http_scheme(CURLU* u) {
  auto scheme = part(u, CURLUPART_SCHEME);
  auto host = part(u, CURLUPART_HOST);
  return scheme && (*scheme == "http" || *scheme == "https") && host && !host->empty();
}

}  // namespace

bool is_http_url(const std::string& url) {
  Url u(curl_url());
  return u && curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) == CURLUE_OK && http_scheme(u.get());
}

std::optional<std::string> resolve_url(const std::string& base, const std::string& ref) {
  return UrlResolver(base).resolve(ref);
}

UrlResolver::UrlResolver(const std::string& base) {
  if (base.empty()) return;
  Url u(curl_url());
  if (u && curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) == CURLUE_OK) base_ = u.release();
}

UrlResolver::~UrlResolver() { curl_url_cleanup(static_cast<CURLU*>(base_)); }

std::optional<std::string> UrlResolver::resolve(const std::string& ref) const {
  Url u(base_ ? curl_url_dup(static_cast<CURLU*>(base_)) : curl_url());
  if (!u) return std::nullopt;
  // Setting a URL on a handle that holds one resolves it relative to the first; feeds write
  // spaces and other stray characters in URLs, which curl escapes rather than refuses.
  if (curl_url_set(u.get(), CURLUPART_URL, ref.c_str(), CURLU_URLENCODE) != CURLUE_OK) return std::nullopt;
  if (!http_scheme(u.get())) return std::nullopt;
  return part(u.get(), CURLUPART_URL);
}

std::string url_extension(const std::string& url) {
  Url u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return "";
  auto path = part(u.get(), CURLUPART_PATH);
  if (!path) return "";
  auto slash = path->rfind('/');
  auto dot = path->rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || path->size() - dot > 6) return "";
  std::string ext = path->substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

}  // namespace tingdu::feeds
