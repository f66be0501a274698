#include "feed_options.h"

#include <iostream>

#include "feeds/episode_cache.h"
#include "feeds/feed_source.h"

namespace tingdu::cli {

void FeedOptions::add_to(CLI::App& cmd) {
  cmd.add_option("FEED", where, "The feed: an http(s) URL or an RSS file")->required();
  cmd.add_option("--ca-file", ca_file, "PEM file of certificate authorities to trust instead of the system's "
                                       "(default: $TINGDU_CA_FILE when set)");
  cmd.add_option("--stall-timeout", stall_seconds, "Give up a transfer that sends nothing for this many seconds")
      ->check(CLI::PositiveNumber);
}

feeds::HttpOptions FeedOptions::http() const {
  feeds::HttpOptions o = feeds::default_http_options();
  if (!ca_file.empty()) o.ca_file = ca_file;
  o.stall_seconds = stall_seconds;
  return o;
}

std::optional<feeds::Feed> open_feed(const FeedOptions& o) {
  std::filesystem::path cache = feeds::cache_dir();
  feeds::ParseResult r = feeds::load_feed(o.where, o.http(), cache.empty() ? cache : cache / "feeds");
  if (!r.feed) {
    std::cerr << r.error << "\n";
    return std::nullopt;
  }
  for (const auto& n : r.notes) std::cerr << "note: " << n << "\n";
  return std::move(r.feed);
}

std::string transcript_short_name(const std::string& type) {
  switch (feeds::transcript_rank(type)) {
    case 0: return "json";
    case 1: return "vtt";
    case 2: return "srt";
    case 3: return "html";
    default: break;
  }
  auto slash = type.find('/');
  return type.empty() ? "?" : slash == std::string::npos ? type : type.substr(slash + 1);
}

}  // namespace tingdu::cli
