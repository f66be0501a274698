// Reading a transcript file in any supported format into an Episode.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/diagnostic.h"
#include "sync/episode.h"
#include "sync/format.h"

namespace tingdu::sync {

struct ReadResult {
  Episode episode;
  Format format = Format::markdown;
  std::string encoding;       // of the input, as decode_text found it
  int joined_turns = 0;       // Markdown: turns cut at a part break and joined back together
  std::vector<Diagnostic> diagnostics;

  // True when nothing is an error (warnings allowed): the episode can be used.
  bool ok() const;
};

// Parses `bytes` (any supported encoding). `name` is used in diagnostics and, with no `format`
// given, its extension and the content decide the format (see detect_format). Never throws on
// bad input; problems are in `diagnostics`.
ReadResult parse_transcript(std::string_view bytes, const std::string& name,
                            std::optional<Format> format = std::nullopt);

// Reads and parses a file; a file that can't be read (missing, a folder, over kMaxInputBytes)
// is an error diagnostic with line 0.
ReadResult read_transcript_file(const std::filesystem::path& path,
                                std::optional<Format> format = std::nullopt);

// Inputs larger than this are refused: no transcript comes near it (the bundled one is 0.3 MB).
inline constexpr std::uintmax_t kMaxInputBytes = 256u << 20;

}  // namespace tingdu::sync
