// What the window tells the listener in words: the status line's messages (the latest one is
// news for kMessageSeconds) and the errors that stay on screen until dismissed (a file that
// would not open, audio far shorter than the transcript). UI thread only.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace tingdu::ui {

class StatusMessages {
 public:
  // Puts `message` on the status line; the next one replaces it.
  void say(std::string message);
  // Says `message`, and keeps it among the errors (once, however often it is reported).
  void report_error(std::string message);
  void dismiss_error(std::size_t i);
  void clear_errors() { errors_.clear(); }

  const std::string& last() const { return last_; }
  // The last message while it is news, else "".
  std::string recent() const;
  // The messages said since the last take (for the log and the CLI's echo).
  std::vector<std::string> take() { return std::exchange(pending_, {}); }
  const std::vector<std::string>& errors() const { return errors_; }

  static constexpr double kMessageSeconds = 10;

 private:
  std::vector<std::string> pending_;
  std::string last_;
  std::chrono::steady_clock::time_point last_time_;
  std::vector<std::string> errors_;
};

}  // namespace tingdu::ui
