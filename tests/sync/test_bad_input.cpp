// Hostile and broken input: a clear diagnostic, never a crash or a hang.
#include <catch2/catch.hpp>

#include <random>

#include "parse.h"

using namespace tingdu;
using sync::Format;
using sync::Severity;

namespace {
const Format kAll[] = {Format::markdown, Format::srt, Format::vtt, Format::lrc,
                       Format::podcast_json, Format::chapters_json, Format::plain};
}

TEST_CASE("bad input: an empty file", "[bad]") {
  for (Format f : kAll) {
    auto r = test::parse("", "empty", f);
    CHECK_FALSE(r.ok());
    CHECK(test::has_diagnostic(r, Severity::error, "the file is empty"));
  }
}

TEST_CASE("bad input: a missing file and a folder", "[bad]") {
  auto missing = sync::read_transcript_file("/nonexistent/x.md");
  CHECK(test::has_diagnostic(missing, Severity::error, "no such file"));
  CHECK(missing.diagnostics.front().file == "/nonexistent/x.md");
  auto folder = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets");
  CHECK(test::has_diagnostic(folder, Severity::error, "this is a folder"));
}

TEST_CASE("bad input: a 50 MB single line in every format", "[bad]") {
  std::string line(50u << 20, 'a');
  for (Format f : kAll) {
    auto r = test::parse(line, "long", f);
    CHECK(r.episode.turn_count() <= 1);  // it finishes; what it says depends on the format
  }
  std::string turn = "**A:** " + line;
  auto r = test::parse(turn, "long.md");
  REQUIRE(r.ok());
  CHECK(test::turns(r.episode)[0]->text.size() == line.size());
}

TEST_CASE("bad input: deeply nested bullets and trees", "[bad]") {
  std::string doc = "T\n## 内容提要\n**0:00 - A**\n";
  for (int i = 0; i < 20000; ++i) doc += std::string(std::size_t(i) * 4 % 4000, ' ') + "*   x\n";
  doc += "## 内容整理\n```\n├── 0:00 A\n";
  for (int i = 0; i < 5000; ++i) {
    std::string prefix;
    for (int d = 0; d <= i % 500; ++d) prefix += "│   ";
    doc += prefix + "├── deep\n";
  }
  doc += "```\n";
  auto r = test::parse(doc, "deep.md");
  REQUIRE(r.episode.chapters.size() == 1);
  CHECK(r.episode.chapters[0].summary.size() == 20000);
  CHECK(r.episode.chapters[0].subtopics.size() == 5000);
}

TEST_CASE("bad input: deeply nested JSON is refused before parsing", "[bad]") {
  std::string doc = "{\"segments\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto r = test::parse(doc, "deep.json");
  CHECK_FALSE(r.ok());
  CHECK(test::has_diagnostic(r, Severity::error, "levels deep"));
}

TEST_CASE("bad input: overflowing and negative times", "[bad]") {
  auto srt = test::parse("1\n99999999:00:00,000 --> 99999999:00:01,000\nx\n", "o.srt");
  CHECK_FALSE(srt.ok());
  auto lrc = test::parse("[99999:00.00]x\n", "o.lrc");
  CHECK_FALSE(lrc.ok());
  auto json = test::parse("{\"segments\":[{\"startTime\":-1,\"body\":\"x\"},{\"startTime\":1e300,\"body\":\"y\"}]}", "o.json");
  CHECK(test::count(json, Severity::error) == 2);
  auto md = test::parse("**99999999:00 - x**\n**A:** y\n", "o.md");
  CHECK(test::has_diagnostic(md, Severity::warning, "expected a time like 1:05:44"));
}

TEST_CASE("bad input: random bytes in every format", "[bad]") {
  std::mt19937 rng(333);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(std::size_t(rng() % 2000), '\0');
    for (auto& c : bytes) c = char(rng() % 256);
    for (Format f : kAll) (void)test::parse(bytes, "random", f);
  }
  SUCCEED("no crash");
}
