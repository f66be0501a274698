#include "alignment_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "episode_alignment.h"
#include "sync/reader.h"

extern char** environ;

namespace tingdu::app {
namespace {

// How often a waiting caller looks at its cancel flag (milliseconds).
constexpr int kPollMs = 100;
// How long a worker being stopped has to exit before it is killed.
constexpr std::chrono::seconds kStopGrace{3};

// Writes all of `bytes` to `fd`, with SIGPIPE held off this thread (a worker that died early must
// not take the caller with it: the write fails with EPIPE instead). False when it could not.
bool write_all(int fd, std::string_view bytes) {
  sigset_t pipe_signal, before;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &before);
  bool ok = true;
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    bytes.remove_prefix(std::size_t(n));
  }
  if (!ok && errno == EPIPE) {  // take the pending SIGPIPE this write raised, so it is never delivered
    timespec none{0, 0};
    sigtimedwait(&pipe_signal, nullptr, &none);
  }
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  return ok;
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) return std::string("was killed by signal ") + strsignal(WTERMSIG(status));
  return "ended with status " + std::to_string(WEXITSTATUS(status)) + " and no result";
}

std::string format_anchors(const std::map<std::size_t, double>& anchors) {
  std::string out;
  char buf[64];
  for (auto [turn, seconds] : anchors) {
    // %.17g: the same double comes back, so the kept alignment's anchors match the caller's exactly.
    std::snprintf(buf, sizeof buf, " %zu=%.17g", turn, seconds);
    out += buf;
  }
  return out;
}

// The worker's peak resident memory so far (VmHWM, KiB), or 0.
long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

}  // namespace

AlignmentWorker::AlignmentWorker(std::string executable, std::string transcript_name, std::string_view transcript_bytes,
                                 std::string audio)
    : executable_(std::move(executable)),
      transcript_name_(std::move(transcript_name)),
      transcript_bytes_(transcript_bytes),
      audio_(std::move(audio)) {}

AlignmentWorker::~AlignmentWorker() { stop(); }

std::string AlignmentWorker::start() {
  std::vector<std::string> argv = {executable_, "align-worker", transcript_name_, "--audio", audio_};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  int to_worker[2], from_worker[2];
  // Close-on-exec, so that no other program this process starts meanwhile holds the pipes open.
  if (pipe2(to_worker, O_CLOEXEC) != 0) return std::strerror(errno);
  if (pipe2(from_worker, O_CLOEXEC) != 0) {
    close(to_worker[0]);
    close(to_worker[1]);
    return std::strerror(errno);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_worker[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_worker[1], STDOUT_FILENO);
  // Nothing else of the caller's (its display, its bus connections) goes to the worker.
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  int rc = posix_spawn(&pid_, executable_.c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_worker[0]);
  close(from_worker[1]);
  to_worker_ = to_worker[1];
  from_worker_ = from_worker[0];
  pending_.clear();
  if (rc != 0) {
    pid_ = -1;
    stop();
    return executable_ + ": " + std::strerror(rc);
  }
  // A worker that can't take the transcript died early: its answer to the request says why.
  write_all(to_worker_, std::to_string(transcript_bytes_.size()) + "\n" + transcript_bytes_);
  return "";
}

WorkerOutcome AlignmentWorker::align(const std::map<std::size_t, double>& anchors, const WorkerProgress& progress,
                                     const std::atomic<bool>* cancel) {
  return request("align" + format_anchors(anchors), progress, cancel);
}

WorkerOutcome AlignmentWorker::realign(const std::map<std::size_t, double>& anchors, const std::vector<std::size_t>& changed,
                                       const WorkerProgress& progress, const std::atomic<bool>* cancel) {
  std::string line = "realign" + format_anchors(anchors) + " /";
  for (std::size_t turn : changed) {
    line += ' ';
    line += std::to_string(turn);
  }
  return request(line, progress, cancel);
}

WorkerOutcome AlignmentWorker::request(const std::string& line, const WorkerProgress& progress,
                                       const std::atomic<bool>* cancel) {
  const auto asked = std::chrono::steady_clock::now();
  if (!running())
    if (std::string why = start(); !why.empty()) return {WorkerOutcome::Kind::unavailable, why};
  // A worker gone already (it could not read the transcript) still says why on its stdout.
  write_all(to_worker_, line + "\n");
  char buf[4096];
  for (;;) {
    if (cancel && cancel->load()) {
      kill(pid_, SIGTERM);
      stop();
      return {WorkerOutcome::Kind::cancelled, "cancelled"};
    }
    pollfd p{from_worker_, POLLIN, 0};
    int ready = poll(&p, 1, kPollMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;
    ssize_t n = read(from_worker_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)  // it ended without an answer
      return {WorkerOutcome::Kind::failed, "the alignment's worker process " + describe_exit(stop())};
    pending_.append(buf, std::size_t(n));
    for (std::size_t eol; (eol = pending_.find('\n')) != std::string::npos; pending_.erase(0, eol + 1)) {
      std::string said = pending_.substr(0, eol);
      if (said == "done") {
        pending_.erase(0, eol + 1);
        return {WorkerOutcome::Kind::done, "", peak_rss_kib(pid_),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count()};
      }
      if (said.rfind("error ", 0) == 0) {
        stop();  // what failed (the audio can't be read) would fail again
        return {WorkerOutcome::Kind::failed, said.substr(6)};
      }
      if (said.rfind("progress ", 0) == 0) {
        char* rest = nullptr;
        double share = std::strtod(said.c_str() + 9, &rest);
        const char* what = *rest == ' ' ? rest + 1 : rest;
        if (progress && !progress(share, what)) {
          kill(pid_, SIGTERM);
          stop();
          return {WorkerOutcome::Kind::cancelled, "cancelled"};
        }
      }
    }
  }
}

int AlignmentWorker::stop() {
  if (to_worker_ >= 0) close(to_worker_);
  if (from_worker_ >= 0) close(from_worker_);
  to_worker_ = from_worker_ = -1;
  return running() ? reap() : 0;
}

int AlignmentWorker::reap() {
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
  for (;;) {
    pid_t got = waitpid(pid_, &status, WNOHANG);
    if (got == pid_ || (got < 0 && errno != EINTR)) break;
    // A worker that doesn't exit when asked (stuck in a read) must not keep the caller waiting.
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  return status;
}

// ------------------------------------------------------------------ the worker's side

namespace {

// SIGTERM (the caller cancelled) stops the work at its next look at the flag, and a wait for
// the next request.
std::atomic<bool> terminated{false};

// Reads stdin with read(2), so that SIGTERM interrupts a wait for the next request.
class Input {
 public:
  // The next line (without its newline); false at the end of stdin or once terminated.
  bool line(std::string& out) {
    for (;;) {
      if (auto eol = buffer_.find('\n'); eol != std::string::npos) {
        out = buffer_.substr(0, eol);
        buffer_.erase(0, eol + 1);
        return true;
      }
      if (!fill()) return false;
    }
  }
  bool bytes(std::size_t n, std::string& out) {
    while (buffer_.size() < n)
      if (!fill()) return false;
    out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return true;
  }

 private:
  bool fill() {
    char buf[65536];
    for (;;) {
      if (terminated.load()) return false;
      ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(buf, std::size_t(n));
      return true;
    }
  }
  std::string buffer_;
};

struct Request {
  bool realign = false;
  std::map<std::size_t, double> anchors;
  std::vector<std::size_t> changed;
};

// Parses a request line (see the header); false when it isn't one.
bool parse_request(const std::string& line, Request& r) {
  std::istringstream in(line);
  std::string verb, word;
  in >> verb;
  if (verb != "align" && verb != "realign") return false;
  r.realign = verb == "realign";
  bool after_slash = false;
  while (in >> word) {
    if (word == "/" && r.realign && !after_slash) {
      after_slash = true;
      continue;
    }
    std::size_t turn = 0;
    double seconds = 0;
    int used = 0;
    if (after_slash) {
      if (std::sscanf(word.c_str(), "%zu%n", &turn, &used) != 1 || std::size_t(used) != word.size()) return false;
      r.changed.push_back(turn);
    } else {
      if (std::sscanf(word.c_str(), "%zu=%lf%n", &turn, &seconds, &used) != 2 || std::size_t(used) != word.size())
        return false;
      r.anchors[turn] = seconds;
    }
  }
  return !r.realign || after_slash;
}

void say(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace

int serve_alignment_worker(const std::string& transcript_name, const std::string& audio) {
  struct sigaction on_term{};
  on_term.sa_handler = [](int) { terminated.store(true); };  // no SA_RESTART: a waiting read returns
  sigaction(SIGTERM, &on_term, nullptr);

  Input in;
  std::string size_line, bytes;
  char* size_end = nullptr;
  if (!in.line(size_line)) return 1;
  const unsigned long long size = std::strtoull(size_line.c_str(), &size_end, 10);
  if (size_end == size_line.c_str() || *size_end != 0) {
    say("error the transcript's size: expected a number of bytes, got \"" + size_line + "\"");
    return 2;
  }
  if (!in.bytes(std::size_t(size), bytes)) return 1;
  sync::ReadResult read = sync::parse_transcript(bytes, transcript_name);
  if (!read.ok()) {
    for (const auto& d : read.diagnostics)
      if (d.severity == sync::Severity::error) say("error " + sync::to_string(d));
    return 1;
  }

  const pid_t parent = getppid();
  EpisodeAlignment work(read.episode, bytes, audio);
  // Progress is passed on a hundredth at a time, as the window shows it.
  int last_percent = -1;
  auto step = [&](double share, const char* what) {
    if (getppid() != parent) return false;  // the caller is gone: nobody waits for this
    int percent = int(share * 100);
    if (percent != last_percent) {
      last_percent = percent;
      char line[160];
      std::snprintf(line, sizeof line, "progress %.4f %s", share, what);
      say(line);
    }
    return !terminated.load();
  };
  for (std::string line; in.line(line);) {
    Request r;
    if (!parse_request(line, r)) {
      say("error the alignment's worker was asked \"" + line + "\": expected align or realign and anchors");
      continue;
    }
    last_percent = -1;
    auto result = r.realign ? work.realign(r.anchors, r.changed, step, &terminated) : work.run(r.anchors, step, &terminated);
    if (terminated.load()) return 1;
    if (!result) say("error " + work.error());
    else say("done");
  }
  return 0;
}

}  // namespace tingdu::app
