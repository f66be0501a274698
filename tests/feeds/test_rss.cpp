// parse_rss on feeds as they are found: the fields Tingdu shows, the spellings that vary, and
// the input that must fail with a message (not XML, HTML, empty) or must not be expanded.
#include <catch2/catch.hpp>

#include <filesystem>

#include "feed_text.h"
#include "feeds/rss.h"
#include "test_server.h"

using namespace tingdu;
using test::item;
using test::rss;

namespace {

bool has_note(const feeds::ParseResult& r, const std::string& part) {
  for (const auto& n : r.notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("feeds: an RSS feed's show, episodes, transcripts ranked and chapters", "[feed][rss]") {
  std::string items =
      item("One", "Wed, 02 Oct 2002 13:00:00 GMT", "https://cdn.example.invalid/one.mp3",
           "  <itunes:duration>1:02:03</itunes:duration>\n"
           "  <podcast:transcript url=\"https://e.invalid/one.html\" type=\"text/html\"/>\n"
           "  <podcast:transcript url=\"https://e.invalid/one.srt\" type=\"application/x-subrip\" language=\"en\"/>\n"
           "  <podcast:transcript url=\"https://e.invalid/one.json\" type=\"application/json\" rel=\"captions\"/>\n"
           "  <podcast:transcript url=\"https://e.invalid/one.vtt\" type=\"text/vtt\"/>\n"
           "  <podcast:chapters url=\"https://e.invalid/one.chapters.json\" type=\"application/json+chapters\"/>\n") +
      item("Two", "Thu, 03 Oct 2002 13:00:00 +0200", "https://cdn.example.invalid/two.mp3",
           "  <itunes:duration>754</itunes:duration>\n");
  auto r = feeds::parse_rss(rss(items, "<itunes:image href=\"https://e.invalid/art.jpg\"/>\n"), "show.xml", "");
  REQUIRE(r.error.empty());
  REQUIRE(r.feed);
  const auto& f = *r.feed;
  CHECK(f.title == "Test Show");
  CHECK(f.image == "https://e.invalid/art.jpg");
  REQUIRE(f.episodes.size() == 2);
  const auto& one = f.episodes[0];
  CHECK(one.title == "One");
  CHECK(one.published == 1033563600);
  CHECK(one.duration == Approx(3723));
  REQUIRE(one.enclosure);
  CHECK(one.enclosure->url == "https://cdn.example.invalid/one.mp3");
  CHECK(one.enclosure->type == "audio/mpeg");
  CHECK(one.enclosure->length == 1000);
  REQUIRE(one.transcripts.size() == 4);
  CHECK(one.transcripts[0].type == "application/json");
  CHECK(one.transcripts[0].rel == "captions");
  CHECK(one.transcripts[1].type == "text/vtt");
  CHECK(one.transcripts[2].type == "application/x-subrip");
  CHECK(one.transcripts[2].language == "en");
  CHECK(one.transcripts[3].type == "text/html");
  REQUIRE(one.chapters);
  CHECK(one.chapters->url == "https://e.invalid/one.chapters.json");
  CHECK(f.episodes[1].duration == Approx(754));
  CHECK(f.episodes[1].published == 1033563600 + 86400 - 7200);
  // Newest first: "Two" was published a day later.
  CHECK(feeds::newest_first(f) == std::vector<std::size_t>{1, 0});
  CHECK(r.notes.empty());
}

TEST_CASE("feeds: CDATA titles, entities, MM:SS and wrong dates, <image><url>", "[feed][rss]") {
  std::string items = item("<![CDATA[Tom & Jerry <live>]]>", "Sun, 32 Foo 2020", "https://e.invalid/a.mp3",
                           "<itunes:duration>05:30</itunes:duration>") +
                      item("Caf&#233; &amp; more", "2021-05-01T10:00:00Z", "https://e.invalid/b.mp3",
                           "<itunes:duration>an hour</itunes:duration>");
  auto r = feeds::parse_rss(rss(items, "<image><url>https://e.invalid/logo.png</url></image>"), "f.xml", "");
  REQUIRE(r.feed);
  const auto& e = r.feed->episodes;
  CHECK(r.feed->image == "https://e.invalid/logo.png");
  CHECK(e[0].title == "Tom & Jerry <live>");
  CHECK(!e[0].published);
  CHECK(e[0].date_text == "Sun, 32 Foo 2020");
  CHECK(e[0].duration == Approx(330));
  CHECK(e[1].title == "Café & more");
  CHECK(e[1].published == 1619863200);
  CHECK(!e[1].duration);
  CHECK(has_note(r, "item 1 (\"Tom & Jerry <live>\"): pubDate \"Sun, 32 Foo 2020\" is not a date"));
  CHECK(has_note(r, "item 2: itunes:duration \"an hour\" is not a duration"));
  // The undated episode goes after the dated one.
  CHECK(feeds::newest_first(*r.feed) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("feeds: relative URLs resolve against the feed's address, other schemes are left out", "[feed][rss]") {
  std::string items = item("Rel", "Wed, 02 Oct 2002 13:00:00 GMT", "../audio/rel.mp3",
                           "<podcast:transcript url=\"rel.srt\" type=\"application/srt\"/>"
                           "<podcast:chapters url=\"/ch/rel.json\" type=\"application/json+chapters\"/>") +
                      item("File", "Wed, 02 Oct 2002 13:00:00 GMT", "file:///etc/passwd");
  auto r = feeds::parse_rss(rss(items, "<itunes:image href=\"art.png\"/>"), "feed", "https://host.invalid/shows/x/feed.xml");
  REQUIRE(r.feed);
  const auto& e = r.feed->episodes;
  CHECK(r.feed->image == "https://host.invalid/shows/x/art.png");
  CHECK(e[0].enclosure->url == "https://host.invalid/shows/audio/rel.mp3");
  CHECK(e[0].transcripts.at(0).url == "https://host.invalid/shows/x/rel.srt");
  CHECK(e[0].chapters->url == "https://host.invalid/ch/rel.json");
  CHECK(!e[1].enclosure);
  CHECK(has_note(r, "item 2 enclosure: URL \"file:///etc/passwd\" is not http or https; left out"));
  // A local file has no address: atom:link rel="self" gives one, else relative URLs are dropped.
  auto self = feeds::parse_rss(rss(items, "<atom:link rel=\"self\" href=\"http://h.invalid/a/feed\"/>"), "f.xml", "");
  CHECK(self.feed->episodes[0].enclosure->url == "http://h.invalid/audio/rel.mp3");
  auto none = feeds::parse_rss(rss(items), "f.xml", "");
  CHECK(!none.feed->episodes[0].enclosure);
  CHECK(has_note(none, "item 1 enclosure: URL \"../audio/rel.mp3\" is relative and the feed has no address"));
}

TEST_CASE("feeds: an item without an enclosure is kept, with a note", "[feed][rss]") {
  std::string items = item("Has audio", "Wed, 02 Oct 2002 13:00:00 GMT", "https://e.invalid/a.mp3") +
                      item("Text only", "Wed, 02 Oct 2002 14:00:00 GMT", "");
  auto r = feeds::parse_rss(rss(items), "f.xml", "");
  REQUIRE(r.feed);
  REQUIRE(r.feed->episodes.size() == 2);
  CHECK(!r.feed->episodes[1].enclosure);
  CHECK(r.notes == std::vector<std::string>{"item 2 (\"Text only\"): no audio (no usable <enclosure>); listed, but it cannot be played"});
}

TEST_CASE("feeds: malformed XML names the file, line and column", "[feed][rss][bad]") {
  std::string text = rss(item("A", "x", "https://e.invalid/a.mp3")) ;
  text.replace(text.find("</title>"), 8, "</titel>");
  auto r = feeds::parse_rss(text, "broken.xml", "");
  CHECK(!r.feed);
  CHECK(r.error == "broken.xml:5:19: not well-formed XML (Start-end tags mismatch); expected an RSS 2.0 feed (<rss><channel> with <item>s)");
}

TEST_CASE("feeds: an HTML page, an Atom feed, no channel, an empty channel", "[feed][rss][bad]") {
  auto html = feeds::parse_rss("<!DOCTYPE html>\n<html><head><title>Show</title></head><body><p>Hi<br></body></html>", "https://e.invalid/", "");
  CHECK(html.error.rfind("https://e.invalid/: this is an HTML page, not a feed; expected an RSS 2.0 feed", 0) == 0);
  auto xhtml = feeds::parse_rss("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", "p.xml", "");
  CHECK(xhtml.error.rfind("p.xml: this is an HTML page, not a feed", 0) == 0);
  auto atom = feeds::parse_rss("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>", "a.xml", "");
  CHECK(atom.error.rfind("a.xml: the document is <feed> (an Atom feed, which Tingdu does not read), not <rss>", 0) == 0);
  auto nochannel = feeds::parse_rss("<rss version=\"2.0\"></rss>", "n.xml", "");
  CHECK(nochannel.error.rfind("n.xml: <rss> has no <channel>", 0) == 0);
  auto empty = feeds::parse_rss(rss(""), "e.xml", "");
  CHECK(!empty.feed);
  CHECK(empty.error == "e.xml: the channel \"Test Show\" has no <item>: no episodes to list");
  auto nothing = feeds::parse_rss("", "z.xml", "");
  CHECK(nothing.error.rfind("z.xml:1:1: not well-formed XML (No document element found)", 0) == 0);
}

TEST_CASE("feeds: a billion laughs DOCTYPE is neither expanded nor a crash", "[feed][rss][bad]") {
  std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n";
  doctype += " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    doctype += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doctype += prev;
    doctype += "\">\n";
  }
  doctype += "]>\n";
  std::string text = rss(item("&lol9;", "Wed, 02 Oct 2002 13:00:00 GMT", "https://e.invalid/a.mp3"), "", "&lol9; show");
  text = doctype + text.substr(text.find("<rss"));
  auto r = feeds::parse_rss(text, "laughs.xml", "");
  REQUIRE(r.feed);
  CHECK(r.feed->title == "&lol9; show");
  CHECK(r.feed->episodes.at(0).title == "&lol9;");
}

TEST_CASE("feeds: external entities are not fetched or read", "[feed][rss][bad]") {
  auto& server = test::TestServer::get();
  test::TempDir tmp;
  auto marker = tmp.path / "fetched";
  // The CGI leaves a file behind if anything ever asks for it.
  server.put("cgi/secret.sh", "touch '" + marker.string() + "'\nprintf 'Content-Type: text/plain\\r\\n\\r\\nSECRET'\n");
  std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY web SYSTEM \"" + server.http("/cgi/secret.sh") +
                     "\">\n <!ENTITY file SYSTEM \"file:///etc/hostname\">\n]>\n";
  std::string body = rss(item("&web;&file;", "Wed, 02 Oct 2002 13:00:00 GMT", "https://e.invalid/a.mp3"));
  text += body.substr(body.find("<rss"));
  auto r = feeds::parse_rss(text, "xxe.xml", "");
  REQUIRE(r.feed);
  CHECK(r.feed->episodes.at(0).title == "&web;&file;");
  CHECK(!std::filesystem::exists(marker));
}

TEST_CASE("feeds: 20,000 items parse, with their notes capped", "[feed][rss]") {
  std::string items;
  for (int i = 0; i < 20000; ++i)
    items += item("Episode " + std::to_string(i), "bad date " + std::to_string(i), "https://e.invalid/" + std::to_string(i) + ".mp3",
                  "<itunes:duration>30:00</itunes:duration><podcast:transcript url=\"t.vtt\" type=\"text/vtt\"/>");
  auto r = feeds::parse_rss(rss(items), "big.xml", "https://e.invalid/feed");
  REQUIRE(r.feed);
  REQUIRE(r.feed->episodes.size() == 20000);
  CHECK(r.feed->episodes[19999].title == "Episode 19999");
  CHECK(r.feed->episodes[19999].transcripts.at(0).url == "https://e.invalid/t.vtt");
  REQUIRE(r.notes.size() == 21);
  CHECK(r.notes.back() == "... and 19980 more notes like these");
}

TEST_CASE("feeds: duplicate guids are kept with a note, other namespace prefixes are read", "[feed][rss]") {
  std::string text = "<rss version=\"2.0\" xmlns:it=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\" "
                     "xmlns:p20=\"https://podcastindex.org/namespace/1.0\"><channel><title>P</title>"
                     "<item><title>A</title><guid>same</guid><enclosure url=\"https://e.invalid/a.mp3\"/>"
                     "<it:duration>61</it:duration><p20:transcript url=\"https://e.invalid/a.vtt\" type=\"Text/VTT\"/></item>"
                     "<item><title>B</title><guid>same</guid><enclosure url=\"https://e.invalid/b.mp3\"/></item>"
                     "</channel></rss>";
  auto r = feeds::parse_rss(text, "p.xml", "");
  REQUIRE(r.feed);
  REQUIRE(r.feed->episodes.size() == 2);
  CHECK(r.feed->episodes[0].duration == Approx(61));
  CHECK(r.feed->episodes[0].transcripts.at(0).type == "text/vtt");
  CHECK(r.notes == std::vector<std::string>{"item 2: the guid \"same\" is used by an earlier item too"});
}
