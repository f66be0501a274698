// tingdu-cli end to end: the real binary, its output, its exit codes.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

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
