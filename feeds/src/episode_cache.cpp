#include "feeds/episode_cache.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>

#include "feeds/url.h"
#include "stable_hash.h"

namespace tingdu::feeds {
namespace fs = std::filesystem;

fs::path cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return fs::path(x) / "tingdu";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "tingdu";
  return {};
}

std::string safe_name(std::string_view text, std::size_t max_bytes) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    // Separators and characters that file managers, shells or other systems trip on.
    bool bad = c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
               c == '<' || c == '>' || c == '|';
    if (c == ' ' || c == '\t' || bad) {
      space = !out.empty();
      continue;
    }
    if (out.empty() && c == '.') continue;
    if (space) out += ' ';
    space = false;
    out += char(c);
  }
  if (out.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    out.resize(cut);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out.empty() ? "episode" : out;
}

namespace {

// The first of `candidates` that is the URL's suffix, else the one the MIME type names, else
// `fallback`.
std::string suffix(const std::string& url, const std::string& type, const std::map<std::string, std::string>& by_type,
                   const std::vector<std::string>& candidates, const std::string& fallback) {
  std::string ext = url_extension(url);
  if (std::find(candidates.begin(), candidates.end(), ext) != candidates.end()) return ext;
  if (auto it = by_type.find(type); it != by_type.end()) return it->second;
  return fallback;
}

const fs::path kListened = ".listened";

fs::file_time_type last_used(const fs::path& dir, std::int64_t& size) {
  // min(), not {}: libstdc++'s file clock counts from 2174, so {} is later than any real file.
  auto newest = fs::file_time_type::min();
  std::error_code ec;
  bool stamped = fs::exists(dir / kListened, ec);
  if (stamped) newest = fs::last_write_time(dir / kListened, ec);
  for (const auto& f : fs::recursive_directory_iterator(dir, ec)) {
    if (!f.is_regular_file(ec)) continue;
    size += std::int64_t(f.file_size(ec));
    if (!stamped) newest = std::max(newest, f.last_write_time(ec));
  }
  return newest;
}

}  // namespace

EpisodeFiles episode_files(const fs::path& episodes_root, const std::string& feed_url, const Episode& e,
                           const TranscriptLink* transcript) {
  std::string id = e.guid.empty() ? (e.enclosure ? e.enclosure->url : e.title) : e.guid;
  EpisodeFiles f;
  f.dir = episodes_root / (safe_name(e.title, 80) + " " + hash8(feed_url + "\n" + id));
  static const std::map<std::string, std::string> audio_types = {
      {"audio/mpeg", ".mp3"}, {"audio/mp3", ".mp3"},   {"audio/mp4", ".m4a"},  {"audio/x-m4a", ".m4a"},
      {"audio/aac", ".aac"},  {"audio/ogg", ".ogg"},   {"audio/opus", ".opus"}, {"audio/flac", ".flac"},
      {"audio/wav", ".wav"},  {"audio/x-wav", ".wav"}, {"video/mp4", ".mp4"},  {"audio/webm", ".webm"}};
  static const std::vector<std::string> audio_ext = {".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus",
                                                     ".flac", ".wav", ".mp4", ".m4b", ".webm"};
  f.audio = f.dir / ("audio" + (e.enclosure ? suffix(e.enclosure->url, e.enclosure->type, audio_types, audio_ext, ".audio")
                                            : std::string(".audio")));
  static const std::map<std::string, std::string> text_types = {
      {"application/json", ".json"}, {"text/vtt", ".vtt"}, {"application/x-subrip", ".srt"},
      {"application/srt", ".srt"},   {"text/srt", ".srt"}, {"text/html", ".html"}, {"text/plain", ".txt"}};
  static const std::vector<std::string> text_ext = {".json", ".vtt", ".srt", ".html", ".txt"};
  // The type decides a transcript's suffix first: Tingdu reads the file by it.
  if (transcript) {
    auto t = text_types.find(transcript->type);
    f.transcript = f.dir / ("transcript" + (t != text_types.end() ? t->second : suffix(transcript->url, "", {}, text_ext, ".txt")));
  }
  if (e.chapters) f.chapters = f.dir / "chapters.json";
  return f;
}

void mark_listened(const fs::path& episode_dir) {
  std::ofstream(episode_dir / kListened, std::ios::trunc) << "";
  std::error_code ec;
  fs::last_write_time(episode_dir / kListened, fs::file_time_type::clock::now(), ec);
}

Eviction enforce_cache_cap(const fs::path& episodes_root, std::int64_t cap_bytes, const fs::path& keep) {
  Eviction ev;
  struct Folder {
    fs::path path;
    fs::file_time_type used;
    std::int64_t size = 0;
  };
  std::vector<Folder> folders;
  std::error_code ec;
  for (const auto& d : fs::directory_iterator(episodes_root, ec)) {
    if (!d.is_directory(ec) || d.is_symlink(ec)) continue;
    Folder f{d.path(), {}, 0};
    f.used = last_used(d.path(), f.size);
    ev.bytes_before += f.size;
    folders.push_back(std::move(f));
  }
  std::sort(folders.begin(), folders.end(), [](const Folder& a, const Folder& b) { return a.used < b.used; });
  ev.bytes_after = ev.bytes_before;
  fs::path keep_abs = fs::weakly_canonical(keep, ec);
  for (const auto& f : folders) {
    if (ev.bytes_after <= cap_bytes) break;
    if (fs::weakly_canonical(f.path, ec) == keep_abs) continue;
    fs::remove_all(f.path, ec);
    if (ec) {
      ev.error = "removing " + f.path.string() + ": " + ec.message();
      break;
    }
    ev.removed.push_back(f.path);
    ev.bytes_after -= f.size;
  }
  return ev;
}

}  // namespace tingdu::feeds
