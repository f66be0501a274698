// Benchmarks for feeds/: parsing a feed of 2,000 items as podcasts write them (HTML show notes in
// CDATA, two transcripts, chapters; target under 50 ms) and of 20,000; and a loopback download
// with download_file against `curl -o` of the same URL in the same run, alternating, so a noisy
// machine weighs on both (target: at least 0.9 of curl's speed). scripts/bench-feeds.sh starts
// the server and runs both.
// Also: the time to the first 256 KB of a file served at 2 MB/s, where a player could begin.
// Usage: bench_feeds parse [RUNS]
//        bench_feeds download URL OUT_DIR [RUNS]
//        bench_feeds first-bytes URL OUT_DIR BYTES [RUNS]
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_util.h"
#include "feeds/download.h"
#include "feeds/rss.h"

namespace {

using namespace tingdu;
namespace fs = std::filesystem;

std::string big_feed(int items) {
  std::string notes(400, 'x');
  std::string s = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "
                  "xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>Bench</title>"
                  "<itunes:image href=\"https://e.invalid/art.jpg\"/>\n";
  for (int i = 0; i < items; ++i) {
    std::string n = std::to_string(i);
    s += "<item><title><![CDATA[Episode " + n + ": a title of some length & more]]></title>"
         "<description><![CDATA[<p>Show notes with <a href=\"https://e.invalid/\">links</a> " + notes + "</p>]]></description>"
         "<pubDate>Wed, 02 Oct 2002 13:00:00 GMT</pubDate><guid isPermaLink=\"false\">guid-" + n + "</guid>"
         "<enclosure url=\"https://cdn.e.invalid/ep" + n + ".mp3\" type=\"audio/mpeg\" length=\"123456789\"/>"
         "<itunes:duration>01:02:03</itunes:duration>"
         "<podcast:transcript url=\"/t/" + n + ".srt\" type=\"application/x-subrip\"/>"
         "<podcast:transcript url=\"/t/" + n + ".json\" type=\"application/json\"/>"
         "<podcast:chapters url=\"/c/" + n + ".json\" type=\"application/json+chapters\"/></item>\n";
  }
  return s + "</channel></rss>\n";
}

int parse(int runs) {
  for (int items : {2000, 20000}) {
    std::string text = big_feed(items);
    std::size_t sink = 0;
    auto s = bench::time_runs(items > 2000 ? std::max(3, runs / 10) : runs, [&] {
      sink += feeds::parse_rss(text, "bench", "https://e.invalid/feed").feed->episodes.size();
    });
    std::printf("parse a %d-item feed (%.1f MB): median %.2f ms, p90 %.2f ms%s\n", items, double(text.size()) / 1e6,
                s.median_us / 1000, s.p90_us / 1000, items == 2000 ? (s.median_us < 50000 ? "  (target < 50 ms: met)" : "  (target < 50 ms: MISSED)") : "");
    if (sink == 0) return 1;
  }
  return 0;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int download(const std::string& url, const fs::path& dir, int runs) {
  std::vector<double> ours, theirs;
  std::int64_t size = 0;
  for (int i = 0; i < runs; ++i) {
    fs::path a = dir / "ours.bin", b = dir / "curl.bin";
    fs::remove(a);
    fs::remove(b);
    auto t0 = std::chrono::steady_clock::now();
    auto r = feeds::download_file(url, a, feeds::HttpOptions{});
    ours.push_back(seconds_since(t0));
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.error.c_str());
      return 1;
    }
    size = r.bytes;
    t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      execlp("curl", "curl", "-s", "-f", "-o", b.c_str(), url.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    theirs.push_back(seconds_since(t0));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || fs::file_size(b) != fs::file_size(a)) {
      std::fprintf(stderr, "curl -o failed\n");
      return 1;
    }
  }
  std::sort(ours.begin(), ours.end());
  std::sort(theirs.begin(), theirs.end());
  double mo = ours[ours.size() / 2], mt = theirs[theirs.size() / 2];
  double mb = double(size) / 1e6;
  std::printf("download %.0f MB on loopback, %d runs each, alternating: download_file median %.3f s (%.0f MB/s), "
              "curl -o median %.3f s (%.0f MB/s); speed ratio %.2f%s\n",
              mb, runs, mo, mb / mo, mt, mb / mt, mt / mo, mt / mo >= 0.9 ? "  (target >= 0.9: met)" : "  (target >= 0.9: MISSED)");
  fs::remove(dir / "ours.bin");
  fs::remove(dir / "curl.bin");
  return 0;
}

// Time from asking for a file to having its first `want` bytes in the .part file, where a player
// reading the part could start (a few seconds of audio at podcast bit rates), then cancelled.
int first_bytes(const std::string& url, const fs::path& dir, std::int64_t want, int runs) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    fs::path a = dir / "first.bin";
    fs::remove(a);
    fs::remove(feeds::part_path(a));
    double at = -1;
    auto t0 = std::chrono::steady_clock::now();
    feeds::download_file(url, a, feeds::HttpOptions{}, [&](std::int64_t bytes, std::int64_t) {
      if (bytes < want) return true;
      at = seconds_since(t0);
      return false;
    });
    if (at < 0) {
      std::fprintf(stderr, "first-bytes: the download ended before %lld bytes\n", static_cast<long long>(want));
      return 1;
    }
    times.push_back(at);
  }
  std::sort(times.begin(), times.end());
  std::printf("first %lld KB of a file served at 2 MB/s on disk (where playback can begin), %d runs: median %.3f s, worst %.3f s%s\n",
              static_cast<long long>(want >> 10), runs, times[times.size() / 2], times.back(),
              times[times.size() / 2] < 2 ? "  (target < 2 s to first audio: the download's share met)" : "  (target < 2 s: MISSED)");
  fs::remove(feeds::part_path(dir / "first.bin"));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "parse") return parse(argc > 2 ? std::atoi(argv[2]) : 50);
  if (mode == "download" && argc > 3) return download(argv[2], argv[3], argc > 4 ? std::atoi(argv[4]) : 5);
  if (mode == "first-bytes" && argc > 4) return first_bytes(argv[2], argv[3], std::atoll(argv[4]), argc > 5 ? std::atoi(argv[5]) : 5);
  std::fprintf(stderr, "usage: bench_feeds parse [RUNS] | bench_feeds download URL OUT_DIR [RUNS] | "
                       "bench_feeds first-bytes URL OUT_DIR BYTES [RUNS]\n");
  return 2;
}
