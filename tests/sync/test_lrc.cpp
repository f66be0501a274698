// LRC.
#include <catch2/catch.hpp>

#include "parse.h"

using namespace tingdu;
using sync::Severity;

TEST_CASE("lrc: stamp forms, repeated stamps, ID tags and word stamps", "[lrc]") {
  auto r = test::parse("[ti:Song]\n[ar:Someone]\n[00:01.50]Ann: first\n[00:02.250]second\n[00:03:10]third\n"
                       "[00:10.00][00:05.00]twice\n[00:06]<00:06.10>word <00:06.50>stamps\n", "a.lrc");
  REQUIRE(r.ok());
  CHECK(r.episode.meta.title == "Song");
  CHECK(r.episode.meta.extra.at("ar") == "Someone");
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 6);
  CHECK(*t[0]->start == Approx(1.5));
  CHECK(t[0]->speaker == "Ann");
  CHECK(*t[1]->start == Approx(2.25));
  CHECK(*t[2]->start == Approx(3.10));
  CHECK(t[3]->text == "twice");
  CHECK(*t[3]->start == Approx(5.0));
  CHECK(t[4]->text == "word stamps");
  CHECK(*t[5]->start == Approx(10.0));
  CHECK(t[5]->text == "twice");
}

TEST_CASE("lrc: offset shifts every stamp earlier", "[lrc]") {
  auto r = test::parse("[offset:+500]\n[00:01.00]a\n[00:00.20]b\n", "a.lrc");
  REQUIRE(r.ok());
  auto t = test::turns(r.episode);
  CHECK(*t[0]->start == Approx(0.0));  // clamped at the start
  CHECK(*t[1]->start == Approx(0.5));
  auto neg = test::parse("[offset:-250]\n[00:01.00]a\n", "a.lrc");
  CHECK(*test::turns(neg.episode)[0]->start == Approx(1.25));
}

TEST_CASE("lrc: an empty stamp ends the line before it", "[lrc]") {
  auto r = test::parse("[00:01.00]a\n[00:02.00]\n[00:05.00]b\n", "a.lrc");
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 2);
  CHECK(*t[0]->end == Approx(2.0));
  CHECK_FALSE(t[1]->end.has_value());
}

TEST_CASE("lrc: bad stamps and lines without stamps", "[lrc]") {
  auto r = test::parse("[00:01.00]ok\n[99:99.00]bad\nno stamp\n[offset:abc]\n", "a.lrc");
  // The line with the bad stamp is skipped and named; the good one is kept.
  CHECK(r.ok());
  REQUIRE(test::turns(r.episode).size() == 1);
  CHECK(test::turns(r.episode)[0]->text == "ok");
  auto e = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                        [](auto& d) { return d.message.find("this line is skipped") != std::string::npos; });
  REQUIRE(e != r.diagnostics.end());
  CHECK(e->line == 2);
  CHECK(e->column == 2);
  CHECK(test::has_diagnostic(r, Severity::warning, "no time stamp"));
  CHECK(test::has_diagnostic(r, Severity::warning, "[offset:"));
}
