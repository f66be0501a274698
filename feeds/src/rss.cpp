#include "feeds/rss.h"

#include <pugixml.hpp>

#include <algorithm>
#include <unordered_set>

#include "feed_values.h"
#include "feeds/url.h"
#include "xml_util.h"

namespace tingdu::feeds {
namespace {

// The prefixes this feed gives the namespaces we read. Feeds nearly always write "itunes:" and
// "podcast:", but the namespace URI is what counts.
struct Prefixes {
  std::string itunes = "itunes:", podcast = "podcast:", atom = "atom:";

  void learn(const pugi::xml_node& node) {
    for (const auto& a : node.attributes()) {
      std::string_view name = a.name();
      if (name.substr(0, 6) != "xmlns:") continue;
      std::string uri = lower(a.value());
      std::string prefix = std::string(name.substr(6)) + ":";
      if (uri.find("itunes.com/dtds/podcast-1.0.dtd") != std::string::npos) itunes = prefix;
      else if (uri.find("podcastindex.org/namespace/1.0") != std::string::npos ||
               uri.find("podcastindex-org/podcast-namespace") != std::string::npos) podcast = prefix;
      else if (uri == "http://www.w3.org/2005/atom") atom = prefix;
    }
    duration = itunes + "duration";
    image = itunes + "image";
    transcript = podcast + "transcript";
    chapters = podcast + "chapters";
  }
  // The prefixed names, made once (compared with every child of every item).
  std::string duration = "itunes:duration", image = "itunes:image", transcript = "podcast:transcript",
              chapters = "podcast:chapters";
};

class ItemReader {
 public:
  ItemReader(const Prefixes& p, const std::string& base, Notes& notes) : p_(p), base_(base), notes_(notes) {}

  // A URL from the feed made absolute; empty (with a note) when it can't be or isn't http(s).
  std::string url(const std::string& raw, const std::string& where) {
    std::string u = trim(raw);
    if (u.empty()) return "";
    if (auto r = base_.resolve(u)) return *r;
    notes_.add(where + ": URL \"" + u + "\" " +
               (!base_.has_base() && !is_http_url(u) ? "is relative and the feed has no address to resolve it against"
                                                : "is not http or https") + "; left out");
    return "";
  }

  Episode read(const pugi::xml_node& item, std::size_t number) {
    Episode e;
    for (const auto& c : item.children()) {
      std::string_view n = c.name();
      if (n == "title") e.title = collapse(text_of(c));
      else if (n == "guid") e.guid = trim(text_of(c));
      else if (n == "pubDate") e.date_text = trim(text_of(c));
      else if (n == "enclosure" && !e.enclosure) e.enclosure = enclosure(c, number);
      else if (n == p_.duration) duration(e, c, number);
      else if (n == p_.image && e.image.empty()) e.image = url(c.attribute("href").value(), label(number));
      else if (n == p_.transcript) transcript(e, c, number);
      else if (n == p_.chapters && !e.chapters) {
        std::string u = url(c.attribute("url").value(), label(number) + " chapters");
        if (!u.empty()) e.chapters = ChaptersLink{u, lower(trim(c.attribute("type").value()))};
      }
    }
    if (!e.date_text.empty()) {
      e.published = parse_feed_date(e.date_text);
      if (!e.published) notes_.add(label(number, e) + ": pubDate \"" + e.date_text + "\" is not a date; listed last");
    }
    if (!e.enclosure) notes_.add(label(number, e) + ": no audio (no usable <enclosure>); listed, but it cannot be played");
    std::stable_sort(e.transcripts.begin(), e.transcripts.end(),
                     [](const auto& a, const auto& b) { return transcript_rank(a.type) < transcript_rank(b.type); });
    return e;
  }

 private:
  static std::string label(std::size_t number) { return "item " + std::to_string(number); }
  static std::string label(std::size_t number, const Episode& e) {
    return label(number) + (e.title.empty() ? "" : " (\"" + e.title + "\")");
  }

  std::optional<Enclosure> enclosure(const pugi::xml_node& c, std::size_t number) {
    std::string u = url(c.attribute("url").value(), label(number) + " enclosure");
    if (u.empty()) return std::nullopt;
    Enclosure en{u, lower(trim(c.attribute("type").value())), std::nullopt};
    // Lengths are often missing, 0 or words: only a positive number counts.
    std::string len = trim(c.attribute("length").value());
    if (!len.empty() && len.find_first_not_of("0123456789") == std::string::npos && len.size() < 19 && std::stoll(len) > 0)
      en.length = std::stoll(len);
    return en;
  }

  void duration(Episode& e, const pugi::xml_node& c, std::size_t number) {
    std::string t = trim(text_of(c));
    e.duration = parse_duration(t);
    if (!e.duration && !t.empty()) notes_.add(label(number) + ": itunes:duration \"" + t + "\" is not a duration (SS, MM:SS or HH:MM:SS); shown as unknown");
  }

  void transcript(Episode& e, const pugi::xml_node& c, std::size_t number) {
    std::string u = url(c.attribute("url").value(), label(number) + " transcript");
    if (u.empty()) return;
    e.transcripts.push_back({u, lower(trim(c.attribute("type").value())), trim(c.attribute("language").value()),
                             trim(c.attribute("rel").value())});
  }

  const Prefixes& p_;
  UrlResolver base_;
  Notes& notes_;
};

std::string channel_image(const pugi::xml_node& channel, const Prefixes& p, ItemReader& r) {
  if (auto i = channel.child((p.itunes + "image").c_str()); i && *i.attribute("href").value())
    return r.url(i.attribute("href").value(), "channel image");
  if (auto u = channel.child("image").child("url")) return r.url(text_of(u), "channel image");
  return "";
}

}  // namespace

ParseResult parse_rss(std::string_view text, const std::string& source, const std::string& base_url) {
  ParseResult result;
  const char* expected = "expected an RSS 2.0 feed (<rss><channel> with <item>s)";
  if (looks_like_html(text)) {
    result.error = source + ": this is an HTML page, not a feed; " + expected +
                   ". A show's web page often links its feed: use that address.";
    return result;
  }
  pugi::xml_document doc;
  result.error = load_xml(doc, text, source, expected);
  if (!result.error.empty()) return result;
  pugi::xml_node rss = doc.document_element();
  std::string root = rss.name();
  if (lower(root) == "html") {
    result.error = source + ": this is an HTML page, not a feed; " + expected;
    return result;
  }
  if (root != "rss") {
    result.error = source + ": the document is <" + root + ">" + (root == "feed" ? " (an Atom feed, which Tingdu does not read)" : "") +
                   ", not <rss>; " + expected;
    return result;
  }
  pugi::xml_node channel = rss.child("channel");
  if (!channel) {
    result.error = source + ": <rss> has no <channel>; " + expected;
    return result;
  }
  Prefixes p;
  p.learn(rss);
  p.learn(channel);
  std::string base = base_url;
  // The name outlives the loop: pugixml's named iterator keeps the pointer, not a copy.
  const std::string atom_link = p.atom + "link";
  if (base.empty())
    for (const auto& l : channel.children(atom_link.c_str()))
      if (std::string_view(l.attribute("rel").value()) == "self" && is_http_url(trim(l.attribute("href").value())))
        base = trim(l.attribute("href").value());
  Notes notes;
  ItemReader reader(p, base, notes);
  Feed feed;
  feed.title = collapse(text_of(channel.child("title")));
  feed.link = trim(text_of(channel.child("link")));
  feed.image = channel_image(channel, p, reader);
  std::unordered_set<std::string> guids;
  std::size_t number = 0;
  for (const auto& item : channel.children("item")) {
    Episode e = reader.read(item, ++number);
    if (!e.guid.empty() && !guids.insert(e.guid).second)
      notes.add("item " + std::to_string(number) + ": the guid \"" + e.guid + "\" is used by an earlier item too");
    feed.episodes.push_back(std::move(e));
  }
  if (feed.episodes.empty()) {
    result.error = source + ": the channel" + (feed.title.empty() ? "" : " \"" + feed.title + "\"") +
                   " has no <item>: no episodes to list";
    return result;
  }
  result.notes = notes.take();
  result.feed = std::move(feed);
  return result;
}

}  // namespace tingdu::feeds
