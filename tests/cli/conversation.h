// Conversations of real recorded human voices (Debian's Asterisk prompt packages, installed by
// scripts/install-deps.sh), made at test time with a known truth by tests/tools/make_conversation.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli_run.h"

namespace tingdu::test {

inline const std::string kSounds = "/usr/share/asterisk/sounds";

// Makes a conversation in temp_dir()/name (conversation.md, .mp3, .truth.json); returns the folder.
inline std::filesystem::path conversation(const std::string& name, const std::string& voices, const std::string& extra) {
  auto dir = temp_dir() / name;
  std::string cmd = std::string(TINGDU_MAKE_CONVERSATION) + " --out " + dir.string() + " " + voices + " " + extra + " >/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return dir;
}

}  // namespace tingdu::test
