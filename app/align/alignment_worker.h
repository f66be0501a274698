// The episode's alignment in a process of its own (`tingdu-cli align-worker`), so the window that
// asks for it keeps its memory: aligning 3.5 h of audio holds about 120 MB of features and voice
// models (docs/BENCHMARKS.md, "The window during a first alignment"). The worker stays while the
// listener sets anchors: it keeps the aligner's state, so re-aligning around an anchor takes a
// fraction of a second there, as it would in the window. Stopped (the caller is idle, closes the
// episode or quits), it gives all of its memory back. The worker keeps each result where every
// alignment is kept (alignment_cache.h); the caller then reads it from there
// (EpisodeAlignment::kept).
//
// Protocol, on the worker's stdin: a line with the transcript's size in bytes, the transcript's
// bytes (so the worker aligns exactly what the caller read), then one line per request:
//   align TURN=SECONDS ...                      align every turn, honouring these anchors
//   realign TURN=SECONDS ... / TURN ...         the anchors changed on the turns after "/"
// Anchor seconds are printed with %.17g, so the kept alignment's anchors match the caller's
// exactly. For each request the worker writes lines on its stdout:
//   progress SHARE WHAT     SHARE 0..1 of the request, WHAT what it is doing
//   done                    aligned and kept
//   error MESSAGE           why not ("PATH: what")
// The worker exits when its stdin closes (the caller stopped it, or is gone) or on SIGTERM.
//
// Threads: an AlignmentWorker is one thread's (the alignment job's worker thread); its calls
// block until the worker answered.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tingdu::app {

struct WorkerOutcome {
  enum class Kind {
    done,          // aligned; the result is kept
    failed,        // no result: the worker said why (the audio can't be read, ...) or died (`message`)
    cancelled,     // `cancel` was set or `progress` returned false: the worker was stopped
    unavailable,   // no worker could be started (`message` says why): align in-process
  };
  Kind kind = Kind::unavailable;
  std::string message;
  long peak_rss_kib = 0;  // the worker's peak resident memory so far (kibibytes), when it answered
  double seconds = 0;     // from the request to the answer (a worker started for it included)
};

using WorkerProgress = std::function<bool(double, const char*)>;

class AlignmentWorker {
 public:
  // `executable` is tingdu-cli, by absolute path; `transcript_name` the transcript's path (its
  // format is told by its name). Nothing starts until the first request.
  AlignmentWorker(std::string executable, std::string transcript_name, std::string_view transcript_bytes, std::string audio);
  ~AlignmentWorker();  // stop()
  AlignmentWorker(const AlignmentWorker&) = delete;
  AlignmentWorker& operator=(const AlignmentWorker&) = delete;

  // Aligns every turn with `anchors` (turn -> seconds), starting the worker when none runs.
  WorkerOutcome align(const std::map<std::size_t, double>& anchors, const WorkerProgress& progress,
                      const std::atomic<bool>* cancel);
  // The anchors changed on `changed`: the worker places again around them. A worker started for
  // this aligns every turn first (it has no state yet), as aligning in-process would.
  WorkerOutcome realign(const std::map<std::size_t, double>& anchors, const std::vector<std::size_t>& changed,
                        const WorkerProgress& progress, const std::atomic<bool>* cancel);

  bool running() const { return pid_ > 0; }
  // Ends the worker: closes its pipes, so an idle one exits at once (one asked to stop with
  // SIGTERM does at its next look at it); one still running 3 s later is killed, so this never
  // hangs. Returns its wait status (0 when none ran).
  int stop();

 private:
  WorkerOutcome request(const std::string& line, const WorkerProgress& progress, const std::atomic<bool>* cancel);
  std::string start();  // "" or why no worker could be started
  // Waits for the worker to exit, killing it when it still runs 3 s later; returns its wait status.
  int reap();

  const std::string executable_, transcript_name_, transcript_bytes_, audio_;
  pid_t pid_ = -1;
  int to_worker_ = -1, from_worker_ = -1;  // pipe ends, -1 when closed
  std::string pending_;                    // bytes read from the worker past its last whole line
};

// The worker's side (tingdu-cli align-worker): reads the transcript, then answers requests until
// stdin closes. Returns the exit code.
int serve_alignment_worker(const std::string& transcript_name, const std::string& audio);

}  // namespace tingdu::app
