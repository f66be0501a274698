// Plain chapter lists plus untimed turns.
#include <catch2/catch.hpp>

#include "parse.h"

using namespace tingdu;
using sync::Severity;

TEST_CASE("plain: a description-style chapter list before the turns", "[plain]") {
  auto r = test::parse("0:00 Intro\n12:30 - Topic\n1:05:44 Later\n\nAnn: hello\nBen: hi\nno speaker here\n", "x.txt");
  REQUIRE(r.ok());
  CHECK(r.format == sync::Format::plain);
  REQUIRE(r.episode.chapters.size() == 3);
  CHECK(r.episode.chapters[1].title == "Topic");
  CHECK(r.episode.chapters[2].start == Approx(3944));
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 3);
  CHECK(t[0]->speaker == "Ann");
  CHECK(t[2]->speaker.empty());
  CHECK(test::count(r, Severity::warning) == 0);
  CHECK_FALSE(t[0]->start.has_value());
}

TEST_CASE("plain: chapter lines among turns head their chapters", "[plain]") {
  auto r = test::parse("Ann: a\n5:00 Second\nBen: b\n", "x.txt");
  REQUIRE(r.ok());
  REQUIRE(r.episode.chapters.size() == 1);
  CHECK(r.episode.blocks[1].kind == sync::BlockKind::chapter_header);
}

TEST_CASE("plain: a bad time is an error at its line", "[plain]") {
  auto r = test::parse("0:00 Intro\n99:99 Broken\n", "x.txt");
  CHECK_FALSE(r.ok());
  CHECK(r.diagnostics.front().line == 2);
  CHECK(r.diagnostics.front().message.find("99:99") != std::string::npos);
}

TEST_CASE("plain: colons that are not speaker labels", "[plain]") {
  auto r = test::parse("See https://example.com for more.\nThe ratio is 3:2 today.\n", "x.txt");
  REQUIRE(r.ok());
  for (auto* t : test::turns(r.episode)) CHECK(t->speaker.empty());
}
