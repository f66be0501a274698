// What an audio (or video) file holds, read with FFmpeg's libavformat without decoding it.
#pragma once

#include "media/growing_file.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tingdu::media {

struct ContainerChapter {
  double start = 0;  // seconds
  double end = 0;    // seconds
  std::string title; // the chapter's "title" tag, may be empty
};

struct AudioInfo {
  std::string container;   // FFmpeg's short name: "mp3", "mov,mp4,m4a,3gp,3g2,mj2", "ogg", ...
  std::string codec;       // "mp3", "aac", "opus", "vorbis", "flac", "pcm_s16le", ...
  int stream_index = -1;   // the best audio stream (av_find_best_stream)
  int sample_rate = 0;     // Hz
  int channels = 0;
  double duration = 0;     // seconds; from the stream, else the container; may be estimated
                           // from the bitrate for VBR MP3 (the audio engine refines it)
  std::vector<ContainerChapter> chapters;  // MP3 ID3 CHAP, MP4 chapters, Matroska/Ogg chapters
};

struct ProbeResult {
  std::optional<AudioInfo> info;
  std::string error;  // "PATH: what went wrong" when info is empty
};

// Opens `path`, picks the best audio stream and reports it. A missing file, a file FFmpeg can't
// read, or one with no audio stream is an error, never a crash. With `growing` (a download), it
// reads what has arrived and never waits: a duration that needs the file's end is then unknown.
ProbeResult probe_audio(const std::string& path, const std::shared_ptr<const GrowingFile>& growing = nullptr);

}  // namespace tingdu::media
