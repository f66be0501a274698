#include "atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tingdu::feeds {

std::string sync_fd(int fd, const std::filesystem::path& path) {
  if (::fsync(fd) != 0) return "writing " + path.string() + ": " + std::strerror(errno);
  return "";
}

std::string write_atomically(const std::filesystem::path& path, std::string_view content) {
  std::string temp = path.string() + ".XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return "writing " + path.string() + ": " + std::strerror(errno);
  std::string error;
  for (std::size_t done = 0; done < content.size() && error.empty();) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = "writing " + path.string() + ": " + std::strerror(errno);
    else done += std::size_t(n);
  }
  if (error.empty()) error = sync_fd(fd, path);
  // mkstemp makes the file 0600; a subscription list or a cached feed is the listener's to share.
  if (error.empty() && ::fchmod(fd, 0644) != 0) error = "writing " + path.string() + ": " + std::strerror(errno);
  if (::close(fd) != 0 && error.empty()) error = "writing " + path.string() + ": " + std::strerror(errno);
  if (error.empty() && std::rename(temp.c_str(), path.c_str()) != 0)
    error = "writing " + path.string() + ": " + std::strerror(errno);
  if (!error.empty()) ::unlink(temp.c_str());
  return error;
}

}  // namespace tingdu::feeds
