// Fetching one episode: its audio, its best transcript and its chapters, each with
// download_file (resumable .part files), into the episode's own folder.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "feeds/download.h"
#include "feeds/episode_cache.h"
#include "feeds/feed.h"

namespace tingdu::feeds {

struct EpisodeFetch {
  EpisodeFiles files;                // where each file is (or would be)
  DownloadResult audio;
  std::optional<std::string> transcript_type;  // the type of the transcript fetched, if any
  std::vector<std::string> notes;    // transcripts or chapters that failed (the audio still plays), evictions
  // True when the audio is complete; the transcript and chapters are extras.
  bool ok() const { return audio.ok(); }
};

// Called once the transcript and chapters are fetched (or failed), before the audio starts:
// `files.transcript` / `files.chapters` are empty where none could be had.
using ExtrasFetched = std::function<void(const EpisodeFiles& files)>;

// Fetches into episode_files(episodes_root, feed_url, episode, ...): the small files first (the
// transcript, tried best first until one downloads, and the chapters), then the audio.
// `cache_cap_bytes` > 0: afterwards, older episodes are evicted from episodes_root until it fits
// (this one is kept). `progress` reports the audio only.
EpisodeFetch fetch_episode(const Episode& episode, const std::string& feed_url, const std::filesystem::path& episodes_root,
                           const HttpOptions& options, const DownloadProgress& progress = {},
                           std::int64_t cache_cap_bytes = 0, const ExtrasFetched& extras_fetched = {});

}  // namespace tingdu::feeds
