#include "media/growing_file.h"

#include <chrono>

namespace tingdu::media {

void GrowingFile::arrived(std::int64_t bytes, std::int64_t total) {
  {
    std::lock_guard lock(mutex_);
    available_ = std::max(available_, bytes);
    if (total > 0) total_ = total;
  }
  grew_.notify_all();
}

void GrowingFile::finish(bool whole) {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
    whole_ = whole;
    if (whole) total_ = available_ = std::max(available_, total_);
  }
  grew_.notify_all();
}

std::int64_t GrowingFile::wait_past(std::int64_t offset, const std::atomic<bool>* interrupt) const {
  std::unique_lock lock(mutex_);
  while (available_ <= offset && !finished_ && !(interrupt && interrupt->load()))
    grew_.wait_for(lock, std::chrono::milliseconds(kPollMilliseconds));
  return available_;
}

std::int64_t GrowingFile::available() const {
  std::lock_guard lock(mutex_);
  return available_;
}

std::int64_t GrowingFile::total() const {
  std::lock_guard lock(mutex_);
  return total_;
}

bool GrowingFile::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

bool GrowingFile::whole() const {
  std::lock_guard lock(mutex_);
  return whole_;
}

}  // namespace tingdu::media
