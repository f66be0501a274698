// A whole alignment run in a process of its own (`tingdu-cli align-worker`), so the window that
// asks for it keeps its memory: analysing 3.5 h of audio holds about 120 MB of features and voice
// models (docs/BENCHMARKS.md, "The window during a first alignment"), and all of it goes back to
// the system when the worker exits. The worker keeps its result where every alignment is kept
// (alignment_cache.h); the caller then reads it from there (EpisodeAlignment::kept).
//
// Protocol: the caller writes the transcript's bytes on the worker's stdin and closes it (so the
// worker aligns exactly what the caller read); the worker writes lines on its stdout:
//   progress SHARE WHAT     SHARE 0..1 of the whole job, WHAT what it is doing
//   done                    aligned and kept
//   error MESSAGE           why not ("PATH: what")
// The worker stops when the caller is gone (the worker's parent changes, or its stdout closes) or
// on SIGTERM.
//
// Threads: run_alignment_worker blocks its caller until the worker ends (a worker thread's call).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace tingdu::app {

struct WorkerRequest {
  std::string executable;        // tingdu-cli, by absolute path
  std::string transcript_name;   // the transcript's path: its format is told by its name
  std::string_view transcript_bytes;
  std::string audio;
  std::map<std::size_t, double> anchors;  // turn -> seconds, as the alignment is to honour them
};

struct WorkerOutcome {
  enum class Kind {
    done,          // aligned; the result is kept
    failed,        // no result: the worker said why (the audio can't be read, ...) or died (`message`)
    cancelled,     // `cancel` was set or `progress` returned false: the worker was stopped
    unavailable,   // no worker could be started (`message` says why): align in-process
  };
  Kind kind = Kind::unavailable;
  std::string message;
  long peak_rss_kib = 0;  // the worker's peak resident memory, when it ended by itself
};

// Runs the worker and waits for it, passing its progress on. Within 0.1 s of a cancel the worker
// is asked to stop (SIGTERM), and killed if it still runs 3 s later, so this never hangs.
WorkerOutcome run_alignment_worker(const WorkerRequest& request, const std::function<bool(double, const char*)>& progress,
                                   const std::atomic<bool>* cancel);

// The worker's side (tingdu-cli align-worker): reads the transcript from stdin, aligns it to
// `audio` with `anchors`, keeps the result and writes the protocol's lines. Returns the exit code.
int serve_alignment_worker(const std::string& transcript_name, const std::string& audio,
                           const std::map<std::size_t, double>& anchors);

}  // namespace tingdu::app
