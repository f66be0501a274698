// tingdu-cli search end to end: text and JSON output, exit 1 when nothing matched, bad files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_run.h"

using tingdu::test::kEpisode;
using tingdu::test::run;
using tingdu::test::temp_dir;

TEST_CASE("cli: search prints matching turns with time and speaker, pinyin marked", "[cli][search]") {
  auto dir = temp_dir();
  std::ofstream(dir / "ep.md") << "**Ann:** 我开过特斯拉。\n\n**Bob:** Tesla, 特斯拉, 一样。\n";
  std::string anchors = " --anchors " + (dir / "a.json").string();
  auto r = run("search " + (dir / "ep.md").string() + " tesila --duration 60" + anchors);
  CHECK(r.exit_code == 0);
  // Neither turn spells "tesila": both are found by the pinyin of 特斯拉.
  CHECK(r.out.find("    0:00  turn 0  Ann (pinyin): 我开过特斯拉。\n") != std::string::npos);
  CHECK(r.out.find("turn 1  Bob (pinyin): Tesla, 特斯拉, 一样。") != std::string::npos);
  auto exact = run("search " + (dir / "ep.md").string() + " TESLA --duration 60" + anchors);
  CHECK(exact.exit_code == 0);
  CHECK(exact.out.find("turn 1  Bob: Tesla") != std::string::npos);
  CHECK(exact.out.find("turn 0") == std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: search of the bundled episode as JSON", "[cli][search]") {
  auto dir = temp_dir();
  auto r = run("search " + kEpisode + " 特斯拉 --format json --duration 12480 --anchors " + (dir / "a.json").string());
  REQUIRE(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out.substr(r.out.find('[')));
  REQUIRE(doc.size() > 30);
  for (const auto& h : doc) {
    for (const char* key : {"where", "index", "time", "speaker", "excerpt", "match"}) CHECK(h.contains(key));
    CHECK(h["match"] == "exact");
    CHECK(h["excerpt"].get<std::string>().find("特斯拉") != std::string::npos);
  }
  CHECK(doc[0]["where"] != "turn");
  CHECK(doc[0]["speaker"].is_null());
  const auto& last = doc.back();
  CHECK(last["where"] == "turn");
  CHECK(last["speaker"].is_string());
  CHECK(last["time"].get<double>() > 0);
  auto pinyin = run("search " + kEpisode + " \"te si la\" --format json --duration 12480 --anchors " + (dir / "a.json").string());
  auto same = nlohmann::json::parse(pinyin.out.substr(pinyin.out.find('[')));
  CHECK(same.size() == doc.size());
  CHECK(same[0]["match"] == "pinyin");
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: search with no match exits 1, a bad file names itself", "[cli][search]") {
  auto dir = temp_dir();
  auto none = run("search " + kEpisode + " zzzz --duration 12480 --anchors " + (dir / "a.json").string());
  CHECK(none.exit_code == 1);
  CHECK(none.out == "no matches for \"zzzz\"\n");
  auto json = run("search " + kEpisode + " zzzz --format json --duration 12480 --anchors " + (dir / "a.json").string());
  CHECK(json.exit_code == 1);
  CHECK(json.out.find("[]") != std::string::npos);
  auto missing = run("search " + (dir / "nope.md").string() + " x");
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("nope.md: error: no such file") != std::string::npos);
  CHECK(run("search --help").out.find("1 when nothing did") != std::string::npos);
  std::filesystem::remove_all(dir);
}
