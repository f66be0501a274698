// ffmpeg for the conversation generator: decoding prompts and music to mono float samples at
// one rate, and encoding the finished conversation. Needs the `ffmpeg` command on the PATH.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "common.h"

namespace conv {

std::string lowercase_extension(const fs::path& file);
std::string shell_quote(const std::string& s);

// A shell command with its standard input or output connected to us.
class Process {
 public:
  Process(const std::string& command, const char* mode) : pipe_(popen(command.c_str(), mode)) {
    if (!pipe_) throw Failure("could not start \"" + command + "\"");
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() {
    if (pipe_) pclose(pipe_);
  }

  FILE* pipe() { return pipe_; }

  // Waits for the command and returns its exit status (-1 when a signal ended it). The shell's 127
  // means that ffmpeg itself was not found, which no caller can recover from.
  int wait() {
    int status = pclose(std::exchange(pipe_, nullptr));
    int code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 127) throw Failure("could not run ffmpeg; expected the ffmpeg command on the PATH");
    return code;
  }

 private:
  FILE* pipe_;
};

// Decodes sound files to mono float samples at one rate, through a scratch directory (removed
// again) that receives one raw file per input.
class Decoder {
 public:
  Decoder(int rate, fs::path scratch) : rate_(rate), scratch_(std::move(scratch)) {
    fs::create_directories(scratch_);
  }
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  ~Decoder();

  int rate() const { return rate_; }
  std::int64_t samples(double seconds) const { return std::llround(seconds * rate_); }

  // One ffmpeg process for all of `files`; a file that fails is named.
  std::vector<Samples> decode(const std::vector<fs::path>& files);

 private:
  fs::path raw_file(std::size_t k) const { return scratch_ / (std::to_string(k) + ".f32"); }

  int rate_;
  fs::path scratch_;
};

// mp3 (libmp3lame 64 kbit/s), flac or wav (16-bit PCM), mono at `rate`.
void encode(const Samples& audio, int rate, const std::string& format, const fs::path& file);

}  // namespace conv
