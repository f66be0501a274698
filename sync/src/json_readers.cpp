// Readers for Podcasting 2.0 JSON: transcripts ({"segments": [{"speaker", "startTime",
// "endTime", "body"}]}) and chapters ({"chapters": [{"startTime", "title", "endTime"?}]}).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "json_locator.h"
#include "readers.h"
#include "sync/time_format.h"
#include "text_util.h"

namespace tingdu::sync::readers {
namespace {

using nlohmann::json;

// Deeper nesting than any real file has; refused before parsing so hostile input costs nothing.
constexpr int kMaxJsonDepth = 32;

// Parses `text` and returns the array under `key`, or nullptr after reporting an error.
const json* root_array(std::string_view text, const char* key, json& doc, const JsonLocator& where,
                       DiagnosticSink& sink) {
  if (where.max_depth() > kMaxJsonDepth) {
    sink.error(0, 0, "JSON nested " + std::to_string(where.max_depth()) + " levels deep; expected at most " +
                         std::to_string(kMaxJsonDepth));
    return nullptr;
  }
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    auto pos = text::position_of(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    auto detail = what.find("syntax error");
    sink.error(pos.line, pos.column, "invalid JSON: " + (detail != std::string::npos ? what.substr(detail) : what));
    return nullptr;
  } catch (const json::exception& e) {  // e.g. a number too large for a double
    sink.error(0, 0, std::string("invalid JSON: ") + e.what());
    return nullptr;
  }
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array()) {
    sink.error(1, 1, std::string("expected a JSON object with a \"") + key + "\" array");
    return nullptr;
  }
  return &doc[key];
}

// A time field: a finite, non-negative number of seconds, at most kMaxTimeSeconds.
std::optional<double> time_field(const json& item, const char* field, const char* array, std::size_t i,
                                 bool required, const JsonLocator& where, DiagnosticSink& sink) {
  int line = where.line_of(array, i);
  if (!item.contains(field)) {
    if (required)
      sink.error(line, 0, std::string(array) + "[" + std::to_string(i) + "]: expected \"" + field +
                              "\", a number of seconds");
    return std::nullopt;
  }
  const json& v = item[field];
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
      v.get<double>() > kMaxTimeSeconds) {
    sink.error(line, 0, std::string(array) + "[" + std::to_string(i) + "]." + field +
                            ": expected a number of seconds from 0 to " + std::to_string(long(kMaxTimeSeconds)) +
                            ", found " + text::excerpt(v.dump()));
    return std::nullopt;
  }
  return v.get<double>();
}

std::string string_field(const json& item, const char* field) {
  auto it = item.find(field);
  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void read_podcast_json(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  JsonLocator where(text);
  json doc;
  const json* segments = root_array(text, "segments", doc, where, sink);
  if (!segments) return;
  for (std::size_t i = 0; i < segments->size(); ++i) {
    const json& s = (*segments)[i];
    int line = where.line_of("segments", i);
    if (!s.is_object() || !s.contains("body") || !s["body"].is_string()) {
      sink.error(line, 0, "segments[" + std::to_string(i) + "]: expected an object with a \"body\" string");
      continue;
    }
    auto start = time_field(s, "startTime", "segments", i, true, where, sink);
    auto end = time_field(s, "endTime", "segments", i, false, where, sink);
    if (!start) continue;
    if (end && *end < *start) {
      sink.warning(line, 0, "segments[" + std::to_string(i) + "] ends before it starts; its end is set to its start");
      end = start;
    }
    out.episode.blocks.push_back({BlockKind::turn, 0, string_field(s, "speaker"), s["body"].get<std::string>(),
                                  start, end, line});
  }
}

void read_chapters_json(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  JsonLocator where(text);
  json doc;
  const json* chapters = root_array(text, "chapters", doc, where, sink);
  if (!chapters) return;
  if (doc.contains("title") && doc["title"].is_string()) out.episode.meta.title = doc["title"];
  for (std::size_t i = 0; i < chapters->size(); ++i) {
    const json& c = (*chapters)[i];
    int line = where.line_of("chapters", i);
    if (!c.is_object()) {
      sink.error(line, 0, "chapters[" + std::to_string(i) + "]: expected an object with \"startTime\" and \"title\"");
      continue;
    }
    auto start = time_field(c, "startTime", "chapters", i, true, where, sink);
    auto end = time_field(c, "endTime", "chapters", i, false, where, sink);
    if (!start) continue;
    out.episode.chapters.push_back({*start, end, string_field(c, "title"), {}, {}, line});
  }
  auto& list = out.episode.chapters;
  if (!std::is_sorted(list.begin(), list.end(), [](auto& a, auto& b) { return a.start < b.start; })) {
    sink.warning(0, 0, "chapters are not in time order; sorted by startTime");
    std::stable_sort(list.begin(), list.end(), [](auto& a, auto& b) { return a.start < b.start; });
  }
}

}  // namespace tingdu::sync::readers
