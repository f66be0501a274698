// Writing a file so that a crash or a full disk never leaves it half-written: the content goes
// to a temporary file in the same folder, is flushed to disk (fsync), and is renamed over the
// target in one step. The old file stays intact until the rename.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tingdu::sync {

// Returns an empty string on success, else a message naming the path and the system's reason.
// The parent folder is created when missing. The temporary file is removed on failure.
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content);
// The same for content in pieces, written one after the other (large binary files need no copy
// of themselves in memory).
std::string write_file_atomically(const std::filesystem::path& path, const std::vector<std::string_view>& pieces);

}  // namespace tingdu::sync
