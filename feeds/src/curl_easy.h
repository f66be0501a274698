// RAII for libcurl's handles, and the settings and messages every transfer in feeds/ shares.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "feeds/http.h"

namespace tingdu::feeds {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// One transfer's handle with its error buffer. The library is initialised once per process.
class Easy {
 public:
  // Sets the URL and the shared safety settings (protocols, redirects, timeouts, certificates).
  Easy(const std::string& url, const HttpOptions& options);
  CURL* get() const { return handle_.get(); }
  explicit operator bool() const { return bool(handle_); }
  // Adds a request header ("If-Range: ..."); the list lives as long as the handle.
  void add_header(const std::string& line);
  // The last response's value of a header (after redirects), "" when absent.
  std::string header(const char* name) const;
  long status() const;
  // A sentence for a failed transfer: what happened to `url_`, in words a listener can act on.
  std::string describe(CURLcode rc) const;

 private:
  std::unique_ptr<CURL, EasyDeleter> handle_;
  HeaderList headers_;
  std::string url_;
  HttpOptions options_;
  std::unique_ptr<char[]> error_;
};

}  // namespace tingdu::feeds
