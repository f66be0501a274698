// The listener's podcasts in the window: the feeds subscribed to (kept across runs as OPML in
// the state folder, as podcast apps exchange them), each feed's episodes as last loaded, and one
// episode download at a time into the episode cache (feeds/episode_cache.h). No drawing here
// (podcasts_panel.h draws it); the tests drive it without a window.
//
// Threads: every method on the UI thread. Loading a feed and downloading an episode run on
// worker threads of their own; what they deliver crosses in inbox_ under mutex_, and the
// download's progress in atomics. Workers call `wake` after delivering. The destructor cancels
// the download (its .part file is kept, so it resumes next time) and joins every worker.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "feeds/fetch_episode.h"
#include "feeds/http.h"
#include "feeds/rss.h"
#include "media/growing_file.h"

namespace tingdu::ui {

class PodcastLibrary {
 public:
  // `subscriptions`: the OPML file kept (read now; "" keeps nothing). `cache_root`: Tingdu's
  // cache folder (feeds/ and episodes/ go under it).
  PodcastLibrary(std::filesystem::path subscriptions, std::filesystem::path cache_root, feeds::HttpOptions http,
                 std::function<void()> wake);
  ~PodcastLibrary();
  PodcastLibrary(const PodcastLibrary&) = delete;
  PodcastLibrary& operator=(const PodcastLibrary&) = delete;

  struct Show {
    std::string where;                // the feed's URL or file, as subscribed
    std::string title;                // the feed's, else the subscription's, else `where`
    std::optional<feeds::Feed> feed;  // as last loaded
    std::vector<std::size_t> order;   // feed->episodes, newest first
    std::vector<std::string> notes;   // what the last load noticed (items left out, a stale copy)
    std::string error;                // why the last load failed ("" when it did not)
    bool loading = false;
  };
  const std::vector<Show>& shows() const { return shows_; }
  // Subscribes to `where` (an http(s) URL or a feed file) and loads it. "" or why not.
  std::string add(const std::string& where);
  void refresh(std::size_t show);
  void remove(std::size_t show);
  // What the subscriptions file could not be read or written for ("" when all is well).
  const std::string& subscriptions_error() const { return subscriptions_error_; }

  enum class OnDisk { none, partly, complete };
  // Where episode `episode` (an index into the show's feed->episodes) is on disk.
  feeds::EpisodeFiles files(std::size_t show, std::size_t episode) const;
  OnDisk on_disk(std::size_t show, std::size_t episode) const;

  // Starts downloading the episode (its transcript and chapters first, then the audio). "" or
  // why not (another download is running, no audio in the feed).
  std::string download(std::size_t show, std::size_t episode);
  struct Progress {
    std::string where;  // the show's
    std::size_t episode = 0;
    std::int64_t bytes = 0, total = -1;  // of the audio; total -1 while unknown
  };
  std::optional<Progress> downloading() const;
  void cancel_download();

  // A download whose transcript and chapters are in and whose audio has begun to arrive: it can
  // be played while the rest comes (growing: see media/growing_file.h).
  struct Arriving {
    std::string where;
    std::size_t episode = 0;
    std::string title;
    feeds::EpisodeFiles files;
    std::shared_ptr<const media::GrowingFile> growing;
  };
  // Once a frame: the downloads that reached their audio since the last call.
  std::vector<Arriving> take_arriving();

  struct Finished {
    std::string where;
    std::size_t episode = 0;
    std::string title;
    feeds::EpisodeFetch fetch;  // fetch.ok(): the audio is whole; else fetch.audio says why
  };
  // Once a frame: takes what the workers delivered. Returns the downloads that ended.
  std::vector<Finished> update();

 private:
  struct Loaded {
    std::string where;
    feeds::ParseResult result;
  };
  void start_load(std::size_t show);
  void save_subscriptions();
  std::optional<std::size_t> find(const std::string& where) const;

  const std::filesystem::path subscriptions_, feeds_cache_, episodes_root_;
  const feeds::HttpOptions http_;
  const std::function<void()> wake_;
  std::vector<Show> shows_;
  std::string subscriptions_error_;

  std::vector<std::thread> loaders_;  // joined in the destructor (each ends on its own)
  std::thread downloader_;
  std::optional<Progress> download_;  // UI thread: what downloader_ works on
  std::atomic<std::int64_t> bytes_{0}, total_{-1};  // the downloader writes, the UI reads
  std::atomic<bool> cancel_{false};                 // the UI sets, the downloader reads

  std::mutex mutex_;  // protects the three inboxes below
  std::vector<Loaded> inbox_loaded_;
  std::vector<Finished> inbox_finished_;
  std::vector<Arriving> inbox_arriving_;
};

}  // namespace tingdu::ui
