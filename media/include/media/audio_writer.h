// Writing audio to a file with FFmpeg's encoders, streaming: samples go in as they are made and
// the file is finished by close(). The codec follows the file's extension: .opus (libopus, 48 kHz,
// speech bitrate), .mp3 (libmp3lame), .m4a (AAC), .flac, .wav. The data goes to a temporary file
// in the same folder that close() renames into place, so a failed run leaves no half file.
#pragma once

#include <memory>
#include <string>

namespace tingdu::media {

class AudioWriter {
 public:
  // Mono or stereo float input at `rate` Hz; `bitrate` in bits per second for lossy codecs.
  // nullptr with `error` set when the file can't be created or the codec is missing.
  static std::unique_ptr<AudioWriter> create(const std::string& path, int rate, int channels, int bitrate,
                                             std::string& error);
  ~AudioWriter();  // without close(): the temporary file is removed

  // Interleaved frames. False (with error()) when encoding failed.
  bool write(const float* samples, std::size_t frames);
  // Flushes, finishes the container and renames the file into place.
  bool close();
  const std::string& error() const;

 private:
  AudioWriter();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tingdu::media
