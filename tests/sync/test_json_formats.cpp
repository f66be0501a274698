// Podcasting 2.0 JSON transcripts and chapters.
#include <catch2/catch.hpp>

#include "parse.h"

using namespace tingdu;
using sync::Severity;

TEST_CASE("json: segments become timed turns", "[json]") {
  auto r = test::parse(R"({"version":"1.0.0","segments":[
    {"speaker":"Ann","startTime":0.5,"endTime":1.25,"body":"Hello"},
    {"startTime":2,"body":"no speaker"}]})", "t.json");
  REQUIRE(r.ok());
  CHECK(r.format == sync::Format::podcast_json);
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 2);
  CHECK(t[0]->speaker == "Ann");
  CHECK(*t[0]->end == Approx(1.25));
  CHECK_FALSE(t[1]->end.has_value());
}

TEST_CASE("json: chapters", "[json]") {
  auto r = test::parse(R"({"version":"1.2.0","title":"Ep","chapters":[
    {"startTime":60,"title":"B"},{"startTime":0,"title":"A","endTime":60}]})", "c.json");
  REQUIRE(r.ok());
  CHECK(r.format == sync::Format::chapters_json);
  REQUIRE(r.episode.chapters.size() == 2);
  CHECK(r.episode.chapters[0].title == "A");
  CHECK(*r.episode.chapters[0].end == 60);
  CHECK(test::has_diagnostic(r, Severity::warning, "not in time order"));
}

TEST_CASE("json: errors name the line of the bad element", "[json]") {
  auto r = test::parse("{\"segments\": [\n {\"startTime\": 1, \"body\": \"a\"},\n {\"startTime\": -4, \"body\": \"b\"},\n"
                       " {\"body\": \"c\"},\n {\"startTime\": 1}\n]}", "t.json");
  CHECK_FALSE(r.ok());
  std::vector<int> lines;
  for (auto& d : r.diagnostics)
    if (d.severity == Severity::error) lines.push_back(d.line);
  CHECK(lines == std::vector<int>{3, 4, 5});
  CHECK(test::has_diagnostic(r, Severity::error, "segments[1].startTime: expected a number of seconds"));
  CHECK(test::turns(r.episode).size() == 1);
}

TEST_CASE("json: syntax errors point at the spot", "[json]") {
  auto r = test::parse("{\"segments\": [\n  {\"startTime\": 1,, }\n]}", "t.json");
  CHECK_FALSE(r.ok());
  CHECK(r.diagnostics.front().line == 2);
  CHECK(r.diagnostics.front().message.starts_with("invalid JSON"));
  auto wrong = test::parse("[1,2,3]", "t.json");
  CHECK(test::has_diagnostic(wrong, Severity::error, "expected a JSON object with a \"segments\" array"));
  auto huge = test::parse("{\"segments\":[{\"startTime\":1e999,\"body\":\"x\"}]}", "t.json");
  CHECK_FALSE(huge.ok());
}
