#include "test_server.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace tingdu::test {
namespace fs = std::filesystem;
namespace {

// A port the kernel says is free now (a race with other programs is possible; start() retries).
int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

bool accepts(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(std::uint16_t(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

int run(const std::string& command) { return std::system(command.c_str()); }

}  // namespace

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TempDir::TempDir() {
  static std::mt19937_64 rng{std::random_device{}()};
  path = fs::temp_directory_path() / ("tingdu-feeds-" + std::to_string(getpid()) + "-" + std::to_string(rng()));
  fs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

TestServer& TestServer::get() {
  static TestServer server;
  return server;
}

TestServer::TestServer() {
  dir_ = fs::temp_directory_path() / ("tingdu-lighttpd-" + std::to_string(getpid()));
  fs::remove_all(dir_);
  docroot_ = dir_ / "www";
  fs::create_directories(docroot_ / "norange");
  fs::create_directories(docroot_ / "cgi");
  ca_file_ = dir_ / "cert.pem";
  std::string openssl = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
                        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '";
  openssl.append(dir_.string()).append("/key.pem' -out '").append(ca_file_.string()).append("' >/dev/null 2>&1");
  REQUIRE(run(openssl) == 0);
  audio_ = docroot_ / "audio.mp3";
  // 2 minutes of a tone at a low bit rate: about 480 KB, more than one of download_file's 256 KB reads.
  REQUIRE(run("ffmpeg -v error -nostdin -f lavfi -i sine=frequency=440:duration=120 -ac 1 -b:a 32k -y '" + audio_.string() +
              "'") == 0);
  fs::copy_file(audio_, docroot_ / "norange" / "audio.mp3");
  for (int tries = 0; tries < 5 && !start(); ++tries) {
  }
  REQUIRE(pid_ > 0);
}

bool TestServer::start() {
  port_ = free_port();
  tls_port_ = free_port();
  std::string d = dir_.string();
  std::ofstream(dir_ / "lighttpd.conf") << "server.document-root = \"" << docroot_.string() << "\"\n"
      << "server.bind = \"127.0.0.1\"\nserver.port = " << port_ << "\n"
      << "server.modules = (\"mod_redirect\", \"mod_cgi\", \"mod_openssl\")\n"
      << "server.errorlog = \"" << d << "/error.log\"\n"
      // Files change between requests within a second: no cached stat, so ETags follow at once.
      << "server.stat-cache-engine = \"disable\"\n"
      // CGI output goes out as it is written (lighttpd buffers a backend's whole answer by
      // default), so a script can send part of a file now and the rest later.
      << "server.stream-response-body = 2\n"
      << "mimetype.assign = (\".xml\" => \"application/rss+xml\", \".mp3\" => \"audio/mpeg\", "
         "\".json\" => \"application/json\", \".srt\" => \"application/x-subrip\", \".vtt\" => \"text/vtt\", "
         "\".opml\" => \"text/x-opml\", \"\" => \"application/octet-stream\")\n"
      << "$SERVER[\"socket\"] == \"127.0.0.1:" << tls_port_ << "\" {\n  ssl.engine = \"enable\"\n"
      << "  ssl.pemfile = \"" << d << "/cert.pem\"\n  ssl.privkey = \"" << d << "/key.pem\"\n}\n"
      << "$HTTP[\"url\"] =~ \"^/norange/\" { server.range-requests = \"disable\" }\n"
      << "$HTTP[\"url\"] =~ \"^/cgi/\" { cgi.assign = (\".sh\" => \"/bin/sh\") }\n"
      << "url.redirect = (\"^/moved/(.*)$\" => \"/$1\", \"^/loop/(.*)$\" => \"/loop/x$1\")\n";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);                    // its own group: CGI children are stopped with it
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // and it dies with the test process, even on a crash
    std::string conf = (dir_ / "lighttpd.conf").string();
    ::execlp("lighttpd", "lighttpd", "-D", "-f", conf.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait (bounded) until both sockets accept or the server has exited.
  for (int i = 0; i < 1000; ++i) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    if (accepts(port_) && accepts(tls_port_)) {
      pid_ = pid;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return false;
}

TestServer::~TestServer() {
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string TestServer::http(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
std::string TestServer::https(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(tls_port_) + path; }

void TestServer::put(const std::string& relative, const std::string& text) const {
  fs::path p = docroot_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace tingdu::test
