// RSS text for tests: a channel with the iTunes and Podcasting 2.0 namespaces around items.
#pragma once

#include <string>

namespace tingdu::test {

inline std::string rss(const std::string& items, const std::string& channel_extra = "",
                       const std::string& title = "Test Show") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"\n"
         "     xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
         "<channel>\n<title>" + title + "</title>\n<link>https://example.invalid/</link>\n" + channel_extra + items +
         "</channel>\n</rss>\n";
}

// One item with an enclosure at `audio_url`, and `extra` inside it.
inline std::string item(const std::string& title, const std::string& date, const std::string& audio_url,
                        const std::string& extra = "") {
  return "<item>\n  <title>" + title + "</title>\n  <pubDate>" + date + "</pubDate>\n  <guid>" + title + "-" + date +
         "</guid>\n" + (audio_url.empty() ? "" : "  <enclosure url=\"" + audio_url + "\" type=\"audio/mpeg\" length=\"1000\"/>\n") +
         extra + "</item>\n";
}

}  // namespace tingdu::test
