// Shared by the tingdu-cli commands: loading a transcript and reporting its diagnostics.
#pragma once

#include <optional>
#include <string>

#include "sync/reader.h"

namespace tingdu::cli {

// Reads `path` (format from `format_name` when given, else detected), prints every diagnostic
// to stderr in "FILE:LINE:COL: error: ..." form, and returns the result; the caller checks ok().
// An unknown format name is reported as an error too.
sync::ReadResult load_transcript(const std::string& path, const std::string& format_name = "");

// A time argument (seconds, M:SS or H:MM:SS); nullopt after printing what was expected, naming
// the option `what`.
std::optional<double> parse_time_or_report(const std::string& text, const char* what);

// Writes `content` to `out_path` (atomically), or to stdout when out_path is empty or "-".
// Returns the process exit code: 0, or 1 after printing the error (a missing folder is one:
// it is not created).
int write_output(const std::string& out_path, const std::string& content);

}  // namespace tingdu::cli
