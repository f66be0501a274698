// tingdu-cli feed and fetch end to end: the real binary against the tests' lighttpd on
// 127.0.0.1 (HTTPS with the run's own certificate), with the cache in a temporary folder.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "feed_text.h"
#include "test_server.h"

using tingdu::test::run;
using tingdu::test::TestServer;
namespace fs = std::filesystem;

namespace {

// The cache goes to `dir` for the binary the test runs.
struct CacheHere {
  explicit CacheHere(const fs::path& dir) { ::setenv("XDG_CACHE_HOME", dir.c_str(), 1); }
  ~CacheHere() { ::unsetenv("XDG_CACHE_HOME"); }
};

std::string ca() { return " --ca-file " + TestServer::get().ca_file().string(); }

// Two episodes with audio (the newer with an SRT and a JSON transcript and chapters) and one
// without.
std::string show_feed(const std::string& audio_url) {
  auto& s = TestServer::get();
  s.put("show/talk.srt", "1\n00:00:00,000 --> 00:00:02,000\nHello there\n\n2\n00:00:02,000 --> 00:00:04,000\nAnd more\n");
  s.put("show/chapters.json", R"({"version":"1.2.0","chapters":[{"startTime":0,"title":"Start"}]})");
  using tingdu::test::item;
  return tingdu::test::rss(
      item("Older", "Mon, 01 Jan 2024 10:00:00 GMT", audio_url, "<itunes:duration>00:20</itunes:duration>") +
          item("Newest: a/b", "Wed, 03 Jan 2024 10:00:00 GMT", audio_url,
               "<itunes:duration>1:00:20</itunes:duration>"
               "<podcast:transcript url=\"talk.srt\" type=\"application/x-subrip\"/>"
               "<podcast:transcript url=\"gone.json\" type=\"application/json\"/>"
               "<podcast:chapters url=\"chapters.json\" type=\"application/json+chapters\"/>") +
          item("Text only", "Tue, 02 Jan 2024 10:00:00 GMT", ""),
      "", "CLI Show");
}

}  // namespace

TEST_CASE("cli: feed lists a feed's episodes newest first, as text and JSON", "[cli][feed]") {
  auto& s = TestServer::get();
  tingdu::test::TempDir cache;
  CacheHere here(cache.path);
  s.put("show/feed.xml", show_feed("../audio.mp3"));
  auto r = run("feed " + s.https("/show/feed.xml") + ca());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("CLI Show: 3 episodes\n") != std::string::npos);
  CHECK(r.out.find("    1  2024-01-03   1:00:20  json,srt        yes       Newest: a/b\n") != std::string::npos);
  CHECK(r.out.find("    2  2024-01-02         -  -               no        Text only  [no audio]\n") != std::string::npos);
  CHECK(r.out.find("    3  2024-01-01      0:20  -               no        Older\n") != std::string::npos);
  CHECK(r.out.find("note: item 3 (\"Text only\"): no audio") != std::string::npos);
  auto j = run("feed " + s.https("/show/feed.xml") + ca() + " --format json");
  REQUIRE(j.exit_code == 0);
  auto doc = nlohmann::json::parse(j.out.substr(j.out.find("{\n")));  // after the note on stderr
  CHECK(doc["title"] == "CLI Show");
  REQUIRE(doc["episodes"].size() == 3);
  CHECK(doc["episodes"][0]["index"] == 1);
  CHECK(doc["episodes"][0]["date"] == "2024-01-03T10:00:00Z");
  CHECK(doc["episodes"][0]["duration"] == 3620.0);
  CHECK(doc["episodes"][0]["enclosure"]["url"] == s.https("/audio.mp3"));
  CHECK(doc["episodes"][0]["transcripts"][0]["type"] == "application/json");
  CHECK(doc["episodes"][1]["enclosure"].is_null());
}

TEST_CASE("cli: feed says why a feed can't be read, exit 1", "[cli][feed]") {
  auto& s = TestServer::get();
  tingdu::test::TempDir cache;
  CacheHere here(cache.path);
  auto missing = run("feed " + s.http("/show/none.xml"));
  CHECK(missing.exit_code == 1);
  CHECK(missing.out == s.http("/show/none.xml") + ": the server answered 404 (not found)\n");
  s.put("show/page.xml", "<html><body>Welcome</body></html>");
  auto html = run("feed " + s.http("/show/page.xml"));
  CHECK(html.exit_code == 1);
  CHECK(html.out.rfind(s.http("/show/page.xml") + ": this is an HTML page, not a feed", 0) == 0);
  auto file = run("feed " + (cache.path / "nope.xml").string());
  CHECK(file.exit_code == 1);
  CHECK(file.out == (cache.path / "nope.xml").string() + ": cannot read the file\n");
  auto untrusted = run("feed " + s.https("/show/feed.xml"));
  CHECK(untrusted.exit_code == 1);
  CHECK(untrusted.out.find("the server's certificate is not trusted") != std::string::npos);
}

TEST_CASE("cli: feed --opml lists a subscription list's feeds", "[cli][feed]") {
  tingdu::test::TempDir tmp;
  std::ofstream(tmp.path / "subs.opml") << R"(<opml version="2.0"><body><outline text="Talk">
    <outline type="rss" text="One" xmlUrl="https://a.invalid/one"/></outline>
    <outline type="rss" text="Two" xmlUrl="https://a.invalid/two"/></body></opml>)";
  auto r = run("feed --opml " + (tmp.path / "subs.opml").string());
  CHECK(r.exit_code == 0);
  CHECK(r.out == "Talk/One\n  https://a.invalid/one\nTwo\n  https://a.invalid/two\n");
  auto j = run("feed --opml " + (tmp.path / "subs.opml").string() + " --format json");
  CHECK(nlohmann::json::parse(j.out)[0]["folder"] == "Talk");
  std::ofstream(tmp.path / "bad.opml") << "<opml><body>";
  auto bad = run("feed --opml " + (tmp.path / "bad.opml").string());
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.rfind((tmp.path / "bad.opml").string() + ":1:", 0) == 0);
}

TEST_CASE("cli: fetch downloads a feed's episode: audio, transcript and chapters into the cache", "[cli][fetch]") {
  auto& s = TestServer::get();
  tingdu::test::TempDir cache;
  CacheHere here(cache.path);
  s.put("show/feed.xml", show_feed("../audio.mp3"));
  auto r = run("fetch " + s.https("/show/feed.xml") + ca() + " --episode 1");
  REQUIRE(r.exit_code == 0);
  // The folder is the title made safe ("/" is no path) and a hash; the transcript the best that came.
  fs::path root = cache.path / "tingdu" / "episodes";
  REQUIRE(fs::is_directory(root));
  fs::path dir = fs::directory_iterator(root)->path();
  CHECK(dir.filename().string().rfind("Newest a b ", 0) == 0);
  CHECK(r.out.find("episode:    Newest: a/b\n") != std::string::npos);
  CHECK(r.out.find("audio:      " + (dir / "audio.mp3").string() + " (0.5 MB)\n") != std::string::npos);
  CHECK(r.out.find("transcript: " + (dir / "transcript.srt").string() + " (application/x-subrip)\n") != std::string::npos);
  CHECK(r.out.find("chapters:   " + (dir / "chapters.json").string() + "\n") != std::string::npos);
  CHECK(r.out.find("note: transcript (application/json): " + s.https("/show/gone.json") + ": the server answered 404") !=
        std::string::npos);
  CHECK(tingdu::test::slurp(dir / "audio.mp3") == tingdu::test::slurp(s.audio()));
  auto again = run("fetch " + s.https("/show/feed.xml") + ca() + " --episode 1");
  CHECK(again.out.find(" (0.5 MB, already here)\n") != std::string::npos);
  auto out_of_range = run("fetch " + s.https("/show/feed.xml") + ca() + " --episode 4");
  CHECK(out_of_range.exit_code == 1);
  CHECK(out_of_range.out.find("episode 4: the feed has 3 (see tingdu-cli feed ") != std::string::npos);
  auto no_audio = run("fetch " + s.https("/show/feed.xml") + ca() + " --episode 2");
  CHECK(no_audio.exit_code == 1);
  CHECK(no_audio.out.find("\"Text only\" has no audio in the feed (no <enclosure>)\n") != std::string::npos);
}

TEST_CASE("cli: fetch of a feed's episode after a cut connection resumes where it stopped (with -o DIR)", "[cli][fetch]") {
  auto& s = TestServer::get();
  s.put("cgi/cut.sh", "f='" + s.audio().string() + "'\nsize=$(stat -c %s \"$f\")\n"
        "case \"$HTTP_RANGE\" in\n"
        "bytes=*-) start=${HTTP_RANGE#bytes=}; start=${start%-}\n"
        "  printf 'Status: 206 Partial Content\\r\\nContent-Type: audio/mpeg\\r\\nContent-Range: bytes %s-%s/%s\\r\\n"
        "Content-Length: %s\\r\\n\\r\\n' $start $((size-1)) $size $((size-start))\n"
        "  tail -c +$((start+1)) \"$f\";;\n"
        "*) printf 'Content-Type: audio/mpeg\\r\\nContent-Length: %s\\r\\n\\r\\n' $size\n"
        "  head -c $((size/2)) \"$f\";;\nesac\n");
  tingdu::test::TempDir out, cache;
  CacheHere here(cache.path);  // the feed's cached copy goes there, not into ~/.cache
  s.put("cut/feed.xml", tingdu::test::rss(tingdu::test::item("Cut", "Mon, 01 Jan 2024 10:00:00 GMT", "/cgi/cut.sh")));
  auto first = run("fetch " + s.http("/cut/feed.xml") + " --episode 1 -o " + out.path.string());
  CHECK(first.exit_code == 1);
  CHECK(first.out.find("the connection closed after ") != std::string::npos);
  CHECK(first.out.find("; the part is kept and resumes next time\n") != std::string::npos);
  auto second = run("fetch " + s.http("/cut/feed.xml") + " --episode 1 -o " + out.path.string());
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("note: resumed at ") != std::string::npos);
  fs::path dir = fs::directory_iterator(out.path)->path();
  // No suffix in the URL: the enclosure's type names the file.
  CHECK(tingdu::test::slurp(dir / "audio.mp3") == tingdu::test::slurp(s.audio()));
  CHECK(!fs::exists(dir / "audio.mp3.part"));
}

TEST_CASE("cli: fetch of a feed's episode whose transcript can't be read says so, and the audio is there", "[cli][fetch]") {
  auto& s = TestServer::get();
  tingdu::test::TempDir out, cache;
  CacheHere here(cache.path);  // the feed's cached copy goes there, not into ~/.cache
  s.put("badtx/t.json", "{ this is not JSON");
  s.put("badtx/feed.xml", tingdu::test::rss(tingdu::test::item("Bad transcript", "Mon, 01 Jan 2024 10:00:00 GMT", "/audio.mp3",
                                                               "<podcast:transcript url=\"t.json\" type=\"application/json\"/>")));
  auto r = run("fetch " + s.http("/badtx/feed.xml") + " --episode 1 -o " + out.path.string());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("transcript: ") != std::string::npos);
  CHECK(r.out.find("note: the transcript can't be read (") != std::string::npos);
  CHECK(r.out.find("); the episode still plays\n") != std::string::npos);
}
