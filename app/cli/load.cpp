#include "load.h"

#include <filesystem>
#include <iostream>

#include "sync/atomic_file.h"
#include "sync/time_format.h"

namespace tingdu::cli {

sync::ReadResult load_transcript(const std::string& path, const std::string& format_name) {
  std::optional<sync::Format> format;
  if (!format_name.empty()) {
    format = sync::format_from_name(format_name);
    if (!format) {
      sync::ReadResult bad;
      bad.diagnostics.push_back({sync::Severity::error, path, 0, 0,
                                 "unknown format \"" + format_name +
                                     "\"; expected markdown, srt, vtt, lrc, json, chapters-json or plain"});
      std::cerr << sync::to_string(bad.diagnostics.back()) << "\n";
      return bad;
    }
  }
  sync::ReadResult result = sync::read_transcript_file(path, format);
  for (const auto& d : result.diagnostics) std::cerr << sync::to_string(d) << "\n";
  return result;
}

std::optional<double> parse_time_or_report(const std::string& text, const char* what) {
  auto t = sync::parse_time_argument(text);
  if (!t) std::cerr << "error: " << what << ": expected seconds, M:SS or H:MM:SS, found \"" << text << "\"\n";
  return t;
}

int write_output(const std::string& out_path, const std::string& content) {
  if (out_path.empty() || out_path == "-") {
    std::cout << content;
    std::cout.flush();
    return std::cout ? 0 : 1;
  }
  std::filesystem::path parent = std::filesystem::path(out_path).parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent)) {
    std::cerr << out_path << ": error: the folder " << parent.string() << " does not exist\n";
    return 1;
  }
  std::string error = sync::write_file_atomically(out_path, content);
  if (!error.empty()) {
    std::cerr << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace tingdu::cli
