// A file that is still arriving (an episode downloading): how many of its bytes are on disk now,
// how many it will have, and where it will be once whole. The downloader tells it as bytes
// arrive; the player reads what has arrived and waits, on its decoder thread, for the rest.
//
// Threads: any. Every member is safe to call from any thread (a mutex protects the counts; a
// condition variable wakes the waiting readers).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

namespace tingdu::media {

class GrowingFile {
 public:
  // `part`: the file being written now; `final_path`: where it goes once whole (renamed);
  // `total`: the bytes it will have, or -1 while unknown.
  GrowingFile(std::string part, std::string final_path, std::int64_t total)
      : part_(std::move(part)), final_(std::move(final_path)), total_(total) {}

  // The writer: `bytes` are on disk now (and `total`, when it becomes known, > 0).
  void arrived(std::int64_t bytes, std::int64_t total = -1);
  // The writer: no more bytes will come; `whole`: the file is complete (and renamed).
  void finish(bool whole);

  // Waits until more than `offset` bytes are on disk, no more will come, or `interrupt` is set
  // (checked every kPoll). Returns the bytes on disk then.
  std::int64_t wait_past(std::int64_t offset, const std::atomic<bool>* interrupt) const;

  std::int64_t available() const;
  std::int64_t total() const;  // -1 while unknown
  bool finished() const;       // no more will come
  bool whole() const;          // finished, complete
  const std::string& part_path() const { return part_; }
  const std::string& final_path() const { return final_; }

  static constexpr int kPollMilliseconds = 50;
  // Open a player on it once this much has arrived (or it is whole): opening reads at most
  // half of it (the stream's parameters), so it never reaches the edge of what is there.
  static constexpr std::int64_t kBytesToOpen = 64 * 1024;

 private:
  const std::string part_, final_;
  mutable std::mutex mutex_;  // protects the three fields below
  mutable std::condition_variable grew_;
  std::int64_t available_ = 0, total_ = -1;
  bool finished_ = false, whole_ = false;
};

}  // namespace tingdu::media
