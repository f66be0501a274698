// The transcript formats Tingdu reads and writes, and how a file's format is recognized.
#pragma once

#include <optional>
#include <string_view>

namespace tingdu::sync {

enum class Format {
  markdown,       // the bundled episode's form: outline, summary, "**Name:** text" turns
  srt,            // SubRip
  vtt,            // WebVTT, speakers as <v Name> voice tags
  lrc,            // LRC lyrics, [mm:ss.xx] stamps
  podcast_json,   // Podcasting 2.0 JSON transcript ("segments")
  chapters_json,  // Podcasting 2.0 JSON chapters ("chapters")
  plain,          // "0:00 Intro" chapter lines plus untimed "Name: text" turns
};

// Short names used on the command line: markdown srt vtt lrc json chapters-json plain.
std::string_view format_name(Format f);
std::optional<Format> format_from_name(std::string_view name);

// Chooses a reader from a file name's extension, then from the first bytes of its text:
// ".srt" srt, ".vtt" vtt, ".lrc" lrc, ".json" podcast_json or chapters_json by its keys,
// ".md"/".markdown" markdown; otherwise "WEBVTT" vtt, "{" json, an SRT cue, "[mm:ss" lrc,
// "**Name:**" markdown, and plain for anything else.
Format detect_format(std::string_view file_name, std::string_view utf8_text);

}  // namespace tingdu::sync
