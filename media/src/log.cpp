#include "media/log.h"

extern "C" {
#include <libavutil/log.h>
}

#include <mutex>
#include <string>

namespace tingdu::media {
namespace {

// --- protected by g_mutex (FFmpeg may log from several threads at once)
std::mutex g_mutex;
LogSink g_sink;
int g_least = AV_LOG_WARNING;

LogLevel level_of(int av_level) {
  if (av_level <= AV_LOG_ERROR) return LogLevel::error;
  if (av_level <= AV_LOG_WARNING) return LogLevel::warning;
  if (av_level <= AV_LOG_INFO) return LogLevel::info;
  return LogLevel::debug;
}

void callback(void* avcl, int av_level, const char* format, va_list args) {
  // FFmpeg builds a line from several calls; each thread keeps its own partial line.
  thread_local std::string pending;
  thread_local int print_prefix = 1;
  {
    std::lock_guard lock(g_mutex);
    if (!g_sink || av_level > g_least) return;
  }
  char buf[1024];
  av_log_format_line2(avcl, av_level, format, args, buf, sizeof buf, &print_prefix);
  pending += buf;
  if (pending.empty() || pending.back() != '\n') return;
  pending.pop_back();
  std::string line = std::move(pending);
  pending.clear();
  std::lock_guard lock(g_mutex);
  if (g_sink) g_sink(level_of(av_level), line);
}

}  // namespace

void set_ffmpeg_log_sink(LogSink sink, LogLevel least) {
  std::lock_guard lock(g_mutex);
  g_sink = std::move(sink);
  g_least = least == LogLevel::error ? AV_LOG_ERROR : least == LogLevel::warning ? AV_LOG_WARNING
          : least == LogLevel::info  ? AV_LOG_INFO  : AV_LOG_DEBUG;
  av_log_set_callback(callback);
}

}  // namespace tingdu::media
