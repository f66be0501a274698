// Reader for LRC (.lrc): "[mm:ss.xx]text", also "[mm:ss.xxx]", "[mm:ss:xx]" and "[mm:ss]";
// several stamps on one line repeat it; ID tags ([ti:], [ar:], [al:], [by:], [offset:], ...)
// are metadata; enhanced word stamps "<mm:ss.xx>" are removed. A stamp with no text ends the
// line before it. "Name: text" gives the speaker. A line with a malformed stamp is skipped with
// a warning; a file with no readable line is refused.
#include <algorithm>
#include <charconv>

#include "line_patterns.h"
#include "readers.h"
#include "sync/time_format.h"
#include "text_util.h"

namespace tingdu::sync::readers {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "mm:ss", "mm:ss.xx", "mm:ss.xxx", "mm:ss:xx". nullopt when `tag` is no time; `malformed`
// is set when it looks like one (digits and a colon) but is not valid ("99:99").
std::optional<double> lrc_time(std::string_view tag, bool& malformed) {
  malformed = false;
  auto colon = tag.find(':');
  if (colon == std::string_view::npos || !all_digits(tag.substr(0, colon))) return std::nullopt;
  malformed = true;
  std::string_view mm = tag.substr(0, colon), rest = tag.substr(colon + 1);
  if (mm.size() > 4 || rest.size() < 2 || !all_digits(rest.substr(0, 2))) return std::nullopt;
  double seconds = (rest[0] - '0') * 10 + (rest[1] - '0');
  if (seconds >= 60) return std::nullopt;
  std::string_view frac = rest.substr(2);
  double fraction = 0;
  if (!frac.empty()) {
    if ((frac[0] != '.' && frac[0] != ':') || frac.size() < 2 || frac.size() > 4 || !all_digits(frac.substr(1)))
      return std::nullopt;
    int digits = int(frac.size()) - 1;
    int value = 0;
    std::from_chars(frac.data() + 1, frac.data() + frac.size(), value);
    fraction = value / (digits == 1 ? 10.0 : digits == 2 ? 100.0 : 1000.0);
  }
  int minutes = 0;
  std::from_chars(mm.data(), mm.data() + mm.size(), minutes);
  malformed = false;
  return minutes * 60.0 + seconds + fraction;
}

std::string strip_word_stamps(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      auto close = s.find('>', i);
      bool malformed = false;
      if (close != std::string_view::npos && lrc_time(s.substr(i + 1, close - i - 1), malformed)) {
        i = close;
        continue;
      }
    }
    out += s[i];
  }
  return std::string(text::trim(out));
}

struct Stamped {
  double time;
  std::string text;
  int line;
};

}  // namespace

void read_lrc(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  Episode& ep = out.episode;
  std::vector<Stamped> stamped;
  double offset_ms = 0;
  std::size_t skipped = 0;  // lines with a malformed stamp, left out
  for (const text::Line& line : text::split_lines(text)) {
    std::string_view rest = text::trim(line.text);
    std::vector<double> times;
    bool bad_stamp = false;
    while (rest.starts_with('[')) {
      auto close = rest.find(']');
      if (close == std::string_view::npos) break;
      std::string_view tag = rest.substr(1, close - 1);
      bool malformed = false;
      if (auto t = lrc_time(tag, malformed)) {
        times.push_back(*t);
      } else if (malformed) {
        int col = int(text::count_code_points(line.text.substr(0, line.text.find(tag))));
        sink.skipped(line.number, col + 1, "this line is skipped: expected a time stamp like [01:02.50], found [" +
                                               text::excerpt(tag) + "]");
        bad_stamp = true;
      } else {
        auto colon = tag.find(':');
        std::string key(text::trim(tag.substr(0, colon)));
        std::string value(colon == std::string_view::npos ? "" : text::trim(tag.substr(colon + 1)));
        if (key == "offset") {
          std::string_view v = value;
          if (v.starts_with('+')) v.remove_prefix(1);
          long ms = 0;
          auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), ms);
          if (ec != std::errc() || end != v.data() + v.size() || ms > 3600000 || ms < -3600000)
            sink.warning(line.number, 1, "expected [offset:+/-milliseconds], found [" + text::excerpt(tag) + "]; ignored");
          else offset_ms = double(ms);
        } else if (key == "ti") {
          ep.meta.title = value;
        } else if (!key.empty()) {
          ep.meta.extra[key] = value;
        }
      }
      rest = rest.substr(close + 1);
    }
    if (bad_stamp) {
      ++skipped;
      continue;
    }
    if (times.empty()) {
      if (!text::trim(rest).empty())
        sink.warning(line.number, 1, "a line with no time stamp; expected [mm:ss.xx] before the text; skipped");
      continue;
    }
    for (double t : times) stamped.push_back({t, strip_word_stamps(rest), line.number});
  }
  // Positive offsets make lyrics appear sooner (the LRC convention).
  for (auto& s : stamped) s.time = std::max(0.0, s.time - offset_ms / 1000.0);
  std::stable_sort(stamped.begin(), stamped.end(), [](auto& a, auto& b) { return a.time < b.time; });
  std::optional<std::size_t> previous;  // block index of the last turn
  for (auto& s : stamped) {
    if (s.text.empty()) {  // an empty stamp marks where the line before it stops
      if (previous && !ep.blocks[*previous].end) ep.blocks[*previous].end = s.time;
      continue;
    }
    std::string speaker, body = s.text;
    if (auto label = lines::plain_turn(s.text)) {
      speaker = label->speaker;
      body = label->text;
    }
    ep.blocks.push_back({BlockKind::turn, 0, speaker, body, s.time, std::nullopt, s.line});
    previous = ep.blocks.size() - 1;
  }
  if (ep.blocks.empty()) {
    if (skipped == 0) sink.error(0, 0, "no timed lines found; expected lines like \"[00:12.00]text\"");
    else sink.error(0, 0, "no timed line could be read (" + std::to_string(skipped) + " skipped, see above); expected lines like \"[00:12.00]text\"");
  }
}

}  // namespace tingdu::sync::readers
