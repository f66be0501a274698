// Shared by the timeline commands of tingdu-cli: a transcript, the audio's duration, the
// listener's anchors and the timeline built from them.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sync/alignment.h"
#include "sync/reader.h"
#include "sync/timeline.h"

namespace tingdu::cli {

// The options every timeline command takes.
struct SessionOptions {
  std::string transcript;
  std::string input_format;
  std::optional<double> duration;  // --duration SEC
  std::string audio;               // --audio AUDIO: the duration comes from the file
  std::string anchors;             // --anchors FILE instead of the default sidecar
  bool no_align = false;           // --no-align: with --audio, the plain estimate (no alignment)

  // Registers TRANSCRIPT (positional, first), --duration, --audio, --anchors, --input-format.
  void add_to(CLI::App& cmd);
};

// Not movable: the timeline points into `read.episode`.
struct Session {
  Session() = default;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  std::string bytes;                 // the transcript file as read (its hash keys the sidecar)
  sync::ReadResult read;
  std::filesystem::path anchor_path;
  std::unique_ptr<sync::Timeline> timeline;
  std::optional<sync::AlignmentResult> alignment;  // with --audio (and not --no-align)
};

// Loads everything, printing diagnostics and problems to stderr. nullptr (after printing why)
// when the transcript has errors or the audio can't be probed.
std::unique_ptr<Session> open_session(const SessionOptions& options);

}  // namespace tingdu::cli
