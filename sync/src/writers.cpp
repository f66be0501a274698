#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "markup.h"
#include "sync/time_format.h"
#include "sync/writer.h"

namespace tingdu::sync {
namespace {

struct TimedTurn {
  const Block* block;
  double start;
  double end;
  std::optional<double> given_end;
};

// Turns with their start and (given or derived) end; an error when a turn has no start.
std::optional<std::vector<TimedTurn>> timed_turns(const Episode& ep, std::string& error) {
  std::vector<TimedTurn> out;
  std::size_t index = 0;
  for (const Block& b : ep.blocks) {
    if (b.kind != BlockKind::turn) continue;
    if (!b.start) {
      error = "turn " + std::to_string(index) + " (line " + std::to_string(b.line) +
              ") has no start time; timed formats need a time for every turn";
      return std::nullopt;
    }
    out.push_back({&b, *b.start, 0, b.end});
    ++index;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].given_end) out[i].end = *out[i].given_end;
    else if (i + 1 < out.size()) out[i].end = std::max(out[i].start, out[i + 1].start);
    else out[i].end = out[i].start + kLastCueSeconds;
  }
  return out;
}

// Cue text may not contain blank lines (they end the cue).
std::string without_blank_lines(std::string s) {
  std::size_t at;
  while ((at = s.find("\n\n")) != std::string::npos) s.erase(at, 1);
  return s;
}


std::string lrc_stamp(double seconds) {
  long long ms = std::llround(std::max(0.0, seconds) * 1000.0);
  char buf[40];
  std::snprintf(buf, sizeof buf, "[%02lld:%02lld.%03lld]", ms / 60000, (ms / 1000) % 60, ms % 1000);
  return buf;
}

std::string write_srt(const std::vector<TimedTurn>& turns) {
  std::string out;
  int n = 1;
  for (const auto& t : turns) {
    out += std::to_string(n++) + "\n" + format_cue_time(t.start, ',') + " --> " + format_cue_time(t.end, ',') + "\n";
    std::string body = markup::render(t.block->text, t.block->markup, markup::Dialect::srt);
    if (!t.block->speaker.empty()) body = t.block->speaker + ": " + body;
    out += without_blank_lines(body) + "\n\n";
  }
  return out;
}

std::string write_vtt(const Episode& ep, const std::vector<TimedTurn>& turns) {
  std::string out = "WEBVTT";
  if (!ep.meta.title.empty()) out += " - " + without_blank_lines(ep.meta.title);
  out += "\n\n";
  for (const auto& t : turns) {
    out += format_cue_time(t.start, '.') + " --> " + format_cue_time(t.end, '.') + "\n";
    std::string body = without_blank_lines(markup::render(t.block->text, t.block->markup, markup::Dialect::vtt));
    // "-->" would read as a timing line.
    for (std::size_t at; (at = body.find("-->")) != std::string::npos;) body.replace(at, 3, "--&gt;");
    if (!t.block->speaker.empty()) body = "<v " + markup::render(t.block->speaker, {}, markup::Dialect::vtt) + ">" + body;
    out += body + "\n\n";
  }
  return out;
}

std::string write_lrc(const Episode& ep, const std::vector<TimedTurn>& turns) {
  std::string out;
  if (!ep.meta.title.empty()) out += "[ti:" + ep.meta.title + "]\n";
  for (std::size_t i = 0; i < turns.size(); ++i) {
    const auto& t = turns[i];
    std::string body = t.block->text;
    for (char& c : body)
      if (c == '\n') c = ' ';
    out += lrc_stamp(t.start) + (t.block->speaker.empty() ? "" : t.block->speaker + ": ") + body + "\n";
    // An empty stamp keeps an end that is not simply the next line's start.
    if (t.given_end) {
      bool end_is_next = i + 1 < turns.size() && std::abs(turns[i + 1].start - *t.given_end) < 0.0005;
      if (!end_is_next) out += lrc_stamp(*t.given_end) + "\n";
    }
  }
  return out;
}

std::string write_json(const std::vector<TimedTurn>& turns) {
  nlohmann::ordered_json segments = nlohmann::ordered_json::array();
  for (const auto& t : turns)
    segments.push_back({{"speaker", t.block->speaker},
                        {"startTime", round_ms(t.start)},
                        {"endTime", round_ms(t.end)},
                        {"body", t.block->text}});
  nlohmann::ordered_json doc = {{"version", "1.0.0"}, {"segments", segments}};
  return doc.dump(2) + "\n";
}

std::string write_chapters_json(const Episode& ep) {
  nlohmann::ordered_json chapters = nlohmann::ordered_json::array();
  for (const Chapter& c : ep.chapters) {
    nlohmann::ordered_json item = {{"startTime", round_ms(c.start)}, {"title", c.title}};
    if (c.end) item["endTime"] = round_ms(*c.end);
    chapters.push_back(item);
  }
  nlohmann::ordered_json doc = {{"version", "1.2.0"}};
  if (!ep.meta.title.empty()) doc["title"] = ep.meta.title;
  doc["chapters"] = chapters;
  return doc.dump(2) + "\n";
}

}  // namespace

WriteResult write_transcript(const Episode& episode, Format format) {
  if (format == Format::chapters_json) return {write_chapters_json(episode), {}};
  if (format == Format::markdown || format == Format::plain)
    return {{}, "writing " + std::string(format_name(format)) + " is not supported; choose srt, vtt, lrc, json or chapters-json"};
  std::string error;
  auto turns = timed_turns(episode, error);
  if (!turns) return {{}, error};
  switch (format) {
    case Format::srt: return {write_srt(*turns), {}};
    case Format::vtt: return {write_vtt(episode, *turns), {}};
    case Format::lrc: return {write_lrc(episode, *turns), {}};
    default: return {write_json(*turns), {}};
  }
}

}  // namespace tingdu::sync
