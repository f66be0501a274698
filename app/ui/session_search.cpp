// Session: the episode's search index, built off the UI thread (session.h, "search").
#include "session.h"

namespace tingdu::ui {

void Session::start_search_build() {
  std::promise<std::unique_ptr<sync::EpisodeSearch>> built;
  search_build_ = built.get_future();
  // The worker sets the promise and then wakes the loop, so the frame that wakes finds it ready.
  search_worker_ = std::thread([built = std::move(built), &episode = read_->episode, wake = wake_]() mutable {
    try {
      built.set_value(std::make_unique<sync::EpisodeSearch>(episode));
    } catch (...) {
      built.set_exception(std::current_exception());
    }
    if (wake) wake();
  });
}

void Session::join_search_build() {
  if (search_worker_.joinable()) search_worker_.join();
  search_build_ = {};
  search_.reset();
}

const sync::EpisodeSearch* Session::search() {
  if (!search_ && search_build_.valid() && search_build_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    search_ = search_build_.get();
  return search_.get();
}

}  // namespace tingdu::ui
