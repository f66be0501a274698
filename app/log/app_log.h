// The programs' own log: what went on behind the messages the listener sees (FFmpeg's lines
// among it). Lines go to a file when one is given (the window keeps the last run's in
// $XDG_STATE_HOME/tingdu/tingdu.log) and to stderr only when asked (--verbose).
#pragma once

#include <filesystem>
#include <string_view>

namespace tingdu::app {

// Starts the log (and routes FFmpeg's messages into it). `file` may be empty (no file); the
// previous run's is kept as `file`.1. Call once, before any other thread logs.
void start_log(const std::filesystem::path& file, bool echo_to_stderr);
// Thread-safe (never from the audio callback).
void log_line(std::string_view line);

}  // namespace tingdu::app
