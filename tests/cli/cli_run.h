// Running the real tingdu-cli binary from tests: its output and exit code.
#pragma once

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace tingdu::test {

struct Run {
  int exit_code;
  std::string out;  // stdout and stderr together
};

inline Run run(const std::string& args) {
  std::string cmd = std::string(TINGDU_CLI) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline const std::string kEpisode = TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md";

inline std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path() / ("tingdu-cli-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace tingdu::test
