// The values inside feed elements that have more than one spelling in the wild.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tingdu::feeds {

// RFC 822 dates ("Wed, 02 Oct 2002 13:00:00 GMT", "+0200", two-digit years, no seconds; the
// weekday is not checked), and ISO 8601 ("2023-01-05", "2023-01-05T10:00:00Z", "+02:00") as some
// feeds write. Unix seconds, UTC; empty when unreadable (a day 32, words).
std::optional<std::int64_t> parse_feed_date(const std::string& text);

// itunes:duration: "SS", "MM:SS" or "HH:MM:SS", seconds possibly with a fraction. Seconds;
// empty when unreadable or negative.
std::optional<double> parse_duration(const std::string& text);

// Leading and trailing whitespace (feeds indent their text and CDATA) removed.
std::string trim(const std::string& s);

}  // namespace tingdu::feeds
