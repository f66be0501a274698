#include "search_build.h"

#include <chrono>

namespace tingdu::ui {

void SearchBuild::start(const sync::Episode& episode, std::function<void()> wake) {
  join();
  std::promise<std::unique_ptr<sync::EpisodeSearch>> built;
  building_ = built.get_future();
  // The worker sets the promise and then wakes the loop, so the frame that wakes finds it ready.
  worker_ = std::thread([built = std::move(built), &episode, wake = std::move(wake)]() mutable {
    try {
      built.set_value(std::make_unique<sync::EpisodeSearch>(episode));
    } catch (...) {
      built.set_exception(std::current_exception());
    }
    if (wake) wake();
  });
}

void SearchBuild::join() {
  if (worker_.joinable()) worker_.join();
  building_ = {};
  index_.reset();
}

const sync::EpisodeSearch* SearchBuild::get() {
  if (!index_ && building_.valid() && building_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    index_ = building_.get();
  return index_.get();
}

}  // namespace tingdu::ui
