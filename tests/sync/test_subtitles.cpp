// SRT and WebVTT.
#include <catch2/catch.hpp>

#include "parse.h"

using namespace tingdu;
using sync::Severity;

TEST_CASE("srt: cues, speakers and multi-line text", "[srt]") {
  auto r = test::parse("1\n00:00:01,000 --> 00:00:02,500\nAnn: Hello\nthere\n\n2\n00:00:03,000 --> 00:00:04,000\nNo label\n", "a.srt");
  REQUIRE(r.ok());
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 2);
  CHECK(t[0]->speaker == "Ann");
  CHECK(t[0]->text == "Hello\nthere");
  CHECK(*t[0]->start == Approx(1.0));
  CHECK(*t[0]->end == Approx(2.5));
  CHECK(t[1]->speaker.empty());
  CHECK(t[1]->line == 7);
}

TEST_CASE("srt: a cue without an index and CRLF", "[srt]") {
  auto r = test::parse("00:00:01,000 --> 00:00:02,000\r\nx\r\n\r\n", "a.srt");
  REQUIRE(r.ok());
  CHECK(test::turns(r.episode).size() == 1);
}

TEST_CASE("srt: bad times, reversed cues and unordered cues", "[srt]") {
  auto r = test::parse("1\n00:00:05,000 --> 00:00:04,000\nback\n\n2\n00:99:00,000 --> 00:00:01,000\nbad\n\n3\n00:00:01,000 --> 00:00:02,000\nearly\n", "a.srt");
  // The bad cue is skipped and named; the rest of the file is kept.
  CHECK(r.ok());
  CHECK(test::has_diagnostic(r, Severity::warning, "ends (00:00:04,000) before it starts"));
  auto bad = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                          [](auto& d) { return d.message.find("this cue is skipped") != std::string::npos; });
  REQUIRE(bad != r.diagnostics.end());
  CHECK(bad->severity == Severity::warning);
  CHECK(bad->line == 6);
  CHECK(bad->column == 1);
  CHECK(bad->message.find("00:99:00,000") != std::string::npos);
  CHECK(test::has_diagnostic(r, Severity::warning, "not in time order"));
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 2);
  CHECK(t[0]->text == "early");
  CHECK(*t[1]->end == *t[1]->start);
}

TEST_CASE("srt: a file that is not a subtitle at all is refused", "[srt]") {
  auto r = test::parse("hello world\n", "a.srt");
  CHECK_FALSE(r.ok());
  CHECK(test::has_diagnostic(r, Severity::warning, "expected a cue"));
  CHECK(test::has_diagnostic(r, Severity::error, "no cue could be read (1 skipped"));
}

TEST_CASE("vtt: voices, settings, tags, entities and NOTE blocks", "[vtt]") {
  auto r = test::parse(
      "WEBVTT - title\n\nNOTE a comment\n\nSTYLE\n::cue { color: red }\n\n"
      "intro\n00:01.000 --> 00:04.000 align:start\n<v Ann>Hi &amp; <i>welcome</i></v>\n\n"
      "01:00:00.000 --> 01:00:01.500\n<v.loud Ben>Yes &lt;3\n<00:00:01.200>more\n",
      "a.vtt");
  REQUIRE(r.ok());
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 2);
  CHECK(t[0]->speaker == "Ann");
  CHECK(t[0]->text == "Hi & welcome");
  REQUIRE(t[0]->markup.size() == 1);
  CHECK(t[0]->markup[0] == sync::Markup{5, 12, sync::Markup::italic});
  CHECK(*t[0]->start == Approx(1.0));
  CHECK(t[1]->speaker == "Ben");
  CHECK(t[1]->text == "Yes <3\nmore");
  CHECK(*t[1]->start == Approx(3600.0));
}

TEST_CASE("vtt: a missing header is an error", "[vtt]") {
  auto r = test::parse("00:01.000 --> 00:02.000\nx\n", "a.vtt");
  CHECK_FALSE(r.ok());
  CHECK(test::has_diagnostic(r, Severity::error, "expected \"WEBVTT\""));
}

TEST_CASE("vtt: two voices in one cue warn", "[vtt]") {
  auto r = test::parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>one\n<v B>two\n", "a.vtt");
  REQUIRE(r.ok());
  CHECK(test::has_diagnostic(r, Severity::warning, "a second voice (B)"));
}
