// Where episodes from feeds are kept: $XDG_CACHE_HOME/tingdu/episodes (or ~/.cache/tingdu/...),
// one folder per episode. Every name on disk is made here from fixed words and sanitised feed
// text: nothing a feed says is ever used as a path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/feed.h"

namespace tingdu::feeds {

// $XDG_CACHE_HOME/tingdu, else $HOME/.cache/tingdu; empty when neither is set.
std::filesystem::path cache_dir();

// `text` as one file name: no '/', no NUL or control characters, no leading dots (so never "."
// or ".."), spaces collapsed, at most `max_bytes` bytes (cut on a UTF-8 boundary); "episode"
// when nothing is left.
std::string safe_name(std::string_view text, std::size_t max_bytes = 80);

// An episode's files inside its folder. The suffixes come from a fixed list, chosen by the
// URL's suffix or the MIME type (".mp3" for audio/mpeg); unknown ones get ".audio" / ".txt".
struct EpisodeFiles {
  std::filesystem::path dir, audio, transcript, chapters;
};

// The folder for `episode` of the feed at `feed_url` under `episodes_root`:
// "<safe title> <8 hex digits>", the digits a hash of the feed URL and the episode's guid (or
// its audio URL), so two episodes with one title get two folders and a re-titled one keeps its
// files. `transcript` is the link that will be fetched (its type picks the suffix), or null.
EpisodeFiles episode_files(const std::filesystem::path& episodes_root, const std::string& feed_url, const Episode& episode,
                           const TranscriptLink* transcript);

// Stamps the episode's folder as listened now (the window calls it on play): eviction removes
// the folders listened to longest ago first.
void mark_listened(const std::filesystem::path& episode_dir);

struct Eviction {
  std::vector<std::filesystem::path> removed;  // folders, oldest first
  std::int64_t bytes_before = 0, bytes_after = 0;
  std::string error;  // "" or what could not be removed
};

// Removes whole episode folders under `episodes_root` until their total is at most `cap_bytes`,
// oldest first: by the listened stamp, else by the newest file's modification time. `keep` (the
// episode being fetched) is never removed, even when it alone is over the cap.
Eviction enforce_cache_cap(const std::filesystem::path& episodes_root, std::int64_t cap_bytes,
                           const std::filesystem::path& keep);

}  // namespace tingdu::feeds
