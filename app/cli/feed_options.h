// What tingdu-cli feed and fetch share: the network options and opening the feed named on the
// command line (URL or file), with its messages on stderr.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "feeds/feed.h"
#include "feeds/http.h"

namespace tingdu::cli {

struct FeedOptions {
  std::string where;    // URL or file
  std::string ca_file;  // --ca-file, else $TINGDU_CA_FILE
  long stall_seconds = 30;

  // Adds FEED (required), --ca-file and --stall-timeout.
  void add_to(CLI::App& cmd);
  feeds::HttpOptions http() const;
};

// Loads and parses the feed (a URL is refreshed through the cache with ETag/Last-Modified).
// Prints the error, or the notes, on stderr; nullopt on error.
std::optional<feeds::Feed> open_feed(const FeedOptions& o);

// "json", "vtt", "srt", "html", or the MIME type's subtype for others.
std::string transcript_short_name(const std::string& type);

}  // namespace tingdu::cli
