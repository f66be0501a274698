#include "alignment_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <vector>

#include "episode_alignment.h"
#include "sync/reader.h"

extern char** environ;

namespace tingdu::app {
namespace {

// How often a waiting caller looks at its cancel flag (milliseconds).
constexpr int kPollMs = 100;
// How long a worker asked to stop (SIGTERM) has before it is killed.
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

std::string format_anchor(std::size_t turn, double seconds) {
  char buf[64];
  // %.17g: the same double comes back, so the kept alignment's anchors match the caller's exactly.
  std::snprintf(buf, sizeof buf, "%zu=%.17g", turn, seconds);
  return buf;
}

}  // namespace

WorkerOutcome run_alignment_worker(const WorkerRequest& request, const std::function<bool(double, const char*)>& progress,
                                   const std::atomic<bool>* cancel) {
  WorkerOutcome out;
  std::vector<std::string> argv = {request.executable, "align-worker", request.transcript_name, "--audio", request.audio};
  for (auto [turn, seconds] : request.anchors) {
    argv.push_back("--anchor");
    argv.push_back(format_anchor(turn, seconds));
  }
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);

  int to_worker[2], from_worker[2];
  // Close-on-exec, so that no other program this process starts meanwhile holds the pipes open.
  if (pipe2(to_worker, O_CLOEXEC) != 0) return {WorkerOutcome::Kind::unavailable, std::strerror(errno)};
  if (pipe2(from_worker, O_CLOEXEC) != 0) {
    close(to_worker[0]);
    close(to_worker[1]);
    return {WorkerOutcome::Kind::unavailable, std::strerror(errno)};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_worker[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_worker[1], STDOUT_FILENO);
  // Nothing else of the caller's (its display, its bus connections) goes to the worker.
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, request.executable.c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_worker[0]);
  close(from_worker[1]);
  if (rc != 0) {
    close(to_worker[1]);
    close(from_worker[0]);
    return {WorkerOutcome::Kind::unavailable, request.executable + ": " + std::strerror(rc)};
  }

  // A worker that can't take the transcript died early, or is stuck: either way it gives no result.
  if (!write_all(to_worker[1], request.transcript_bytes)) kill(pid, SIGTERM);
  close(to_worker[1]);
  bool stopped = false, killed = false;  // by us, for the caller
  std::chrono::steady_clock::time_point stopped_at;
  auto stop = [&] {
    if (stopped) return;
    kill(pid, SIGTERM);
    stopped = true;
    stopped_at = std::chrono::steady_clock::now();
  };

  // Lines until the worker closes its stdout (it ended).
  std::string pending, last_error;
  bool done = false;
  char buf[4096];
  for (;;) {
    if (cancel && cancel->load()) stop();
    // A worker that doesn't stop when asked (stuck in a read) must not keep the caller waiting.
    if (stopped && !killed && std::chrono::steady_clock::now() - stopped_at > kStopGrace) {
      kill(pid, SIGKILL);
      killed = true;
    }
    pollfd p{from_worker[0], POLLIN, 0};
    int ready = poll(&p, 1, kPollMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;
    ssize_t n = read(from_worker[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buf, std::size_t(n));
    for (std::size_t eol; (eol = pending.find('\n')) != std::string::npos; pending.erase(0, eol + 1)) {
      std::string line = pending.substr(0, eol);
      if (line == "done") {
        done = true;
      } else if (line.rfind("error ", 0) == 0) {
        last_error = line.substr(6);
      } else if (line.rfind("progress ", 0) == 0 && !stopped) {
        char* rest = nullptr;
        double share = std::strtod(line.c_str() + 9, &rest);
        const char* what = *rest == ' ' ? rest + 1 : rest;
        if (progress && !progress(share, what)) stop();
      }
    }
  }
  close(from_worker[0]);
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  if (stopped) return {WorkerOutcome::Kind::cancelled, "cancelled"};
  out.peak_rss_kib = usage.ru_maxrss;
  // "done" is said once the result is kept: what the worker's exit then adds (a leak checker's
  // status, say) takes nothing from it.
  if (done) out.kind = WorkerOutcome::Kind::done;
  else out.kind = WorkerOutcome::Kind::failed;
  if (out.kind == WorkerOutcome::Kind::failed)
    out.message = !last_error.empty() ? last_error : "the alignment's worker process " + describe_exit(status);
  return out;
}

int serve_alignment_worker(const std::string& transcript_name, const std::string& audio,
                           const std::map<std::size_t, double>& anchors) {
  const pid_t parent = getppid();
  std::string bytes((std::istreambuf_iterator<char>(std::cin)), {});
  auto say = [](const std::string& line) {
    std::fputs((line + "\n").c_str(), stdout);
    std::fflush(stdout);
  };
  sync::ReadResult read = sync::parse_transcript(bytes, transcript_name);
  if (!read.ok()) {
    for (const auto& d : read.diagnostics)
      if (d.severity == sync::Severity::error) say("error " + sync::to_string(d));
    return 1;
  }
  // SIGTERM (the caller cancelled) stops the work at its next look at the flag.
  static std::atomic<bool> cancel{false};
  struct sigaction on_term{};
  on_term.sa_handler = [](int) { cancel.store(true); };
  sigaction(SIGTERM, &on_term, nullptr);

  EpisodeAlignment work(read.episode, bytes, audio);
  auto report = [&](double share, const char* what) {
    if (getppid() != parent) return false;  // the caller is gone: nobody waits for this
    char line[160];
    std::snprintf(line, sizeof line, "progress %.4f %s", share, what);
    say(line);
    return !cancel.load();
  };
  // Progress is passed on a hundredth at a time, as the window shows it.
  int last_percent = -1;
  auto step = [&](double share, const char* what) {
    int percent = int(share * 100);
    if (percent == last_percent) return !cancel.load() && getppid() == parent;
    last_percent = percent;
    return report(share, what);
  };
  auto result = work.run(anchors, step, &cancel);
  if (!result) {
    say("error " + work.error());
    return 1;
  }
  say("done");
  return 0;
}

}  // namespace tingdu::app
