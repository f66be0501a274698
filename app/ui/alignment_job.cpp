#include "alignment_job.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <utility>

#include "alignment_worker.h"
#include "app_log.h"

namespace tingdu::ui {

AlignmentJob::AlignmentJob(const sync::Episode& episode, Source source, std::function<void()> wake)
    : work_(episode, source.transcript_bytes, source.audio),
      wake_(std::move(wake)),
      process_(source.worker.empty() ? nullptr
                                     : std::make_unique<app::AlignmentWorker>(std::move(source.worker), std::move(source.transcript_name),
                                                                             source.transcript_bytes, std::move(source.audio))),
      worker_([this] { run(); }) {}

AlignmentJob::~AlignmentJob() {
  cancel_ = true;
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  cv_.notify_one();
  worker_.join();
}

void AlignmentJob::request(Request r) {
  {
    std::lock_guard lock(mutex_);
    // A waiting realign for other turns still needs doing: merge the turns it was for.
    if (pending_ && !r.changed.empty() && !pending_->changed.empty())
      r.changed.insert(r.changed.end(), pending_->changed.begin(), pending_->changed.end());
    else if (pending_ && pending_->changed.empty())
      r.changed.clear();  // a full alignment was waiting: it stays a full one
    pending_ = std::move(r);
  }
  cv_.notify_one();
}

void AlignmentJob::align(const std::map<std::size_t, double>& anchors) { request({anchors, {}}); }

void AlignmentJob::realign(const std::map<std::size_t, double>& anchors, std::vector<std::size_t> changed) {
  request({anchors, std::move(changed)});
}

AlignmentJob::Progress AlignmentJob::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::optional<sync::AlignmentResult> AlignmentJob::take_result() {
  std::lock_guard lock(mutex_);
  return std::exchange(result_, std::nullopt);
}

std::optional<std::string> AlignmentJob::take_error() {
  std::lock_guard lock(mutex_);
  return std::exchange(error_, std::nullopt);
}

void AlignmentJob::run() {
  for (;;) {
    Request r;
    {
      std::unique_lock lock(mutex_);
      // A worker process kept with nothing to do gives its memory back.
      if (!cv_.wait_for(lock, kWorkerIdle, [&] { return quit_ || pending_; })) {
        lock.unlock();
        if (process_) process_->stop();
        continue;
      }
      if (quit_) return;
      r = std::move(*pending_);
      pending_.reset();
      progress_ = {true, 0, r.changed.empty() ? "aligning to the audio" : "re-aligning around the anchor"};
    }
    if (wake_) wake_();
    int last_percent = -1;
    auto report = [&](double share, const char* what) {
      int percent = int(std::floor(share * 100));
      if (percent != last_percent) {
        last_percent = percent;
        {
          std::lock_guard lock(mutex_);
          progress_.share = share;
          // Around an anchor the listener is told that, however long the work it takes.
          if (r.changed.empty()) progress_.what = what;
        }
        if (wake_) wake_();
      }
      return !cancel_.load();
    };
    std::optional<sync::AlignmentResult> out;
    std::string error;
    if (r.changed.empty()) {
      out = align_whole(r, report, error);
    } else {
      out = realign_around(r, report, error);
    }
    {
      std::lock_guard lock(mutex_);
      progress_ = {};
      if (out) result_ = std::move(out);
      else if (!cancel_) error_ = error;
    }
    if (wake_) wake_();
  }
}

std::optional<sync::AlignmentResult> AlignmentJob::align_whole(const Request& r, const app::WorkerProgress& report,
                                                               std::string& error) {
  auto here = [&] {
    auto out = work_.run(r.anchors, report, &cancel_);
    if (!out) error = work_.error();
    return out;
  };
  if (!process_) return here();
  std::vector<std::string> troubles;
  if (auto kept = work_.kept(r.anchors, troubles)) return kept;
  return from_worker(process_->align(r.anchors, report, &cancel_), r, "aligned", here, troubles, error);
}

std::optional<sync::AlignmentResult> AlignmentJob::realign_around(const Request& r, const app::WorkerProgress& report,
                                                                  std::string& error) {
  auto here = [&] {
    const auto asked = std::chrono::steady_clock::now();
    auto out = work_.realign(r.anchors, r.changed, report, &cancel_);
    if (!out) error = work_.error();
    char took[80];
    std::snprintf(took, sizeof took, "alignment: re-aligned around the anchor in this process, %.2f s",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count());
    app::log_line(took);
    return out;
  };
  if (!process_) return here();
  std::vector<std::string> troubles;
  return from_worker(process_->realign(r.anchors, r.changed, report, &cancel_), r, "re-aligned around the anchor", here,
                     troubles, error);
}

std::optional<sync::AlignmentResult> AlignmentJob::from_worker(const app::WorkerOutcome& w, const Request& r, const char* what,
                                                               const std::function<std::optional<sync::AlignmentResult>()>& here,
                                                               std::vector<std::string>& troubles, std::string& error) {
  switch (w.kind) {
    case app::WorkerOutcome::Kind::done: {
      const auto reading = std::chrono::steady_clock::now();
      auto kept = work_.kept(r.anchors, troubles);
      char figures[96];
      std::snprintf(figures, sizeof figures, " in a worker process, %.2f s with reading the result (its peak RSS %ld MB)",
                    w.seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - reading).count(),
                    w.peak_rss_kib / 1024);
      app::log_line(std::string("alignment: ") + what + figures);
      if (kept) return kept;
      app::log_line("alignment: the worker's result was not kept (see its notes): aligning here");
      return here();
    }
    case app::WorkerOutcome::Kind::failed:
      error = w.message;
      return std::nullopt;
    case app::WorkerOutcome::Kind::cancelled:
      return std::nullopt;
    case app::WorkerOutcome::Kind::unavailable:
      app::log_line("alignment: no worker process (" + w.message + "): aligning here");
      return here();
  }
  return here();
}

}  // namespace tingdu::ui
