#include "feeds/http.h"

#include <cstdlib>

#include "curl_easy.h"

namespace tingdu::feeds {

HttpOptions default_http_options() {
  HttpOptions o;
  if (const char* ca = std::getenv("TINGDU_CA_FILE"); ca && *ca) o.ca_file = ca;
  return o;
}

namespace {

struct Sink {
  std::string* body;
  std::int64_t limit;
  bool too_large = false;
};

std::size_t write_text(char* data, std::size_t size, std::size_t count, void* user) {
  auto* s = static_cast<Sink*>(user);
  std::size_t n = size * count;
  if (std::int64_t(s->body->size() + n) > s->limit) {
    s->too_large = true;
    return 0;
  }
  s->body->append(data, n);
  return n;
}

}  // namespace

FetchResult fetch_text(const std::string& url, const Validators& cached, const HttpOptions& options) {
  FetchResult r;
  Easy easy(url, options);
  if (!easy) {
    r.error = url + ": could not start a transfer (libcurl)";
    return r;
  }
  if (!cached.etag.empty()) easy.add_header("If-None-Match: " + cached.etag);
  if (!cached.last_modified.empty()) easy.add_header("If-Modified-Since: " + cached.last_modified);
  Sink sink{&r.body, options.max_text_bytes};
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, write_text);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &sink);
  CURLcode rc = curl_easy_perform(easy.get());
  r.status = easy.status();
  char* final_url = nullptr;
  if (curl_easy_getinfo(easy.get(), CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url) r.final_url = final_url;
  if (sink.too_large) {
    r.error = url + ": more than " + std::to_string(options.max_text_bytes >> 20) + " MiB; not a feed?";
    r.body.clear();
    return r;
  }
  if (rc != CURLE_OK) {
    r.error = easy.describe(rc);
    r.body.clear();
    return r;
  }
  r.validators = {easy.header("ETag"), easy.header("Last-Modified")};
  r.not_modified = r.status == 304;
  r.ok = r.not_modified || (r.status >= 200 && r.status < 300);
  if (!r.ok) r.error = url + ": unexpected answer " + std::to_string(r.status);
  return r;
}

}  // namespace tingdu::feeds
