#include "feed_values.h"

#include <curl/curl.h>

#include <charconv>
#include <cstdio>
#include <ctime>

namespace tingdu::feeds {

std::optional<std::int64_t> parse_feed_date(const std::string& text) {
  std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  // curl_getdate reads the RFC 822/1123/850 family that HTTP and RSS share.
  if (time_t v = curl_getdate(t.c_str(), nullptr); v != -1) return std::int64_t(v);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31)
    return std::nullopt;
  std::string rest = t.substr(std::size_t(n));
  int offset = 0;
  if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) {
    int m = 0;
    if (std::sscanf(rest.c_str() + 1, "%2d:%2d%n", &h, &mi, &m) != 2) return std::nullopt;
    rest = rest.substr(1 + std::size_t(m));
    if (!rest.empty() && rest[0] == ':') {
      if (std::sscanf(rest.c_str() + 1, "%2d%n", &s, &m) != 1) return std::nullopt;
      rest = rest.substr(1 + std::size_t(m));
    }
    if (!rest.empty() && rest[0] == '.') {  // fractions of a second: dropped
      auto end = rest.find_first_not_of("0123456789", 1);
      rest = end == std::string::npos ? "" : rest.substr(end);
    }
    if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
      int oh = 0, om = 0;
      if (std::sscanf(rest.c_str() + 1, "%2d:%2d", &oh, &om) < 1 && std::sscanf(rest.c_str() + 1, "%2d%2d", &oh, &om) < 1)
        return std::nullopt;
      offset = (rest[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    } else if (!rest.empty() && rest != "Z") {
      return std::nullopt;
    }
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return std::int64_t(timegm(&tm)) - offset;
}

std::optional<double> parse_duration(const std::string& text) {
  std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  double total = 0;
  std::size_t pos = 0;
  int fields = 0;
  while (true) {
    std::size_t colon = t.find(':', pos);
    std::string field = t.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
    bool last = colon == std::string::npos;
    // Only the last field may have a fraction; every field is digits.
    std::size_t digits = field.find_first_not_of("0123456789");
    if (field.empty() || digits == 0) return std::nullopt;
    if (digits != std::string::npos && !(last && field[digits] == '.' &&
                                         field.find_first_not_of("0123456789", digits + 1) == std::string::npos))
      return std::nullopt;
    double value = 0;  // from_chars: the same in every locale
    std::from_chars(field.data(), field.data() + field.size(), value);
    total = total * 60 + value;
    if (++fields > 3) return std::nullopt;
    if (last) break;
    pos = colon + 1;
  }
  return total;
}

std::string trim(const std::string& s) {
  const char* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

}  // namespace tingdu::feeds
