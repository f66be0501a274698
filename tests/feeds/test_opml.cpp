// OPML subscription lists: import with folders, export written atomically, bad files.
#include <catch2/catch.hpp>

#include <fstream>

#include "feeds/opml.h"
#include "test_server.h"

using namespace tingdu;

TEST_CASE("feeds: OPML import reads nested outlines and leaves out what is not a feed", "[feed][opml]") {
  std::string text = R"(<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Subs</title></head><body>
  <outline type="rss" text="Top" xmlUrl="https://a.invalid/feed" htmlUrl="https://a.invalid/"/>
  <outline text="News">
    <outline text="Tech">
      <outline type="rss" title="Deep" xmlUrl="http://b.invalid/rss"/>
    </outline>
    <outline type="link" text="A page" url="https://c.invalid/"/>
    <outline type="rss" text="Twice" xmlUrl="https://a.invalid/feed"/>
    <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
  </outline>
</body></opml>)";
  auto r = feeds::parse_opml(text, "subs.opml");
  REQUIRE(r.error.empty());
  REQUIRE(r.feeds.size() == 2);
  CHECK(r.feeds[0].title == "Top");
  CHECK(r.feeds[0].xml_url == "https://a.invalid/feed");
  CHECK(r.feeds[0].html_url == "https://a.invalid/");
  CHECK(r.feeds[0].folder.empty());
  CHECK(r.feeds[1].title == "Deep");
  CHECK(r.feeds[1].folder == "News/Tech");
  CHECK(r.notes == std::vector<std::string>{"outline \"Local\": xmlUrl \"file:///etc/passwd\" is not an http or https URL; left out"});
}

TEST_CASE("feeds: OPML export round-trips and replaces the file in one step", "[feed][opml]") {
  test::TempDir tmp;
  std::vector<feeds::Subscription> subs = {{"A & B", "https://a.invalid/feed?x=1&y=2", "", ""},
                                           {"听读", "https://b.invalid/rss", "https://b.invalid/", "Chinese/Daily"}};
  auto path = tmp.path / "subs.opml";
  std::ofstream(path) << "old";
  REQUIRE(feeds::write_opml(path, subs, "Tingdu subscriptions") == "");
  auto back = feeds::parse_opml(test::slurp(path), path.string());
  REQUIRE(back.feeds.size() == 2);
  CHECK(back.feeds[0].title == "A & B");
  CHECK(back.feeds[0].xml_url == "https://a.invalid/feed?x=1&y=2");
  CHECK(back.feeds[1].title == "听读");
  CHECK(back.feeds[1].folder == "Chinese/Daily");
  // Only the file itself is left: the temporary one was renamed over it.
  CHECK(std::distance(std::filesystem::directory_iterator(tmp.path), {}) == 1);
  CHECK(feeds::write_opml(tmp.path / "no" / "such" / "dir.opml", subs, "x").rfind("writing " + (tmp.path / "no").string(), 0) == 0);
}

TEST_CASE("feeds: a bad OPML file says what is wrong", "[feed][opml][bad]") {
  CHECK(feeds::parse_opml("<opml><body><outline></body></opml>", "a.opml").error.rfind("a.opml:1:", 0) == 0);
  CHECK(feeds::parse_opml("<rss/>", "b.opml").error.rfind("b.opml: the document is <rss>, not <opml>", 0) == 0);
  CHECK(feeds::parse_opml("<opml/>", "c.opml").error.rfind("c.opml: <opml> has no <body>", 0) == 0);
  auto empty = feeds::parse_opml("<opml><body/></opml>", "d.opml");
  CHECK(empty.error.empty());
  CHECK(empty.notes == std::vector<std::string>{"d.opml: no feed outlines (type=\"rss\" with an xmlUrl)"});
}
