#include "feeds/fetch_episode.h"

namespace tingdu::feeds {
namespace fs = std::filesystem;

EpisodeFetch fetch_episode(const Episode& episode, const std::string& feed_url, const fs::path& episodes_root,
                           const HttpOptions& options, const DownloadProgress& progress, std::int64_t cache_cap_bytes,
                           const ExtrasFetched& extras_fetched) {
  EpisodeFetch r;
  r.files = episode_files(episodes_root, feed_url, episode, episode.transcripts.empty() ? nullptr : &episode.transcripts[0]);
  if (!episode.enclosure) {
    r.audio.error = "\"" + episode.title + "\" has no audio in the feed (no <enclosure>)";
    return r;
  }
  std::error_code ec;
  fs::create_directories(r.files.dir, ec);
  if (ec) {
    r.audio.error = "making " + r.files.dir.string() + ": " + ec.message();
    return r;
  }
  // The small files first, so a player can show the transcript while the audio arrives.
  for (const auto& t : episode.transcripts) {
    EpisodeFiles names = episode_files(episodes_root, feed_url, episode, &t);
    DownloadResult d = download_file(t.url, names.transcript, options);
    if (d.ok()) {
      r.files.transcript = names.transcript;
      r.transcript_type = t.type;
      break;
    }
    r.notes.push_back("transcript (" + (t.type.empty() ? std::string("no type") : t.type) + "): " + d.error);
  }
  if (!r.transcript_type) r.files.transcript.clear();
  if (episode.chapters) {
    DownloadResult d = download_file(episode.chapters->url, r.files.chapters, options);
    if (!d.ok()) {
      r.notes.push_back("chapters: " + d.error);
      r.files.chapters.clear();
    }
  }
  if (extras_fetched) extras_fetched(r.files);
  r.audio = download_file(episode.enclosure->url, r.files.audio, options, progress);
  if (!r.audio.ok()) return r;
  if (cache_cap_bytes > 0) {
    Eviction ev = enforce_cache_cap(episodes_root, cache_cap_bytes, r.files.dir);
    for (const auto& p : ev.removed) r.notes.push_back("cache cap: removed " + p.filename().string());
    if (!ev.error.empty()) r.notes.push_back("cache cap: " + ev.error);
    if (ev.bytes_after > cache_cap_bytes)
      r.notes.push_back("cache cap: this episode alone is over the cap of " + std::to_string(cache_cap_bytes) + " bytes");
  }
  return r;
}

}  // namespace tingdu::feeds
