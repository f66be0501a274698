#include "sync/time_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace tingdu::sync {
namespace {

// Up to 7 ASCII digits (enough for any field we accept, small enough never to overflow).
std::optional<long> parse_digits(std::string_view s) {
  if (s.empty() || s.size() > 7) return std::nullopt;
  long value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// ".f" to ".fff" (after the separator): the fraction of a second.
std::optional<double> parse_fraction(std::string_view digits) {
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  auto v = parse_digits(digits);
  if (!v) return std::nullopt;
  return double(*v) / std::pow(10.0, double(digits.size()));
}

std::vector<std::string_view> split_colons(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ':') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// Shared by parse_clock and parse_cue_time: H:MM:SS or MM:SS, then an optional fraction after
// one of `fraction_separators`. Seconds (and minutes after hours) take exactly two digits.
std::optional<double> parse_colon_time(std::string_view text, std::string_view fraction_separators) {
  double fraction = 0;
  auto sep = text.find_first_of(fraction_separators);
  if (sep != std::string_view::npos) {
    auto f = parse_fraction(text.substr(sep + 1));
    if (!f) return std::nullopt;
    fraction = *f;
    text = text.substr(0, sep);
  }
  auto parts = split_colons(text);
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  std::optional<long> h = 0, m, s;
  if (parts.size() == 3) {
    h = parse_digits(parts[0]);
    m = parse_digits(parts[1]);
    if (!m || parts[1].size() != 2 || *m >= 60) return std::nullopt;
  } else {
    m = parse_digits(parts[0]);
  }
  s = parse_digits(parts.back());
  if (!h || !m || !s || parts.back().size() != 2 || *s >= 60) return std::nullopt;
  double total = double(*h) * 3600.0 + double(*m) * 60.0 + double(*s) + fraction;
  if (total > kMaxTimeSeconds) return std::nullopt;
  return total;
}

}  // namespace

std::optional<double> parse_clock(std::string_view text) { return parse_colon_time(text, "."); }

std::optional<double> parse_cue_time(std::string_view text) { return parse_colon_time(text, ".,"); }

std::optional<double> parse_time_argument(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return parse_clock(text);
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value) || value > kMaxTimeSeconds) return std::nullopt;
  return value;
}

std::string format_uncertainty(double uncertainty) {
  if (uncertainty < 0.05) return "< 0.1 s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "about \u00b1%.1f s", uncertainty);
  return buf;
}

std::string format_clock(double seconds) {
  long total = (std::isfinite(seconds) && seconds > 0) ? long(std::floor(seconds)) : 0;
  long h = total / 3600, m = (total / 60) % 60, s = total % 60;
  char buf[32];
  if (h > 0) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", h, m, s);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", m, s);
  return buf;
}

std::string format_clock_nearest(double seconds) {
  return format_clock(std::isfinite(seconds) ? std::round(seconds) : seconds);
}

std::string format_cue_time(double seconds, char separator) {
  long long ms = (std::isfinite(seconds) && seconds > 0) ? std::llround(seconds * 1000.0) : 0;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld%c%03lld", ms / 3600000, (ms / 60000) % 60,
                (ms / 1000) % 60, separator, ms % 1000);
  return buf;
}

double round_ms(double seconds) { return std::round(seconds * 1000.0) / 1000.0; }

}  // namespace tingdu::sync
