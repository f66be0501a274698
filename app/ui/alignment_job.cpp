#include "alignment_job.h"

#include <cmath>
#include <utility>

namespace tingdu::ui {

AlignmentJob::AlignmentJob(const sync::Episode& episode, std::string_view transcript_bytes, std::string audio,
                           std::function<void()> wake)
    : work_(episode, transcript_bytes, std::move(audio)), wake_(std::move(wake)), worker_([this] { run(); }) {}

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
      cv_.wait(lock, [&] { return quit_ || pending_; });
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
          progress_.what = what;
        }
        if (wake_) wake_();
      }
      return !cancel_.load();
    };
    std::optional<sync::AlignmentResult> out;
    if (r.changed.empty()) out = work_.run(r.anchors, report, &cancel_);
    else out = work_.realign(r.anchors, r.changed, &cancel_);
    {
      std::lock_guard lock(mutex_);
      progress_ = {};
      if (out) result_ = std::move(out);
      else if (!cancel_) error_ = work_.error();
    }
    if (wake_) wake_();
  }
}

}  // namespace tingdu::ui
