// tingdu-cli fetch FEED --episode N: downloads episode N of `tingdu-cli feed FEED` (its audio,
// its best transcript and its chapters) and prints where the files are.
#include <csignal>
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "feed_options.h"
#include "feeds/episode_cache.h"
#include "feeds/fetch_episode.h"
#include "progress_bar.h"
#include "sync/reader.h"

namespace tingdu::cli {
namespace {

volatile std::sig_atomic_t interrupted = 0;

// "500M", "2G", "1.5G", "800K" or bytes; -1 when unreadable.
std::int64_t parse_size(const std::string& s) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(s, &used);
  } catch (const std::exception&) {
    return -1;
  }
  std::string unit = s.substr(used);
  double scale = unit.empty() || unit == "B" ? 1 : unit == "K" ? 1e3 : unit == "M" ? 1e6 : unit == "G" ? 1e9 : unit == "T" ? 1e12 : -1;
  return scale < 0 || v < 0 ? -1 : std::int64_t(v * scale);
}

std::string megabytes(std::int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / 1e6);
  return buf;
}

// A downloaded transcript Tingdu can't read still leaves the episode playable: say why.
void check_transcript(const std::filesystem::path& path) {
  sync::ReadResult r = sync::read_transcript_file(path);
  if (r.ok()) return;
  for (const auto& d : r.diagnostics)
    if (d.severity == sync::Severity::error) {
      std::cerr << "note: the transcript can't be read (" << sync::to_string(d) << "); the episode still plays\n";
      return;
    }
}

}  // namespace

void add_fetch(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("fetch", "Download an episode of a feed (audio, transcript, chapters)");
  cmd->footer(
      "Files go to $XDG_CACHE_HOME/tingdu/episodes/<episode>/ (or -o DIR/<episode>/), as .part\n"
      "files renamed when complete. An interrupted download (Ctrl-C, a dropped connection) resumes\n"
      "where it stopped when run again. Exit status 0 when the audio is there; the transcript and\n"
      "chapters are extras whose failures are notes.");
  struct Args {
    FeedOptions feed;
    std::size_t episode = 0;
    std::string out_dir, cache_cap;
  };
  auto a = std::make_shared<Args>();
  a->feed.add_to(*cmd);
  cmd->add_option("-e,--episode", a->episode, "Episode number, as `tingdu-cli feed` lists them (1 = newest)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("-o,--output", a->out_dir, "Folder to download into instead of the cache")->check(CLI::ExistingDirectory);
  cmd->add_option("--cache-cap", a->cache_cap, "Keep the cache under this size (500M, 2G): episodes listened to "
                                               "longest ago are removed first; not with -o");
  cmd->callback([a, &exit_code] {
    exit_code = 1;
    std::int64_t cap = 0;
    if (!a->cache_cap.empty() && (cap = parse_size(a->cache_cap)) <= 0) {
      std::cerr << "--cache-cap \"" << a->cache_cap << "\": expected a size like 500M or 2G\n";
      return;
    }
    std::filesystem::path root = a->out_dir.empty() ? feeds::cache_dir() / "episodes" : std::filesystem::path(a->out_dir);
    if (a->out_dir.empty() && feeds::cache_dir().empty()) {
      std::cerr << "no cache folder (neither XDG_CACHE_HOME nor HOME is set): give -o DIR\n";
      return;
    }
    auto feed = open_feed(a->feed);
    if (!feed) return;
    auto order = feeds::newest_first(*feed);
    if (a->episode > order.size()) {
      std::cerr << "episode " << a->episode << ": the feed has " << order.size() << " (see tingdu-cli feed "
                << a->feed.where << ")\n";
      return;
    }
    const feeds::Episode& e = feed->episodes[order[a->episode - 1]];
    ProgressBar bar;
    interrupted = 0;
    // Ctrl-C cancels the transfer cleanly: the part is kept and a later fetch resumes it.
    auto previous = std::signal(SIGINT, [](int) { interrupted = 1; });
    std::string label;
    auto progress = [&](std::int64_t bytes, std::int64_t total) {
      label = megabytes(bytes) + (total > 0 ? " of " + megabytes(total) : "");
      bar.show(total > 0 ? double(bytes) / double(total) : 0, label.c_str());
      return interrupted == 0;
    };
    auto r = feeds::fetch_episode(e, a->feed.where, root, a->feed.http(), progress, a->out_dir.empty() ? cap : 0);
    bar.finish();
    std::signal(SIGINT, previous);
    for (const auto& n : r.audio.notes) std::cerr << "note: " << n << "\n";
    if (!r.ok()) {
      std::cerr << r.audio.error << "\n";
      exit_code = r.audio.status == feeds::DownloadResult::Status::cancelled ? 130 : 1;
      return;
    }
    for (const auto& n : r.notes) std::cerr << "note: " << n << "\n";
    std::cout << "episode:    " << e.title << "\n";
    std::cout << "audio:      " << r.files.audio.string() << " (" << megabytes(r.audio.bytes)
              << (r.audio.status == feeds::DownloadResult::Status::already_complete ? ", already here" : "") << ")\n";
    if (r.transcript_type) {
      std::cout << "transcript: " << r.files.transcript.string() << " (" << *r.transcript_type << ")\n";
      check_transcript(r.files.transcript);
    } else {
      std::cout << "transcript: none\n";
    }
    std::cout << "chapters:   " << (r.files.chapters.empty() ? std::string("none") : r.files.chapters.string()) << "\n";
    exit_code = 0;
  });
}

}  // namespace tingdu::cli
