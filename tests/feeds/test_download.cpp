// download_file and fetch_episode against the real server: resuming after a cancel and after a
// cut connection, a server without Range support, a Content-Length that lies, a stall, a full
// disk, names from the feed that try to leave the cache, the cache's size cap.
#include <catch2/catch.hpp>

#include <sys/mount.h>

#include <fstream>

#include "feed_text.h"
#include "feeds/download.h"
#include "feeds/fetch_episode.h"
#include "feeds/rss.h"
#include "test_server.h"

using namespace tingdu;
namespace fs = std::filesystem;

namespace {

feeds::HttpOptions options() {
  feeds::HttpOptions o;
  o.ca_file = test::TestServer::get().ca_file().string();
  return o;
}

bool contains(const std::vector<std::string>& notes, const std::string& part) {
  for (const auto& n : notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("feeds: a cancelled download keeps its part and resumes with a Range request", "[feed][download]") {
  auto& server = test::TestServer::get();
  test::TempDir tmp;
  auto target = tmp.path / "audio.mp3";
  std::int64_t seen_total = 0;
  auto cancelled = feeds::download_file(server.http("/audio.mp3"), target, options(), [&](std::int64_t bytes, std::int64_t total) {
    seen_total = total;
    return bytes == 0;  // cancel at the first bytes
  });
  CHECK(cancelled.status == feeds::DownloadResult::Status::cancelled);
  CHECK(!fs::exists(target));
  auto size = std::int64_t(fs::file_size(server.audio()));
  CHECK(seen_total == size);
  REQUIRE(fs::exists(feeds::part_path(target)));
  auto kept = std::int64_t(fs::file_size(feeds::part_path(target)));
  CHECK(kept > 0);
  CHECK(kept < size);
  CHECK(cancelled.error.rfind("cancelled; audio.mp3.part is kept (", 0) == 0);
  CHECK(cancelled.error.find(" bytes) and resumes next time") != std::string::npos);

  std::int64_t least_reported = size;
  auto resumed = feeds::download_file(server.http("/audio.mp3"), target, options(), [&](std::int64_t bytes, std::int64_t) {
    least_reported = std::min(least_reported, bytes);
    return true;
  });
  REQUIRE(resumed.status == feeds::DownloadResult::Status::complete);
  CHECK(resumed.resumed);
  CHECK(!resumed.restarted);
  CHECK(least_reported == kept);  // counting went on from the part, not from 0
  CHECK(test::slurp(target) == test::slurp(server.audio()));
  CHECK(!fs::exists(feeds::part_path(target)));
  auto again = feeds::download_file(server.http("/audio.mp3"), target, options());
  CHECK(again.status == feeds::DownloadResult::Status::already_complete);
}

TEST_CASE("feeds: a connection cut mid-file resumes where it stopped", "[feed][download]") {
  auto& server = test::TestServer::get();
  // The first answer says the whole size and stops at half; a Range request gets the rest.
  server.put("cgi/cut.sh", "f='" + server.audio().string() + "'\nsize=$(stat -c %s \"$f\")\n"
             "case \"$HTTP_RANGE\" in\n"
             "bytes=*-) start=${HTTP_RANGE#bytes=}; start=${start%-}\n"
             "  printf 'Status: 206 Partial Content\\r\\nContent-Type: audio/mpeg\\r\\nContent-Range: bytes %s-%s/%s\\r\\n"
             "Content-Length: %s\\r\\n\\r\\n' $start $((size-1)) $size $((size-start))\n"
             "  tail -c +$((start+1)) \"$f\";;\n"
             "*) printf 'Content-Type: audio/mpeg\\r\\nContent-Length: %s\\r\\n\\r\\n' $size\n"
             "  head -c $((size/2)) \"$f\";;\nesac\n");
  test::TempDir tmp;
  auto target = tmp.path / "cut.mp3";
  auto size = std::int64_t(fs::file_size(server.audio()));
  auto cut = feeds::download_file(server.http("/cgi/cut.sh"), target, options());
  CHECK(cut.status == feeds::DownloadResult::Status::failed);
  CHECK(cut.error.find(": the connection closed after ") != std::string::npos);
  CHECK(cut.error.find("; the part is kept and resumes next time") != std::string::npos);
  CHECK(!fs::exists(target));
  CHECK(std::int64_t(fs::file_size(feeds::part_path(target))) == size / 2);
  auto rest = feeds::download_file(server.http("/cgi/cut.sh"), target, options());
  REQUIRE(rest.status == feeds::DownloadResult::Status::complete);
  CHECK(rest.resumed);
  CHECK(contains(rest.notes, "resumed at "));
  CHECK(test::slurp(target) == test::slurp(server.audio()));
}

TEST_CASE("feeds: a server without Range support: started over, and said so", "[feed][download]") {
  auto& server = test::TestServer::get();
  test::TempDir tmp;
  auto target = tmp.path / "audio.mp3";
  std::string audio = test::slurp(server.audio());
  std::ofstream(feeds::part_path(target), std::ios::binary) << audio.substr(0, audio.size() / 3);
  auto r = feeds::download_file(server.http("/norange/audio.mp3"), target, options());
  REQUIRE(r.status == feeds::DownloadResult::Status::complete);
  CHECK(r.restarted);
  CHECK(!r.resumed);
  CHECK(contains(r.notes, "the server does not support resuming (no Range requests): started over from byte 0"));
  CHECK(test::slurp(target) == audio);
}

TEST_CASE("feeds: a Content-Length that lies, 404, 500, a redirect loop: nothing taken as complete", "[feed][download][bad]") {
  auto& server = test::TestServer::get();
  server.put("cgi/lie.sh", "printf 'Content-Type: audio/mpeg\\r\\nContent-Length: 100000\\r\\n\\r\\n'\nhead -c 1000 /dev/zero\n");
  server.put("cgi/fail.sh", "printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nboom'\n");
  test::TempDir tmp;
  auto lie = feeds::download_file(server.http("/cgi/lie.sh"), tmp.path / "lie.mp3", options());
  CHECK(lie.error == server.http("/cgi/lie.sh") + ": the connection closed after 1,000 bytes of 100,000 bytes; the part is kept and resumes next time");
  CHECK(!fs::exists(tmp.path / "lie.mp3"));
  auto missing = feeds::download_file(server.http("/nothing.mp3"), tmp.path / "a.mp3", options());
  CHECK(missing.error == server.http("/nothing.mp3") + ": the server answered 404 (not found)");
  auto fail = feeds::download_file(server.http("/cgi/fail.sh"), tmp.path / "b.mp3", options());
  CHECK(fail.error == server.http("/cgi/fail.sh") + ": the server answered 500 (server error)");
  auto loop = feeds::download_file(server.http("/loop/audio.mp3"), tmp.path / "c.mp3", options());
  CHECK(loop.error == server.http("/loop/audio.mp3") + ": more than 5 redirects (a redirect loop?); gave up");
  auto scheme = feeds::download_file("file:///etc/passwd", tmp.path / "d", options());
  CHECK(scheme.error == "file:///etc/passwd: only http and https downloads are allowed");
  for (const char* name : {"a.mp3", "b.mp3", "c.mp3", "d"}) CHECK(!fs::exists(tmp.path / name));
}

TEST_CASE("feeds: a server that stalls is given up after the stall timeout", "[feed][download][bad]") {
  auto& server = test::TestServer::get();
  server.put("cgi/stall.sh", "printf 'Content-Type: audio/mpeg\\r\\nContent-Length: 100000\\r\\n\\r\\n'\nhead -c 100 /dev/zero\nsleep 20\n");
  test::TempDir tmp;
  auto o = options();
  o.stall_seconds = 1;
  auto r = feeds::download_file(server.http("/cgi/stall.sh"), tmp.path / "s.mp3", o);
  CHECK(r.status == feeds::DownloadResult::Status::failed);
  CHECK(r.error.rfind(server.http("/cgi/stall.sh") + ": the server stalled (under 1 B/s for 1 s); gave up", 0) == 0);
  CHECK(!fs::exists(tmp.path / "s.mp3"));
}

TEST_CASE("feeds: a full disk is a message, and no file is taken as complete", "[feed][download][bad]") {
  auto& server = test::TestServer::get();
  test::TempDir tmp;
  // A 32 KB file system (tmpfs, as root, which the tests and CI run as): the audio does not fit.
  if (::mount("tmpfs", tmp.path.c_str(), "tmpfs", 0, "size=32k") != 0) {
    WARN("cannot mount a small tmpfs here (not root?): the full-disk case is not run");
    return;
  }
  struct Unmount {  // before TempDir removes the folder, even when a check throws
    const fs::path& at;
    ~Unmount() { ::umount(at.c_str()); }
  } unmount{tmp.path};
  auto r = feeds::download_file(server.http("/audio.mp3"), tmp.path / "audio.mp3", options());
  CHECK(r.status == feeds::DownloadResult::Status::failed);
  CHECK(r.error == "writing " + (tmp.path / "audio.mp3.part").string() + ": No space left on device");
  CHECK(!fs::exists(tmp.path / "audio.mp3"));
}

TEST_CASE("feeds: names from the feed never leave the cache, and the best transcript that downloads is kept", "[feed][download][bad]") {
  auto& server = test::TestServer::get();
  server.put("dl/x", test::slurp(server.audio()));
  server.put("dl/talk.srt", "1\n00:00:00,000 --> 00:00:02,000\nHello\n");
  std::string items = test::item("../../escape/..//x\\name", "Wed, 02 Oct 2002 13:00:00 GMT", "/dl/a/b/../../x",
                                 "<podcast:transcript url=\"/dl/missing.json\" type=\"application/json\"/>"
                                 "<podcast:transcript url=\"/dl/talk.srt\" type=\"application/x-subrip\"/>"
                                 "<podcast:chapters url=\"/dl/none.json\" type=\"application/json+chapters\"/>");
  auto feed = feeds::parse_rss(test::rss(items), "f", server.http("/f.xml"));
  REQUIRE(feed.feed);
  test::TempDir tmp;
  auto root = tmp.path / "cache" / "episodes";
  auto r = feeds::fetch_episode(feed.feed->episodes.at(0), server.http("/f.xml"), root, options());
  REQUIRE(r.ok());
  CHECK(r.files.dir.parent_path() == root);
  std::string dir = r.files.dir.filename().string();
  CHECK(dir.rfind("escape .. x name ", 0) == 0);  // one name: no "/", not ".."
  CHECK(r.files.audio == r.files.dir / "audio.mp3");
  CHECK(r.transcript_type == "application/x-subrip");
  CHECK(r.files.transcript == r.files.dir / "transcript.srt");
  CHECK(r.files.chapters.empty());
  CHECK(contains(r.notes, "transcript (application/json): " + server.http("/dl/missing.json") + ": the server answered 404"));
  CHECK(contains(r.notes, "chapters: " + server.http("/dl/none.json") + ": the server answered 404"));
  // Everything written is inside the episode's folder: audio and transcript, no parts.
  std::vector<std::string> written;
  for (const auto& f : fs::recursive_directory_iterator(tmp.path))
    if (f.is_regular_file()) written.push_back(fs::relative(f.path(), root).string());
  std::sort(written.begin(), written.end());
  CHECK(written == std::vector<std::string>{dir + "/audio.mp3", dir + "/transcript.srt"});
}

TEST_CASE("feeds: the cache cap removes the episodes listened to longest ago, never the current one", "[feed][download]") {
  test::TempDir tmp;
  auto make = [&](const std::string& name, int age_hours) {
    fs::create_directories(tmp.path / name);
    std::ofstream(tmp.path / name / "audio.mp3") << std::string(1000, 'a');
    fs::last_write_time(tmp.path / name / "audio.mp3", fs::file_time_type::clock::now() - std::chrono::hours(age_hours));
  };
  make("old", 30);
  make("listened", 40);
  make("recent", 1);
  make("current", 50);
  feeds::mark_listened(tmp.path / "listened");  // listened now: older by its file, newer by its stamp
  auto ev = feeds::enforce_cache_cap(tmp.path, 2000, tmp.path / "current");
  CHECK(ev.error.empty());
  CHECK(ev.bytes_before == 4000);
  CHECK(ev.bytes_after == 2000);
  REQUIRE(ev.removed.size() == 2);
  CHECK(ev.removed[0].filename() == "old");
  CHECK(ev.removed[1].filename() == "recent");
  CHECK(fs::exists(tmp.path / "current"));
  CHECK(fs::exists(tmp.path / "listened"));
}

TEST_CASE("feeds: a part already whole is renamed, one too long or of a file changed on the server is fetched anew", "[feed][download]") {
  auto& server = test::TestServer::get();
  test::TempDir tmp;
  // Whole but not renamed (a crash between the last byte and the rename): the server answers
  // the Range request past the end with 416, and the part is taken as it is.
  auto target = tmp.path / "audio.mp3";
  std::string audio = test::slurp(server.audio());
  std::ofstream(feeds::part_path(target), std::ios::binary) << audio;
  auto whole = feeds::download_file(server.http("/audio.mp3"), target, options());
  REQUIRE(whole.status == feeds::DownloadResult::Status::complete);
  CHECK(whole.notes.empty());  // not fetched again
  CHECK(test::slurp(target) == audio);
  // A part longer than the file can't be a beginning of it: started over.
  auto longer = tmp.path / "longer.mp3";
  std::ofstream(feeds::part_path(longer), std::ios::binary) << audio << "more";
  auto again = feeds::download_file(server.http("/audio.mp3"), longer, options());
  REQUIRE(again.status == feeds::DownloadResult::Status::complete);
  CHECK(contains(again.notes, "longer.mp3.part was longer than the file on the server: started over"));
  CHECK(test::slurp(longer) == audio);

  // A part begun from one version of a file, which then changes on the server: If-Range with
  // the first version's ETag makes the server send the new version whole, never a splice.
  server.put("changing/ep.mp3", std::string(300000, 'a'));
  auto changed = tmp.path / "changed.mp3";
  auto first = feeds::download_file(server.http("/changing/ep.mp3"), changed, options(),
                                    [](std::int64_t bytes, std::int64_t) { return bytes == 0; });
  REQUIRE(first.status == feeds::DownloadResult::Status::cancelled);
  server.put("changing/ep.mp3", std::string(400000, 'b'));
  auto second = feeds::download_file(server.http("/changing/ep.mp3"), changed, options());
  REQUIRE(second.status == feeds::DownloadResult::Status::complete);
  CHECK(second.restarted);
  CHECK(contains(second.notes, "the file changed on the server since the part was made: started over"));
  CHECK(test::slurp(changed) == std::string(400000, 'b'));
}

TEST_CASE("feeds: safe_name makes one harmless file name of any text", "[feed][download]") {
  CHECK(feeds::safe_name("../..") == "episode");
  CHECK(feeds::safe_name("") == "episode");
  CHECK(feeds::safe_name("a/b\\c") == "a b c");
  CHECK(feeds::safe_name("...hidden") == "hidden");
  CHECK(feeds::safe_name("x\n\ty\x01z:*?\"<>|") == "x y z");
  CHECK(feeds::safe_name("trailing dots...") == "trailing dots");
  // Cut to the byte limit on a character boundary: 听 is 3 bytes.
  CHECK(feeds::safe_name("听听听听", 7) == "听听");
}
