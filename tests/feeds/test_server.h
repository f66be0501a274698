// A real web server for the feed and download tests: Debian's lighttpd on 127.0.0.1, on free
// ports (HTTP and HTTPS, with a certificate openssl makes for this run), serving a temporary
// folder. No mocked HTTP, and never any address but 127.0.0.1. One server per test process,
// started on first use and stopped (with its CGI children) when the process exits.
//
// What it serves, under docroot():
//   /<file>            static files with ETag, Last-Modified and Range support
//   /norange/<file>    the same files with Range requests disabled (always 200, whole file)
//   /moved/<path>      a redirect to /<path>;  /loop/<path> redirects for ever
//   /cgi/<name>.sh     shell CGI scripts the tests write (cut connections, stalls, 500s)
#pragma once

#include <filesystem>
#include <string>

namespace tingdu::test {

class TestServer {
 public:
  // The process's server (started on the first call; a test fails when it can't start).
  static TestServer& get();

  std::string http(const std::string& path) const;   // "http://127.0.0.1:PORT" + path
  std::string https(const std::string& path) const;  // "https://127.0.0.1:PORT" + path
  const std::filesystem::path& docroot() const { return docroot_; }
  const std::filesystem::path& ca_file() const { return ca_file_; }  // the self-signed certificate
  // A short real MP3 (ffmpeg's sine), made once: served at /audio.mp3 and /norange/audio.mp3.
  const std::filesystem::path& audio() const { return audio_; }

  // Writes `text` to docroot()/relative (folders made as needed).
  void put(const std::string& relative, const std::string& text) const;

  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

 private:
  TestServer();
  bool start();
  std::filesystem::path dir_, docroot_, ca_file_, audio_;
  int port_ = 0, tls_port_ = 0;
  int pid_ = -1;
};

// A fresh empty folder for one test, removed by the destructor.
struct TempDir {
  TempDir();
  ~TempDir();
  std::filesystem::path path;
};

// The whole of a file as a string ("" when it can't be read).
std::string slurp(const std::filesystem::path& p);

}  // namespace tingdu::test
