#include "curl_easy.h"

#include <mutex>

namespace tingdu::feeds {
namespace {

const char* reason(long status) {
  switch (status) {
    case 400: return "bad request";
    case 401: return "needs a login";
    case 403: return "forbidden";
    case 404: return "not found";
    case 410: return "gone";
    case 429: return "too many requests";
    case 500: return "server error";
    case 502: return "bad gateway";
    case 503: return "service unavailable";
    case 504: return "gateway timeout";
    default: return status >= 500 ? "server error" : "refused";
  }
}

}  // namespace

Easy::Easy(const std::string& url, const HttpOptions& options) : url_(url), options_(options), error_(new char[CURL_ERROR_SIZE]) {
  // curl_global_init is not thread-safe; easy handles may be made from several threads.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  handle_.reset(curl_easy_init());
  if (!handle_) return;
  CURL* c = handle_.get();
  error_[0] = 0;
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_.get());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options.connect_timeout);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options.stall_bytes_per_second);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options.stall_seconds);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  // Signals would interrupt the program's other threads' system calls (DNS timeouts use them).
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Tingdu/" TINGDU_VERSION " (podcast player)");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // feeds compress well; audio is sent as is
}

void Easy::add_header(const std::string& line) {
  curl_slist* l = curl_slist_append(headers_.get(), line.c_str());
  if (!l) return;
  headers_.release();
  headers_.reset(l);
  curl_easy_setopt(handle_.get(), CURLOPT_HTTPHEADER, headers_.get());
}

std::string Easy::header(const char* name) const {
  curl_header* h = nullptr;
  if (curl_easy_header(handle_.get(), name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h) return "";
  return h->value;
}

long Easy::status() const {
  long code = 0;
  curl_easy_getinfo(handle_.get(), CURLINFO_RESPONSE_CODE, &code);
  return code;
}

std::string Easy::describe(CURLcode rc) const {
  std::string detail = error_[0] ? error_.get() : curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_HTTP_RETURNED_ERROR: {
      long s = status();
      return url_ + ": the server answered " + std::to_string(s) + " (" + reason(s) + ")";
    }
    case CURLE_TOO_MANY_REDIRECTS:
      return url_ + ": more than " + std::to_string(options_.max_redirects) + " redirects (a redirect loop?); gave up";
    case CURLE_OPERATION_TIMEDOUT: {
      double connected = 0;
      curl_easy_getinfo(handle_.get(), CURLINFO_CONNECT_TIME, &connected);
      if (connected <= 0)
        return url_ + ": could not connect within " + std::to_string(options_.connect_timeout) + " s";
      return url_ + ": the server stalled (under " + std::to_string(options_.stall_bytes_per_second) + " B/s for " +
             std::to_string(options_.stall_seconds) + " s); gave up";
    }
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return url_ + ": the server's certificate is not trusted (" + detail + ")";
    case CURLE_UNSUPPORTED_PROTOCOL:
      return url_ + ": only http and https are allowed (" + detail + ")";
    case CURLE_COULDNT_RESOLVE_HOST:
      return url_ + ": no such host (" + detail + ")";
    case CURLE_COULDNT_CONNECT:
      return url_ + ": could not connect (" + detail + ")";
    default:
      return url_ + ": " + detail;
  }
}

}  // namespace tingdu::feeds
