// HTTP(S) through libcurl for feeds and downloads: certificates checked, only http and https
// (redirects too), at most `max_redirects` redirects, a connect timeout and a stall timeout.
#pragma once

#include <cstdint>
#include <string>

namespace tingdu::feeds {

struct HttpOptions {
  // A PEM file of certificate authorities trusted instead of the system's ("" = the system's).
  // default_http_options() takes it from $TINGDU_CA_FILE (the tests' self-signed certificate).
  std::string ca_file;
  long connect_timeout = 20;  // seconds to connect (TCP and TLS)
  // A transfer slower than stall_bytes_per_second for stall_seconds in a row is given up.
  long stall_seconds = 30;
  long stall_bytes_per_second = 1;
  long max_redirects = 5;
  // A feed larger than this is refused (a server sending without end, or not a feed).
  std::int64_t max_text_bytes = std::int64_t(64) << 20;
};

HttpOptions default_http_options();

// What a server said about a document's version, for a conditional request next time.
struct Validators {
  std::string etag, last_modified;  // "" when the server sent none
};

struct FetchResult {
  bool ok = false;            // a 2xx body, or a 304 (not_modified)
  bool not_modified = false;  // 304: the copy the validators came with is still current
  long status = 0;            // the last response's HTTP status (0 when none arrived)
  std::string body;
  Validators validators;      // the response's
  std::string final_url;      // after redirects
  std::string error;          // "" when ok; else names the URL and says what happened
};

// GET `url` into memory. With non-empty `cached` validators the request is conditional
// (If-None-Match / If-Modified-Since), and a 304 answers not_modified with an empty body.
FetchResult fetch_text(const std::string& url, const Validators& cached, const HttpOptions& options);

}  // namespace tingdu::feeds
