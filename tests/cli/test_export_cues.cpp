// tingdu-cli export --format srt with --audio, as a listener would export the aligned episode
// after pinning a turn: the file's cues run forward, never overlap and last long enough to read.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "conversation.h"
#include "sync/time_format.h"

using tingdu::test::run;

namespace {

struct Cue {
  int number;
  double start, end;
};

// The cues of an SRT file, as numbered and timed there.
std::vector<Cue> read_srt(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<Cue> out;
  std::string number, times, line;
  while (std::getline(in, number)) {
    if (number.empty()) continue;
    REQUIRE(std::getline(in, times));
    const auto arrow = times.find(" --> ");
    REQUIRE(arrow != std::string::npos);
    auto a = tingdu::sync::parse_cue_time(times.substr(0, arrow)), b = tingdu::sync::parse_cue_time(times.substr(arrow + 5));
    REQUIRE(a);
    REQUIRE(b);
    out.push_back({std::stoi(number), *a, *b});
    while (std::getline(in, line) && !line.empty()) {
    }
  }
  return out;
}

}  // namespace

TEST_CASE("cli: export srt with --audio runs forward, never overlaps, no cue under 0.5 s", "[cli][srt]") {
  setenv("XDG_STATE_HOME", (tingdu::test::temp_dir() / "state-cues").c_str(), 1);
  auto dir = tingdu::test::conversation(
      "cues", "--voice Allison=" + tingdu::test::kSounds + "/en_US_f_Allison --voice Carlo=" + tingdu::test::kSounds + "/it_IT_m_Carlo",
      "--minutes 3 --chapter-min 1 --chapter-max 2 --seed 33");
  const std::string md = (dir / "conversation.md").string(), audio = " --audio " + (dir / "conversation.mp3").string();
  // The listener pins a turn a second before the aligned turn ahead of it ends: that turn's
  // last sentence, as the aligner placed it, would run past the pin.
  auto aligned = run("align " + md + audio + " --format json");
  REQUIRE(aligned.exit_code == 0);
  auto doc = nlohmann::json::parse(aligned.out.substr(aligned.out.find('{')));
  const auto& turns = doc["turns"];
  std::size_t pinned = 0;
  for (std::size_t k = 1; k + 1 < turns.size() && pinned == 0; ++k)
    if (turns[k]["source"] == "aligned" && turns[k]["end"].get<double>() - turns[k]["start"].get<double>() > 4) pinned = k + 1;
  REQUIRE(pinned > 0);
  const double at = turns[pinned - 1]["end"].get<double>() - 1.0;
  REQUIRE(run("anchor " + md + " " + std::to_string(pinned) + " " + std::to_string(at) + audio).exit_code == 0);

  const auto srt = dir / "cues.srt";
  auto exported = run("export " + md + audio + " --format srt -o " + srt.string());
  REQUIRE(exported.exit_code == 0);
  auto cues = read_srt(srt);
  REQUIRE(cues.size() > turns.size());
  for (std::size_t i = 0; i < cues.size(); ++i) {
    INFO("cue " << cues[i].number << ": " << cues[i].start << " --> " << cues[i].end);
    CHECK(cues[i].end - cues[i].start >= 0.5 - 1e-9);
    if (i > 0) CHECK(cues[i].start >= cues[i - 1].end - 1e-9);  // after the one before: in order, no overlap
  }
  unsetenv("XDG_STATE_HOME");
}
