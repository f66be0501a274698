// A podcast feed as Tingdu uses it: the show and its episodes, each with its audio (the
// enclosure), its transcripts and its chapters. Filled by parse_rss (rss.h); nothing here touches
// the network or the disk.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tingdu::feeds {

// A <podcast:transcript>. `type` is the MIME type as written, lower-cased ("text/vtt").
struct TranscriptLink {
  std::string url, type, language, rel;
};

// A <podcast:chapters> (Podcasting 2.0 JSON chapters, usually "application/json+chapters").
struct ChaptersLink {
  std::string url, type;
};

// The episode's audio. `length` is the byte count the feed claims; feeds often omit it or get it
// wrong, so it is shown, never trusted for checking a download (the server's Content-Length is).
struct Enclosure {
  std::string url, type;
  std::optional<std::int64_t> length;
};

struct Episode {
  std::string title;  // "" when the item has none
  std::string guid;   // as written; "" when missing
  std::string date_text;                 // pubDate as written
  std::optional<std::int64_t> published;  // Unix seconds (UTC); empty when missing or unreadable
  std::optional<double> duration;         // seconds, from itunes:duration
  std::string image;                      // itunes:image of the item, "" when none
  std::optional<Enclosure> enclosure;     // empty: listed, but there is nothing to play
  std::vector<TranscriptLink> transcripts;  // best first (transcript_rank)
  std::optional<ChaptersLink> chapters;
};

struct Feed {
  std::string title;
  std::string image;  // itunes:image href, else <image><url>; "" when none
  std::string link;   // the show's web page
  std::vector<Episode> episodes;  // in the feed's order
};

// Lower is better: application/json 0, text/vtt 1, SRT (application/x-subrip, application/srt,
// text/srt) 2, text/html 3, anything else 4. Timed formats first, as issue 17 asks.
int transcript_rank(const std::string& type);

// Indices into feed.episodes, newest first. Episodes without a readable date keep their feed
// order after the dated ones.
std::vector<std::size_t> newest_first(const Feed& feed);

}  // namespace tingdu::feeds
