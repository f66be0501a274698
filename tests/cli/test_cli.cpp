// tingdu-cli end to end: the real binary, its output, its exit codes.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct Run {
  int exit_code;
  std::string out;  // stdout and stderr together
};

Run run(const std::string& args) {
  std::string cmd = std::string(TINGDU_CLI) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

const std::string kEpisode = TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md";

std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path() / ("tingdu-cli-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("cli: check the bundled episode", "[cli]") {
  auto r = run("check " + kEpisode);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("chapters:  31 (30 headed in the transcript)") != std::string::npos);
  CHECK(r.out.find("speakers:  2") != std::string::npos);
  CHECK(r.out.find("Lex Fridman: 578 turns") != std::string::npos);
  CHECK(r.out.find("Andrej Karpathy: 573 turns") != std::string::npos);
  CHECK(r.out.find("joined:    7 turns continued across a part break") != std::string::npos);
  CHECK(r.out.find(":148: warning: chapter 3:17:12 机器学习的未来 has no heading") != std::string::npos);
}

TEST_CASE("cli: check reports errors with file and line, exit 1", "[cli]") {
  auto dir = temp_dir();
  std::ofstream(dir / "bad.srt") << "1\n00:00:01,000 --> 00:00:xx,000\nhi\n";
  auto r = run("check " + (dir / "bad.srt").string());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("bad.srt:2:18: error: expected a time like") != std::string::npos);
  auto missing = run("check " + (dir / "nope.md").string());
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("nope.md: error: no such file") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: export converts and writes the file", "[cli]") {
  auto dir = temp_dir();
  std::ofstream(dir / "in.vtt") << "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>hello\n";
  auto out = dir / "out.srt";
  auto r = run("export " + (dir / "in.vtt").string() + " --format srt -o " + out.string());
  CHECK(r.exit_code == 0);
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text == "1\n00:00:01,000 --> 00:00:02,000\nAnn: hello\n\n");
  auto stdout_run = run("export " + (dir / "in.vtt").string() + " --format json");
  CHECK(stdout_run.out.find("\"speaker\": \"Ann\"") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: help and usage errors", "[cli]") {
  CHECK(run("--help").exit_code == 0);
  auto help = run("export --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--format") != std::string::npos);
  CHECK(run("").exit_code != 0);
  CHECK(run("export " + kEpisode + " --format docx").exit_code != 0);
}

TEST_CASE("cli: timeline of the bundled episode as JSON", "[cli][timeline]") {
  auto dir = temp_dir();
  auto r = run("timeline " + kEpisode + " --duration 12480 --format json --anchors " + (dir / "a.json").string());
  REQUIRE(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  CHECK(doc["duration"] == 12480.0);
  REQUIRE(doc["chapters"].size() == 31);
  CHECK(doc["chapters"][9]["start"] == 3944.0);
  CHECK(doc["chapters"][30]["end"] == 12480.0);
  REQUIRE(doc["turns"].size() == 1151);
  const auto& t = doc["turns"][1];
  for (const char* key : {"index", "chapter", "speaker", "start", "end", "source", "uncertainty", "text"})
    CHECK(t.contains(key));
  CHECK(t["source"] == "estimated");
  CHECK(doc["turns"][0]["source"] == "chapter");
  double previous = -1;
  for (const auto& turn : doc["turns"]) {
    CHECK(turn["start"].get<double>() > previous);
    previous = turn["start"].get<double>();
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: at a time, in seconds or as a clock", "[cli][timeline]") {
  auto dir = temp_dir();
  std::string anchors = " --anchors " + (dir / "a.json").string();
  auto r = run("at " + kEpisode + " 1:05:44 --duration 12480" + anchors);
  REQUIRE(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  CHECK(doc["time"] == 3944.0);
  CHECK(doc["chapter"]["title"] == "软件 2.0");
  CHECK(doc["turn"]["start"] == 3944.0);
  CHECK(doc["progress"] == 0.0);
  auto before = run("at " + kEpisode + " 20000 --duration 12480" + anchors);
  auto past = nlohmann::json::parse(before.out.substr(before.out.find('{')));
  CHECK(past["turn"].is_null());
  CHECK(run("at " + kEpisode + " 1:99" + anchors).exit_code == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: anchor pins, saves, learns and unpins", "[cli][anchors]") {
  auto dir = temp_dir();
  std::string anchors = " --anchors " + (dir / "a.json").string();
  auto pin = run("anchor " + kEpisode + " 10 2:10 --duration 12480" + anchors);
  REQUIRE(pin.exit_code == 0);
  CHECK(pin.out.find("pinned turn 10; 1 anchor(s) saved") != std::string::npos);
  auto at = run("at " + kEpisode + " 130 --duration 12480" + anchors);
  auto doc = nlohmann::json::parse(at.out.substr(at.out.find('{')));
  CHECK(doc["turn"]["index"] == 10);
  CHECK(doc["turn"]["source"] == "anchored");
  auto second = run("anchor " + kEpisode + " 20 3:40 --duration 12480" + anchors);
  CHECK(second.out.find("speaking rates re-fitted from the anchors") != std::string::npos);
  auto refused = run("anchor " + kEpisode + " 15 1:00 --duration 12480" + anchors);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.find("must start after") != std::string::npos);
  auto unpin = run("anchor " + kEpisode + " 10 --remove --duration 12480" + anchors);
  CHECK(unpin.exit_code == 0);
  std::ifstream in(dir / "a.json");
  auto saved = nlohmann::json::parse(in);
  CHECK(saved["version"] == 1);
  REQUIRE(saved["anchors"].size() == 1);
  CHECK(saved["anchors"][0]["turn"] == 20);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: the bundled episode exports to every timed format", "[cli][export]") {
  auto dir = temp_dir();
  std::string anchors = " --anchors " + (dir / "a.json").string();
  for (const char* f : {"srt", "vtt", "lrc", "json", "chapters-json"}) {
    auto out = dir / (std::string("ep.") + f);
    auto r = run("export " + kEpisode + " --duration 12480 --format " + f + " -o " + out.string() + anchors);
    CHECK(r.exit_code == 0);
    auto check = run("check " + out.string() + " --input-format " + f);
    CHECK(check.exit_code == 0);
    if (std::string(f) != "chapters-json") CHECK(check.out.find("turns:     1151 (1151 with times") != std::string::npos);
    else CHECK(check.out.find("chapters:  31") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
