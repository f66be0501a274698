// The episode's alignment (episode_alignment.h), run on a worker thread so the window stays as
// responsive as without it. The session asks for work (align, or re-align after anchors
// changed) and takes results when they are ready; a request made while one runs waits for it,
// and only the newest waiting request is kept.
//
// The alignment runs in a worker process (alignment_worker.h) when one is given, so the window's
// memory stays what playing needs: the whole alignment, and re-aligning around each anchor (the
// worker keeps the aligner's state for it). A worker idle for kWorkerIdle is stopped, which gives
// its memory back; the next anchor starts one again. With no worker, or when it can't run, all
// of it runs here.
//
// Threads: every public member is for the UI thread. The worker thread wakes the UI (the `wake`
// callback) when a result is ready or progress moved.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "alignment_worker.h"
#include "episode_alignment.h"

namespace tingdu::ui {

class AlignmentJob {
 public:
  // How long a worker process is kept with nothing asked of it.
  static constexpr std::chrono::minutes kWorkerIdle{5};

  struct Source {
    std::string_view transcript_bytes;  // as read: the cache is keyed by them
    std::string transcript_name;        // its path (the worker tells its format by it)
    std::string audio;
    std::string worker;                 // tingdu-cli's path, or "" to align in this process
  };
  // `episode` must outlive the job.
  AlignmentJob(const sync::Episode& episode, Source source, std::function<void()> wake);
  ~AlignmentJob();  // cancels what runs (promptly: the work polls for it) and joins

  // Aligns every turn with these anchors.
  void align(const std::map<std::size_t, double>& anchors);
  // The anchors changed on these turns: places again only around them.
  void realign(const std::map<std::size_t, double>& anchors, std::vector<std::size_t> changed);

  struct Progress {
    bool busy = false;
    double share = 0;   // 0..1 of the current request
    std::string what;   // "analysing the audio", "aligning the turns"
  };
  Progress progress() const;
  // A finished request's result, once (nullopt when none is waiting).
  std::optional<sync::AlignmentResult> take_result();
  // Why a request failed (the audio could not be read), once.
  std::optional<std::string> take_error();

 private:
  struct Request {
    std::map<std::size_t, double> anchors;
    std::vector<std::size_t> changed;  // empty: align everything
  };
  void run();
  void request(Request r);
  // A whole alignment, in the worker process when there is one. Sets `error` when it fails.
  std::optional<sync::AlignmentResult> align_whole(const Request& r, const app::WorkerProgress& report, std::string& error);
  // Around the changed anchors, in the worker process when there is one; `report` hears of the
  // progress when that takes a whole alignment (a worker started for it). Sets `error` when it fails.
  std::optional<sync::AlignmentResult> realign_around(const Request& r, const app::WorkerProgress& report, std::string& error);
  // The worker's answer `w`, taken from the alignment cache it wrote (with `troubles`, what
  // reading the cache said before, among its notes); nullopt when it failed (`error` says why)
  // or was cancelled; `here` when no worker could run.
  std::optional<sync::AlignmentResult> from_worker(const app::WorkerOutcome& w, const Request& r, const char* what,
                                                   const std::function<std::optional<sync::AlignmentResult>()>& here,
                                                   std::vector<std::string>& troubles, std::string& error);

  app::EpisodeAlignment work_;  // the worker thread's alone while it runs
  std::function<void()> wake_;
  std::atomic<bool> cancel_{false};
  std::unique_ptr<app::AlignmentWorker> process_;  // the worker thread's alone; null: align here

  // --- protected by mutex_
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<Request> pending_;
  bool quit_ = false;
  Progress progress_;
  std::optional<sync::AlignmentResult> result_;
  std::optional<std::string> error_;

  std::thread worker_;  // last: starts after everything it uses exists
};

}  // namespace tingdu::ui
