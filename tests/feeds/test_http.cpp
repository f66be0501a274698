// fetch_text and load_feed against the real server: conditional refresh (ETag, 304), HTTPS with
// the test's own certificate authority, errors in words, redirects.
#include <catch2/catch.hpp>

#include "feed_text.h"
#include "feeds/feed_source.h"
#include "feeds/http.h"
#include "test_server.h"

using namespace tingdu;

namespace {

feeds::HttpOptions options() {
  feeds::HttpOptions o;
  o.ca_file = test::TestServer::get().ca_file().string();
  return o;
}

std::string feed_with(const std::string& title) {
  return test::rss(test::item(title, "Wed, 02 Oct 2002 13:00:00 GMT", "audio.mp3"));
}

}  // namespace

TEST_CASE("feeds: a feed is refreshed with its ETag, and a 304 keeps the cached copy", "[feed][http]") {
  auto& server = test::TestServer::get();
  test::TempDir cache;
  server.put("etag/feed.xml", feed_with("First"));
  auto first = feeds::fetch_text(server.http("/etag/feed.xml"), {}, options());
  REQUIRE(first.ok);
  CHECK(first.status == 200);
  REQUIRE(!first.validators.etag.empty());
  auto again = feeds::fetch_text(server.http("/etag/feed.xml"), first.validators, options());
  CHECK(again.ok);
  CHECK(again.not_modified);
  CHECK(again.status == 304);
  CHECK(again.body.empty());

  bool not_modified = true;
  auto a = feeds::load_feed(server.http("/etag/feed.xml"), options(), cache.path, &not_modified);
  REQUIRE(a.feed);
  CHECK(!not_modified);
  auto b = feeds::load_feed(server.http("/etag/feed.xml"), options(), cache.path, &not_modified);
  REQUIRE(b.feed);
  CHECK(not_modified);
  CHECK(b.feed->episodes.at(0).title == "First");
  // The relative enclosure resolves against the feed's URL, from the cached copy too.
  CHECK(b.feed->episodes[0].enclosure->url == server.http("/etag/audio.mp3"));
  server.put("etag/feed.xml", feed_with("Second, longer"));
  auto c = feeds::load_feed(server.http("/etag/feed.xml"), options(), cache.path, &not_modified);
  REQUIRE(c.feed);
  CHECK(!not_modified);
  CHECK(c.feed->episodes.at(0).title == "Second, longer");
  // Gone from the server (or offline): the kept copy, with a note saying why it is not fresh.
  std::filesystem::remove(server.docroot() / "etag" / "feed.xml");
  auto d = feeds::load_feed(server.http("/etag/feed.xml"), options(), cache.path, &not_modified);
  REQUIRE(d.feed);
  CHECK(d.feed->episodes.at(0).title == "Second, longer");
  CHECK(d.notes.at(0) == "could not refresh the feed (" + server.http("/etag/feed.xml") +
                             ": the server answered 404 (not found)): the copy kept from the last time is shown");
}

TEST_CASE("feeds: HTTPS with the test's certificate, and refused without it", "[feed][http]") {
  auto& server = test::TestServer::get();
  server.put("tls/feed.xml", feed_with("Secure"));
  auto ok = feeds::load_feed(server.https("/tls/feed.xml"), options(), "");
  REQUIRE(ok.feed);
  CHECK(ok.feed->episodes.at(0).enclosure->url == server.https("/tls/audio.mp3"));
  auto refused = feeds::fetch_text(server.https("/tls/feed.xml"), {}, feeds::HttpOptions{});
  CHECK(!refused.ok);
  CHECK(refused.error.rfind(server.https("/tls/feed.xml") + ": the server's certificate is not trusted", 0) == 0);
}

TEST_CASE("feeds: 404, 500, a redirect loop and a redirect to the feed", "[feed][http][bad]") {
  auto& server = test::TestServer::get();
  server.put("cgi/fail.sh", "printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nboom'\n");
  server.put("moved-target/feed.xml", feed_with("Moved"));
  auto missing = feeds::load_feed(server.http("/no/such/feed.xml"), options(), "");
  CHECK(missing.error == server.http("/no/such/feed.xml") + ": the server answered 404 (not found)");
  auto broken = feeds::fetch_text(server.http("/cgi/fail.sh"), {}, options());
  CHECK(broken.error == server.http("/cgi/fail.sh") + ": the server answered 500 (server error)");
  auto loop = feeds::fetch_text(server.http("/loop/feed.xml"), {}, options());
  CHECK(loop.error == server.http("/loop/feed.xml") + ": more than 5 redirects (a redirect loop?); gave up");
  // Relative URLs are relative to where the feed was found, after the redirect.
  auto moved = feeds::load_feed(server.http("/moved/moved-target/feed.xml"), options(), "");
  REQUIRE(moved.feed);
  CHECK(moved.feed->episodes.at(0).enclosure->url == server.http("/moved-target/audio.mp3"));
  auto scheme = feeds::load_feed("ftp://127.0.0.1/feed.xml", options(), "");
  CHECK(scheme.error == "ftp://127.0.0.1/feed.xml: only http and https feeds (or a local file) can be opened");
}

TEST_CASE("feeds: an HTML page served as the feed is named as such", "[feed][http][bad]") {
  auto& server = test::TestServer::get();
  server.put("page/index.xml", "<!doctype html><html><body>Our show</body></html>");
  auto r = feeds::load_feed(server.http("/page/index.xml"), options(), "");
  CHECK(r.error.rfind(server.http("/page/index.xml") + ": this is an HTML page, not a feed", 0) == 0);
}
