#include "sync/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tingdu::sync {

std::string write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  return write_file_atomically(path, std::vector<std::string_view>{content});
}

std::string write_file_atomically(const std::filesystem::path& path, const std::vector<std::string_view>& pieces) {
  std::error_code ec;
  auto folder = path.parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  if (ec) return path.string() + ": cannot create folder " + folder.string() + ": " + ec.message();

  std::string tmp = path.string() + ".tmp-XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) return path.string() + ": cannot create a temporary file: " + std::strerror(errno);
  auto fail = [&](const char* what) {
    std::string message = path.string() + ": " + what + ": " + std::strerror(errno);
    if (fd >= 0) close(fd);
    unlink(tmp.c_str());
    return message;
  };
  for (std::string_view content : pieces)
    for (std::size_t done = 0; done < content.size();) {
      ssize_t n = write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return fail("cannot write");
      done += std::size_t(n);
    }
  // mkstemp creates 0600; a user's file should have the usual permissions.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (fsync(fd) != 0) return fail("cannot flush to disk");
  if (close(fd) != 0) {
    fd = -1;
    return fail("cannot close");
  }
  fd = -1;
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot replace the file");
  return {};
}

}  // namespace tingdu::sync
