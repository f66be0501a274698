// Downloading one file (an episode's audio, transcript or chapters) so that nothing half-written
// is ever taken for the whole: bytes go to "<target>.part", a dropped or cancelled transfer keeps
// the part and the next call resumes it with an HTTP Range request, and the part is renamed to
// `target` only when its size matches what the server said (Content-Length / Content-Range).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "feeds/http.h"

namespace tingdu::feeds {

// Called as bytes arrive and about once a second while waiting: `bytes` in the file so far
// (resumed bytes included), `total` the whole file's size or -1 when the server did not say.
// Returning false cancels (the part is kept for a later resume). Called on the downloading thread.
using DownloadProgress = std::function<bool(std::int64_t bytes, std::int64_t total)>;

struct DownloadResult {
  enum class Status { complete, already_complete, cancelled, failed };
  Status status = Status::failed;
  std::int64_t bytes = 0;          // size of the target (complete) or of the part (otherwise)
  bool resumed = false;            // continued a part from where it stopped
  bool restarted = false;          // had a part, but the server sent the whole file again
  std::string error;               // for failed: what happened, naming the URL or the file
  std::vector<std::string> notes;  // what the listener should know ("the server does not ...")

  bool ok() const { return status == Status::complete || status == Status::already_complete; }
};

// Downloads `url` (http or https only) to `target`, whose folder must exist. A target that
// exists is taken as complete (only ever made by the rename). Blocks until done.
DownloadResult download_file(const std::string& url, const std::filesystem::path& target, const HttpOptions& options,
                             const DownloadProgress& progress = {});

// The part file download_file writes first.
std::filesystem::path part_path(const std::filesystem::path& target);

}  // namespace tingdu::feeds
