// The open episode's search index, built on a worker thread so that opening an episode never
// waits for it (the pinyin of every Han character: tens of milliseconds for a long episode,
// more on ICU's first use).
//
// Threads: start(), get() and join() on the UI thread. The worker reads the episode given to
// start() until it is done: join() (before that episode goes) waits for it. The index crosses
// threads only through the promise/future pair, which synchronises.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <thread>

#include "sync/search.h"

namespace tingdu::ui {

class SearchBuild {
 public:
  ~SearchBuild() { join(); }
  // Starts building `episode`'s index; `wake` is called from the worker once it is ready.
  void start(const sync::Episode& episode, std::function<void()> wake);
  // The index, or nullptr while it is being built (or when nothing was started).
  const sync::EpisodeSearch* get();
  // Waits for the worker and drops the index.
  void join();

 private:
  std::thread worker_;
  std::future<std::unique_ptr<sync::EpisodeSearch>> building_;
  std::unique_ptr<sync::EpisodeSearch> index_;  // once building_ delivered it
};

}  // namespace tingdu::ui
