// FFmpeg error codes as text, and RAII owners for the libav* objects media/ uses (internal).
#pragma once

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/error.h>
}

#include <memory>
#include <string>

namespace tingdu::media {

inline std::string av_error_text(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

// Why avformat_open_input() failed, in a listener's words: "PATH: what".
inline std::string open_error(const std::string& path, int code) {
  if (code == AVERROR(ENOENT)) return path + ": no such file";
  if (code == AVERROR(EACCES)) return path + ": permission denied";
  if (code == AVERROR(EISDIR)) return path + ": a folder, not an audio file";
  if (code == AVERROR_INVALIDDATA || code == AVERROR(EINVAL))
    return path + ": not an audio file FFmpeg can read (" + av_error_text(code) + ")";
  return path + ": cannot open: " + av_error_text(code);
}

// Closes the context, and the AVIOContext of ours that input.h's open_input gave it, if any.
struct FormatContextCloser {
  void operator()(AVFormatContext* ctx) const;
};
using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextCloser>;

}  // namespace tingdu::media
