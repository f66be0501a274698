#include "feeds/download.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "atomic_write.h"
#include "curl_easy.h"
#include "feeds/url.h"

namespace tingdu::feeds {
namespace fs = std::filesystem;

fs::path part_path(const fs::path& target) { return target.string() + ".part"; }

namespace {

// The validator (ETag, else Last-Modified) of the response a part started with, kept beside it
// so that a resume asks "If-Range": a file changed on the server is then sent whole, never
// spliced onto the old one's first bytes.
fs::path validator_path(const fs::path& target) { return target.string() + ".part.etag"; }

class Fd {
 public:
  ~Fd() { close(); }
  int get() const { return fd_; }
  bool open(const fs::path& p, int flags) {
    close();
    // O_NOFOLLOW: a symlink planted at the part's name is refused, not written through.
    fd_ = ::open(p.c_str(), flags | O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    return fd_ >= 0;
  }
  int close() {
    int rc = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    return rc;
  }

 private:
  int fd_ = -1;
};

struct Transfer {
  Transfer(Easy& e, fs::path p, fs::path t, std::int64_t o, const DownloadProgress& cb)
      : easy(e), part(std::move(p)), target(std::move(t)), offset(o), progress(cb) {}
  Easy& easy;
  fs::path part, target;
  std::int64_t offset;  // bytes the part had when the request was made
  const DownloadProgress& progress;
  Fd fd;
  bool started = false;
  static constexpr std::int64_t kWriteBackChunk = std::int64_t(8) << 20;
  std::int64_t bytes = 0;   // in the part now
  std::int64_t flushed = 0; // bytes whose writeback has been started
  std::int64_t total = -1;  // the whole file's size, when the server said
  bool cancelled = false;
  bool restarted = false;
  std::string error;  // a write error or a wrong answer, found in the callback

  // On the first bytes of the final response: append to the part (206 from our offset) or
  // start it over (200: the server sent everything).
  bool start() {
    started = true;
    long status = easy.status();
    curl_off_t length = -1;
    curl_easy_getinfo(easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    if (status == 206) {
      std::int64_t first = -1, last = -1, whole = -1;
      std::string range = easy.header("Content-Range");
      int n = std::sscanf(range.c_str(), "bytes %" SCNd64 "-%" SCNd64 "/%" SCNd64, &first, &last, &whole);
      if (n < 2 || first != offset) {
        error = "asked for the bytes from " + std::to_string(offset) + " on, the server sent \"" + range + "\"";
        return false;
      }
      total = n == 3 ? whole : -1;
      bytes = flushed = offset;
      if (!fd.open(part, O_APPEND)) return fail_io();
      return true;
    }
    restarted = offset > 0;
    bytes = flushed = 0;
    total = length;
    if (!fd.open(part, O_TRUNC)) return fail_io();
    std::string validator = easy.header("ETag");
    if (validator.empty()) validator = easy.header("Last-Modified");
    if (!validator.empty()) std::ofstream(validator_path(target)) << validator << "\n";
    return true;
  }

  bool fail_io() {
    error = "writing " + part.string() + ": " + std::strerror(errno);
    return false;
  }

  std::size_t write(const char* data, std::size_t n) {
    if (!started && !start()) return 0;
    for (std::size_t done = 0; done < n;) {
      ssize_t w = ::write(fd.get(), data + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        fail_io();
        return 0;
      }
      done += std::size_t(w);
    }
    bytes += std::int64_t(n);
    // Start writing back each 8 MiB as it is complete, so that the fsync before the rename
    // waits for the last few MiB, not for the whole file (0.25 s per 300 MB on this machine).
    if (bytes - flushed >= kWriteBackChunk) {
      ::sync_file_range(fd.get(), flushed, bytes - flushed, SYNC_FILE_RANGE_WRITE);
      flushed = bytes;
    }
    if (progress && !progress(bytes, total)) {
      cancelled = true;
      return 0;
    }
    return n;
  }
};

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
  return static_cast<Transfer*>(user)->write(data, size * count);
}

// While waiting for bytes (a slow server), the listener may still cancel.
int on_idle(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->progress && !t->progress(t->started ? t->bytes : t->offset, t->total)) t->cancelled = true;
  return t->cancelled ? 1 : 0;
}

std::int64_t file_size_or_zero(const fs::path& p) {
  struct stat st{};
  if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return std::int64_t(st.st_size);
}

std::string with_bytes(std::int64_t n) {
  std::string s = std::to_string(n), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out + " bytes";
}

// The file's size from a HEAD request's Content-Length; -1 when it fails or there is none.
std::int64_t size_by_head(const std::string& url, const HttpOptions& options) {
  Easy easy(url, options);
  if (!easy) return -1;
  curl_easy_setopt(easy.get(), CURLOPT_NOBODY, 1L);
  curl_off_t length = -1;
  if (curl_easy_perform(easy.get()) != CURLE_OK) return -1;
  curl_easy_getinfo(easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  return length;
}

// Renames the complete part over the target after flushing it to disk.
bool finish(Transfer& t, DownloadResult& r) {
  if (t.total >= 0 && t.bytes != t.total) {
    r.error = t.part.string() + ": has " + with_bytes(t.bytes) + " where the server said " + with_bytes(t.total) +
              "; kept as a part, not used";
    return false;
  }
  // Not opened yet: an empty file (no bytes came to open it), or a part found complete (416).
  if (t.fd.get() < 0 && !t.fd.open(t.part, t.bytes == 0 ? O_TRUNC : O_APPEND)) {
    r.error = "writing " + t.part.string() + ": " + std::strerror(errno);
    return false;
  }
  if (std::string e = sync_fd(t.fd.get(), t.part); !e.empty() || t.fd.close() != 0) {
    r.error = e.empty() ? "writing " + t.part.string() + ": " + std::strerror(errno) : e;
    return false;
  }
  std::error_code ec;
  fs::rename(t.part, t.target, ec);
  if (ec) {
    r.error = "renaming " + t.part.string() + " to " + t.target.filename().string() + ": " + ec.message();
    return false;
  }
  fs::remove(validator_path(t.target), ec);
  if (t.total < 0) r.notes.push_back(t.target.filename().string() + ": the server did not say the size; its end was taken as complete");
  r.status = DownloadResult::Status::complete;
  r.bytes = t.bytes;
  return true;
}

// One request. Returns true when it should be made once more from byte 0 (the part was bigger
// than the file).
bool attempt(const std::string& url, const fs::path& target, const HttpOptions& options, const DownloadProgress& progress,
             DownloadResult& r) {
  fs::path part = part_path(target);
  Easy easy(url, options);
  if (!easy) {
    r.error = url + ": could not start a transfer (libcurl)";
    return false;
  }
  std::int64_t offset = file_size_or_zero(part);
  if (offset > 0) {
    // CURLOPT_RANGE rather than RESUME_FROM: a server that ignores it and sends the whole file
    // is then our case to handle (start over), not a transfer error.
    std::string range = std::to_string(offset) + "-";
    curl_easy_setopt(easy.get(), CURLOPT_RANGE, range.c_str());
    std::string validator;
    std::ifstream in(validator_path(target));
    std::getline(in, validator);
    if (!validator.empty()) easy.add_header("If-Range: " + validator);
  }
  Transfer t(easy, part, target, offset, progress);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy.get(), CURLOPT_XFERINFOFUNCTION, on_idle);
  curl_easy_setopt(easy.get(), CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(easy.get(), CURLOPT_NOPROGRESS, 0L);
  // 256 KiB reads (curl's default is 16 KiB): a sixteenth of the write calls on a fast link.
  curl_easy_setopt(easy.get(), CURLOPT_BUFFERSIZE, 256L << 10);
  // Audio is sent as it is: no Accept-Encoding, so Content-Length is the file's size.
  curl_easy_setopt(easy.get(), CURLOPT_ACCEPT_ENCODING, nullptr);
  CURLcode rc = curl_easy_perform(easy.get());
  r.resumed = offset > 0 && t.started && !t.restarted;
  r.restarted = t.restarted;
  if (t.restarted) {
    bool says_ranges = easy.header("Accept-Ranges") == "bytes";
    r.notes.push_back(says_ranges ? url + ": the file changed on the server since the part was made: started over"
                                  : url + ": the server does not support resuming (no Range requests): started over from byte 0");
  } else if (r.resumed) {
    r.notes.push_back("resumed at " + with_bytes(offset));
  }
  r.bytes = t.started ? t.bytes : offset;
  if (rc == CURLE_OK) {
    finish(t, r);
    return false;
  }
  if (t.cancelled) {
    r.status = DownloadResult::Status::cancelled;
    r.error = "cancelled; " + part.filename().string() + " is kept (" + with_bytes(r.bytes) + ") and resumes next time";
    return false;
  }
  if (!t.error.empty()) {
    r.error = t.error;
    return false;
  }
  if (rc == CURLE_HTTP_RETURNED_ERROR && easy.status() == 416 && offset > 0) {
    // The part reaches the end already (complete but not yet renamed), or is longer than the file.
    // The size is in the 416's Content-Range when the server sends one (lighttpd does not), else
    // a HEAD request tells it.
    std::int64_t whole = -1;
    if (std::sscanf(easy.header("Content-Range").c_str(), "bytes */%" SCNd64, &whole) != 1) whole = size_by_head(url, options);
    if (whole == offset) {
      t.bytes = t.total = offset;
      finish(t, r);
      return false;
    }
    std::error_code ec;
    fs::remove(part, ec);
    r.notes.push_back(part.filename().string() + " was longer than the file on the server: started over");
    return true;
  }
  if (rc == CURLE_PARTIAL_FILE) {
    r.error = url + ": the connection closed after " + with_bytes(t.bytes) +
              (t.total >= 0 ? " of " + with_bytes(t.total) : "") + "; the part is kept and resumes next time";
    return false;
  }
  r.error = easy.describe(rc) + (r.bytes > 0 ? "; the part is kept (" + with_bytes(r.bytes) + ")" : "");
  return false;
}

}  // namespace

DownloadResult download_file(const std::string& url, const fs::path& target, const HttpOptions& options,
                             const DownloadProgress& progress) {
  DownloadResult r;
  if (!is_http_url(url)) {
    r.error = url + ": only http and https downloads are allowed";
    return r;
  }
  struct stat st{};
  if (::lstat(target.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      r.error = target.string() + ": exists and is not a regular file; not touched";
      return r;
    }
    r.status = DownloadResult::Status::already_complete;
    r.bytes = std::int64_t(st.st_size);
    return r;
  }
  if (attempt(url, target, options, progress, r)) attempt(url, target, options, progress, r);
  return r;
}

}  // namespace tingdu::feeds
