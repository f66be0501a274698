#include "app_log.h"

#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

#include "media/log.h"

namespace tingdu::app {
namespace {

// --- protected by g_mutex
std::mutex g_mutex;
std::FILE* g_file = nullptr;
bool g_echo = false;

}  // namespace

void start_log(const std::filesystem::path& file, bool echo_to_stderr) {
  {
    std::lock_guard lock(g_mutex);
    g_echo = echo_to_stderr;
    if (!file.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(file.parent_path(), ec);
      // The previous run's log is kept beside it (a problem is often noticed on the next start).
      std::filesystem::rename(file, file.string() + ".1", ec);
      g_file = std::fopen(file.c_str(), "w");  // a missing log is no reason to stop
    }
  }
  media::set_ffmpeg_log_sink([](media::LogLevel level, std::string_view line) {
    const char* tag = level == media::LogLevel::error ? "ffmpeg error: " : "ffmpeg: ";
    log_line(std::string(tag) + std::string(line));
  });
}

void log_line(std::string_view line) {
  std::lock_guard lock(g_mutex);
  if (g_file) {
    std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%H:%M:%S ", std::localtime(&now));
    std::fprintf(g_file, "%s%.*s\n", stamp, int(line.size()), line.data());
    std::fflush(g_file);
  }
  if (g_echo) std::fprintf(stderr, "%.*s\n", int(line.size()), line.data());
}

}  // namespace tingdu::app
