#include "podcast_library.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "feeds/episode_cache.h"
#include "feeds/feed_source.h"
#include "feeds/opml.h"

namespace tingdu::ui {
namespace fs = std::filesystem;

PodcastLibrary::PodcastLibrary(fs::path subscriptions, fs::path cache_root, feeds::HttpOptions http,
                               std::function<void()> wake)
    : subscriptions_(std::move(subscriptions)),
      feeds_cache_(cache_root.empty() ? fs::path() : cache_root / "feeds"),
      episodes_root_(cache_root.empty() ? fs::path() : cache_root / "episodes"),
      http_(std::move(http)),
      wake_(std::move(wake)) {
  std::error_code ec;
  if (subscriptions_.empty() || !fs::exists(subscriptions_, ec)) return;
  std::ifstream in(subscriptions_, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  feeds::OpmlResult opml = feeds::parse_opml(text.str(), subscriptions_.string());
  if (!opml.error.empty()) {
    subscriptions_error_ = opml.error + " (your subscriptions are left as they are until you add one)";
    return;
  }
  for (const auto& s : opml.feeds) shows_.push_back({s.xml_url, s.title.empty() ? s.xml_url : s.title, {}, {}, {}, {}, false});
}

PodcastLibrary::~PodcastLibrary() {
  cancel_.store(true);
  if (downloader_.joinable()) downloader_.join();
  for (auto& t : loaders_) t.join();
}

std::optional<std::size_t> PodcastLibrary::find(const std::string& where) const {
  for (std::size_t i = 0; i < shows_.size(); ++i)
    if (shows_[i].where == where) return i;
  return std::nullopt;
}

std::string PodcastLibrary::add(const std::string& where) {
  if (where.empty()) return "type a feed's address (https://...) or the path of a feed file";
  if (auto i = find(where)) {
    refresh(*i);
    return {};
  }
  shows_.push_back({where, where, {}, {}, {}, {}, false});
  save_subscriptions();
  start_load(shows_.size() - 1);
  return {};
}

void PodcastLibrary::refresh(std::size_t show) {
  if (show < shows_.size() && !shows_[show].loading) start_load(show);
}

void PodcastLibrary::remove(std::size_t show) {
  if (show >= shows_.size()) return;
  shows_.erase(shows_.begin() + std::ptrdiff_t(show));
  save_subscriptions();
}

void PodcastLibrary::start_load(std::size_t show) {
  shows_[show].loading = true;
  loaders_.emplace_back([this, where = shows_[show].where] {
    feeds::ParseResult result = feeds::load_feed(where, http_, feeds_cache_);
    {
      std::lock_guard lock(mutex_);
      inbox_loaded_.push_back({where, std::move(result)});
    }
    if (wake_) wake_();
  });
}

void PodcastLibrary::save_subscriptions() {
  if (subscriptions_.empty()) return;
  std::error_code ec;
  fs::create_directories(subscriptions_.parent_path(), ec);  // a first run: no state folder yet
  std::vector<feeds::Subscription> subs;
  for (const Show& s : shows_) subs.push_back({s.title, s.where, s.feed ? s.feed->link : "", ""});
  subscriptions_error_ = feeds::write_opml(subscriptions_, subs, "Tingdu subscriptions");
}

feeds::EpisodeFiles PodcastLibrary::files(std::size_t show, std::size_t episode) const {
  const feeds::Episode& e = shows_.at(show).feed->episodes.at(episode);
  feeds::EpisodeFiles f = feeds::episode_files(episodes_root_, shows_[show].where, e, e.transcripts.empty() ? nullptr : &e.transcripts[0]);
  // The transcript kept may be another of the episode's (the best one could not be fetched).
  for (const auto& t : e.transcripts) {
    feeds::EpisodeFiles named = feeds::episode_files(episodes_root_, shows_[show].where, e, &t);
    std::error_code ec;
    if (fs::exists(named.transcript, ec)) {
      f.transcript = named.transcript;
      break;
    }
  }
  return f;
}

PodcastLibrary::OnDisk PodcastLibrary::on_disk(std::size_t show, std::size_t episode) const {
  if (episodes_root_.empty() || !shows_.at(show).feed) return OnDisk::none;
  feeds::EpisodeFiles f = files(show, episode);
  std::error_code ec;
  if (fs::exists(f.audio, ec)) return OnDisk::complete;
  if (fs::exists(feeds::part_path(f.audio), ec)) return OnDisk::partly;
  return OnDisk::none;
}

std::string PodcastLibrary::download(std::size_t show, std::size_t episode) {
  if (download_) return "another episode is downloading; cancel it first or wait";
  if (episodes_root_.empty()) return "no cache folder (neither XDG_CACHE_HOME nor HOME is set)";
  const Show& s = shows_.at(show);
  if (!s.feed || episode >= s.feed->episodes.size()) return "the feed is not loaded";
  const feeds::Episode e = s.feed->episodes[episode];
  if (!e.enclosure) return "\"" + e.title + "\" has no audio in the feed";
  if (downloader_.joinable()) downloader_.join();  // the last one has delivered already
  download_ = Progress{s.where, episode, 0, -1};
  bytes_.store(0);
  total_.store(e.enclosure->length.value_or(-1));
  cancel_.store(false);
  const feeds::EpisodeFiles names = files(show, episode);
  auto growing = std::make_shared<media::GrowingFile>(feeds::part_path(names.audio).string(), names.audio.string(),
                                                      e.enclosure->length.value_or(-1));
  downloader_ = std::thread([this, e, where = s.where, episode, growing] {
    auto progress = [this, &growing](std::int64_t bytes, std::int64_t total) {
      bytes_.store(bytes);
      if (total > 0) total_.store(total);
      growing->arrived(bytes, total);
      return !cancel_.load();
    };
    auto extras = [&](const feeds::EpisodeFiles& f) {
      {
        std::lock_guard lock(mutex_);
        inbox_arriving_.push_back({where, episode, e.title, f, growing});
      }
      if (wake_) wake_();
    };
    feeds::EpisodeFetch fetch = feeds::fetch_episode(e, where, episodes_root_, http_, progress, 0, extras);
    growing->finish(fetch.ok());
    {
      std::lock_guard lock(mutex_);
      inbox_finished_.push_back({where, episode, e.title, std::move(fetch)});
    }
    if (wake_) wake_();
  });
  return {};
}

std::optional<PodcastLibrary::Progress> PodcastLibrary::downloading() const {
  if (!download_) return std::nullopt;
  Progress p = *download_;
  p.bytes = bytes_.load();
  p.total = total_.load();
  return p;
}

void PodcastLibrary::cancel_download() { cancel_.store(true); }

std::vector<PodcastLibrary::Arriving> PodcastLibrary::take_arriving() {
  std::lock_guard lock(mutex_);
  return std::exchange(inbox_arriving_, {});
}

std::vector<PodcastLibrary::Finished> PodcastLibrary::update() {
  std::vector<Loaded> loaded;
  std::vector<Finished> finished;
  {
    std::lock_guard lock(mutex_);
    loaded.swap(inbox_loaded_);
    finished.swap(inbox_finished_);
  }
  for (Loaded& l : loaded) {
    auto i = find(l.where);
    if (!i) continue;  // removed while it loaded
    Show& s = shows_[*i];
    s.loading = false;
    s.notes = std::move(l.result.notes);
    s.error = l.result.error;
    if (!l.result.feed) continue;
    s.feed = std::move(l.result.feed);
    s.order = feeds::newest_first(*s.feed);
    bool renamed = !s.feed->title.empty() && s.feed->title != s.title;
    if (renamed) s.title = s.feed->title;
    if (renamed) save_subscriptions();
  }
  if (!finished.empty()) download_.reset();
  return finished;
}

}  // namespace tingdu::ui
