// Anchors: pinning turns, what moves, what is refused, undo/redo, rate refits, the sidecar.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sync/anchor_file.h"
#include "sync/timeline.h"

using namespace tingdu;
using sync::BlockKind;
using sync::TimeSource;

namespace {

std::string han(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "字";
  return s;
}

// A chapter of 10 turns, A and B alternating, 10 units each, over [0, second_chapter), then a
// chapter of one turn.
sync::Episode ten_turns(double second_chapter = 1000) {
  sync::Episode ep;
  ep.chapters = {{0, {}, "C", {}, {}, 0}, {second_chapter, {}, "D", {}, {}, 0}};
  ep.blocks.push_back({BlockKind::chapter_header, 0, {}, {}, {}, {}, 0});
  for (int i = 0; i < 10; ++i) ep.blocks.push_back({BlockKind::turn, 0, i % 2 ? "B" : "A", han(10), {}, {}, 0});
  ep.blocks.push_back({BlockKind::chapter_header, 1, {}, {}, {}, {}, 0});
  ep.blocks.push_back({BlockKind::turn, 0, "A", han(10), {}, {}, 0});
  return ep;
}

std::vector<double> starts(const sync::Timeline& tl) {
  std::vector<double> out;
  for (const auto& t : tl.turns()) out.push_back(t.start);
  return out;
}

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("tingdu-anchors-" + std::to_string(getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("anchor: only the turns between the neighbouring fixed points move", "[anchors]") {
  auto ep = ten_turns();
  sync::Timeline tl(ep, 1100.0);
  REQUIRE(tl.anchor(5, 600).ok);
  auto before = starts(tl);
  REQUIRE(tl.anchor(2, 150).ok);
  auto after = starts(tl);
  CHECK(tl.turns()[2].source == TimeSource::anchored);
  CHECK(after[2] == 150);
  CHECK(after[1] != before[1]);  // between turn 0 (chapter) and turn 2 (new anchor)
  CHECK(after[3] != before[3]);  // between turn 2 and turn 5 (anchor)
  for (std::size_t k = 5; k < after.size(); ++k) CHECK(after[k] == before[k]);  // nothing past the anchor at 5
  CHECK(after[1] > 0);
  CHECK(after[1] < 150);
  CHECK(after[4] < 600);
}

TEST_CASE("anchor: refusals keep the order", "[anchors]") {
  auto ep = ten_turns();
  sync::Timeline tl(ep, 1100.0);
  REQUIRE(tl.anchor(5, 600).ok);
  auto r = tl.anchor(3, 650);
  CHECK_FALSE(r.ok);
  CHECK(r.reason.find("turn 5 is anchored at 10:00") != std::string::npos);
  CHECK_FALSE(tl.anchor(7, 500).ok);
  CHECK_FALSE(tl.anchor(99, 5).ok);
  CHECK_FALSE(tl.anchor(1, -1).ok);
  CHECK_FALSE(tl.anchor(1, 5000).ok);
  CHECK_FALSE(tl.remove_anchor(4).ok);
  CHECK(tl.anchors().size() == 1);
}

TEST_CASE("anchor: a chapter start yields to the listener", "[anchors]") {
  auto ep = ten_turns();
  sync::Timeline tl(ep, 1100.0);
  // The heading of chapter D came late: the listener hears turn 9 start after 1000 s.
  auto r = tl.anchor(9, 1010);
  REQUIRE(r.ok);
  CHECK(tl.turns()[10].source == TimeSource::estimated);
  CHECK(tl.turns()[10].start > 1010);
  CHECK(std::any_of(tl.notes().begin(), tl.notes().end(), [](auto& n) { return n.find("out of order") != std::string::npos; }));
}

TEST_CASE("anchor: undo and redo", "[anchors]") {
  auto ep = ten_turns();
  sync::Timeline tl(ep, 1100.0);
  auto original = starts(tl);
  REQUIRE(tl.anchor(4, 300).ok);
  auto pinned = starts(tl);
  REQUIRE(tl.remove_anchor(4).ok);
  CHECK(starts(tl) == original);
  CHECK(tl.undo());
  CHECK(starts(tl) == pinned);
  CHECK(tl.undo());
  CHECK(starts(tl) == original);
  CHECK_FALSE(tl.undo());
  CHECK(tl.redo());
  CHECK(starts(tl) == pinned);
  REQUIRE(tl.anchor(6, 700).ok);  // a new change clears the redo stack
  CHECK_FALSE(tl.redo());
}

TEST_CASE("anchors learn each speaker's rate", "[anchors]") {
  // The truth: A says its 10 units in 3 s, B in 1 s (A is 3x slower); chapter D starts at 20 s.
  auto ep = ten_turns(20.0);
  sync::SpeechModel m;
  m.speaker_change_pause = 0;
  m.same_speaker_pause = 0;
  sync::Timeline tl(ep, 22.0, m);
  std::vector<double> truth(11, 0.0);
  for (int k = 1; k <= 10; ++k) truth[std::size_t(k)] = truth[std::size_t(k) - 1] + ((k - 1) % 2 ? 1.0 : 3.0);
  // Anchors on turns of different speakers, so the intervals mix A and B differently.
  REQUIRE(tl.anchor(3, truth[3]).ok);
  auto one = tl.learn();
  CHECK_FALSE(one.fitted);
  CHECK(one.reason.find("two or more anchors") != std::string::npos);
  REQUIRE(tl.anchor(6, truth[6]).ok);
  auto fixed_before = tl.turns()[6].start;
  auto fit = tl.learn();
  REQUIRE(fit.fitted);
  CHECK(fit.rates.at("B") > fit.rates.at("A") * 2);
  CHECK(fit.mean_shift > 0.2);
  // Between the anchors the estimates are now close to the truth (they were 0.67 s off).
  CHECK(tl.turns()[4].start == Approx(truth[4]).margin(0.15));
  CHECK(tl.turns()[5].start == Approx(truth[5]).margin(0.15));
  CHECK(tl.turns()[6].start == fixed_before);
  CHECK(tl.model().rates.at("B") == fit.rates.at("B"));
  // learn() is undoable like any change.
  REQUIRE(tl.undo());
  CHECK(tl.model().rates.empty());
  CHECK(tl.turns()[4].start == Approx(7 + 5.0 / 3).margin(0.01));
}

TEST_CASE("sidecar: save and load, atomically", "[anchors][sidecar]") {
  TempDir dir;
  auto path = dir.path / "sub" / "x.json";
  REQUIRE(sync::save_anchors(path, {{3, 12.5}, {7, 99.1234}}, 10, "ep.md").empty());
  for (auto& f : std::filesystem::directory_iterator(path.parent_path()))
    CHECK(f.path().filename() == "x.json");  // no temporary file left behind
  auto load = sync::load_anchors(path, 10);
  CHECK(load.problems.empty());
  REQUIRE(load.anchors.size() == 2);
  CHECK(load.anchors.at(3) == 12.5);
  CHECK(load.anchors.at(7) == Approx(99.123));
  // Saving again replaces the file whole.
  REQUIRE(sync::save_anchors(path, {{1, 1.0}}, 10, "ep.md").empty());
  CHECK(sync::load_anchors(path, 10).anchors.size() == 1);
  CHECK(sync::load_anchors(dir.path / "missing.json", 10).anchors.empty());
}

TEST_CASE("sidecar: a corrupt file is kept aside and reported", "[anchors][sidecar]") {
  TempDir dir;
  auto path = dir.path / "x.json";
  std::ofstream(path) << "{\"version\": 1, \"anchors\": [{\"turn\": 1, \"ti";
  auto load = sync::load_anchors(path, 10);
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems[0].find("kept it as") != std::string::npos);
  CHECK(load.anchors.empty());
  CHECK_FALSE(std::filesystem::exists(path));
  int kept = 0;
  for (auto& f : std::filesystem::directory_iterator(dir.path)) {
    kept += f.path().filename().string().starts_with("x.json.corrupt-");
    std::ifstream in(f.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text.find("\"ti") != std::string::npos);  // the user's bytes, untouched
  }
  CHECK(kept == 1);
}

TEST_CASE("sidecar: a newer version is kept aside, bad entries are skipped", "[anchors][sidecar]") {
  TempDir dir;
  auto path = dir.path / "x.json";
  std::ofstream(path) << R"({"version": 7, "anchors": []})";
  auto newer = sync::load_anchors(path, 10);
  REQUIRE(newer.problems.size() == 1);
  CHECK(newer.problems[0].find("newer Tingdu (version 7") != std::string::npos);
  CHECK(std::filesystem::exists(path.string() + ".v7-" + newer.problems[0].substr(newer.problems[0].find(".v7-") + 4, 16)));
  std::ofstream(path) << R"({"version": 1, "anchors": [{"turn": 2, "time": 5}, {"turn": 50, "time": 9}, {"turn": "x"}]})";
  auto partial = sync::load_anchors(path, 10);
  CHECK(partial.anchors.size() == 1);
  CHECK(partial.problems.size() == 2);
}

TEST_CASE("sidecar: keyed by the transcript's bytes", "[anchors][sidecar]") {
  CHECK(sync::transcript_key("abc") == sync::transcript_key("abc"));
  CHECK(sync::transcript_key("abc") != sync::transcript_key("abd"));
  CHECK(sync::transcript_key("").size() == 16);
  setenv("XDG_STATE_HOME", "/tmp/state-test", 1);
  CHECK(sync::default_anchor_path("abc") == "/tmp/state-test/tingdu/anchors/" + sync::transcript_key("abc") + ".json");
}
