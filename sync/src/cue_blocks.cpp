#include "cue_blocks.h"

#include <algorithm>

#include "sync/time_format.h"

namespace tingdu::sync::cues {

std::vector<std::vector<text::Line>> blocks(std::string_view text) {
  std::vector<std::vector<text::Line>> out;
  std::vector<text::Line> current;
  for (const text::Line& line : text::split_lines(text)) {
    if (text::trim(line.text).empty()) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(line);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool is_timing_line(std::string_view line) { return line.find("-->") != std::string_view::npos; }

std::optional<Timing> parse_timing(const text::Line& line, DiagnosticSink& sink) {
  std::string_view l = line.text;
  auto arrow = l.find("-->");
  std::string_view a = text::trim(l.substr(0, arrow));
  std::string_view rest = text::trim(l.substr(arrow + 3));
  std::string_view b = rest.substr(0, rest.find_first_of(" \t"));
  auto start = parse_cue_time(a);
  auto end = parse_cue_time(b);
  if (!start || !end) {
    bool first = !start;
    std::size_t col = first ? l.find(a) : l.find(b, arrow);
    skip_cue(sink, line.number, int(text::count_code_points(l.substr(0, col))) + 1,
             "expected a time like 00:01:02,500 or 01:02.500, found \"" + text::excerpt(first ? a : b) + "\"");
    return std::nullopt;
  }
  if (*end < *start) {
    sink.warning(line.number, 1, "this cue ends (" + std::string(b) + ") before it starts (" +
                                     std::string(a) + "); its end is set to its start");
    end = start;
  }
  return Timing{*start, *end};
}

void skip_cue(DiagnosticSink& sink, int line, int column, const std::string& why) {
  sink.skipped(line, column, "this cue is skipped: " + why);
}

void refuse_empty(DiagnosticSink& sink, std::size_t skipped, const std::string& example) {
  if (skipped == 0)
    sink.error(0, 0, "no subtitle cues found; expected cues like " + example);
  else
    sink.error(0, 0, "no cue could be read (" + std::to_string(skipped) + " skipped, see above); expected cues like " + example);
}

void sort_by_start(Episode& ep, DiagnosticSink& sink) {
  auto by_start = [](const Block& x, const Block& y) { return x.start.value_or(0) < y.start.value_or(0); };
  auto it = std::is_sorted_until(ep.blocks.begin(), ep.blocks.end(), by_start);
  if (it == ep.blocks.end()) return;
  sink.warning(it->line, 1, "cues are not in time order (this one starts before the one above it); "
                            "sorted by start time");
  std::stable_sort(ep.blocks.begin(), ep.blocks.end(), by_start);
}

}  // namespace tingdu::sync::cues
