// A file replaced in one step: written to a temporary file in the same folder, flushed to disk
// and renamed over the target, so a crash or a full disk leaves the old file or the new one.
// (sync/ has the same for its own files; feeds/ does not depend on sync/.)
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tingdu::feeds {

// "" on success, else a message naming the path and the system's reason. The temporary file is
// removed on failure; the folder must exist.
std::string write_atomically(const std::filesystem::path& path, std::string_view content);

// Flushes an open file descriptor's data to disk; "" or the reason.
std::string sync_fd(int fd, const std::filesystem::path& path);

}  // namespace tingdu::feeds
