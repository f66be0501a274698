// tingdu-cli end to end: the real binary, its output, its exit codes.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "sync/excerpt.h"
#include "sync/reader.h"

using tingdu::test::run;
using tingdu::test::temp_dir;
using tingdu::test::kEpisode;

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
  CHECK(r.out.find("bad.srt:2:18: warning: this cue is skipped: expected a time like") != std::string::npos);
  CHECK(r.out.find("bad.srt: error: no cue could be read (1 skipped") != std::string::npos);
  // One bad cue among good ones: the file is read, the bad cue named.
  std::ofstream(dir / "one-bad.srt") << "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:0x,000 --> 00:00:03,000\nno\n\n"
                                        "3\n00:00:03,000 --> 00:00:04,000\nbye\n";
  auto one = run("check " + (dir / "one-bad.srt").string());
  CHECK(one.exit_code == 0);
  CHECK(one.out.find("one-bad.srt:6:1: warning: this cue is skipped") != std::string::npos);
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

TEST_CASE("cli: export keeps the author's timed cues through SRT, WebVTT and back", "[cli][export]") {
  auto dir = temp_dir();
  const std::string srt = "1\n00:00:03,600 --> 00:00:05,060\nThis line\nhas two rows.\n\n"
                          "2\n00:00:05,500 --> 00:00:06,000\nAnn: <i>Yes</i>, <b>really</b>.\n\n";
  std::ofstream(dir / "in.srt") << srt;
  REQUIRE(run("export " + (dir / "in.srt").string() + " --format vtt -o " + (dir / "mid.vtt").string()).exit_code == 0);
  REQUIRE(run("export " + (dir / "mid.vtt").string() + " --format srt -o " + (dir / "back.srt").string()).exit_code == 0);
  auto slurp = [](const std::filesystem::path& f) {
    std::ifstream in(f);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  CHECK(slurp(dir / "mid.vtt") ==
        "WEBVTT\n\n00:00:03.600 --> 00:00:05.060\nThis line\nhas two rows.\n\n"
        "00:00:05.500 --> 00:00:06.000\n<v Ann><i>Yes</i>, <b>really</b>.\n\n");
  CHECK(slurp(dir / "back.srt") == srt);
  // --split cuts only the file's own cues longer than 7 s, at their sentences.
  std::ofstream(dir / "long.srt") << "1\n00:00:00,000 --> 00:00:10,000\nThe first sentence is here. And a second one follows it.\n\n"
                                     "2\n00:00:10,000 --> 00:00:12,000\nShort. Cue.\n\n";
  auto kept = run("export " + (dir / "long.srt").string() + " --format srt");
  CHECK(kept.out.find("00:00:00,000 --> 00:00:10,000") != std::string::npos);
  auto split = run("export " + (dir / "long.srt").string() + " --format srt --split");
  CHECK(split.out.find("00:00:00,000 --> 00:00:10,000") == std::string::npos);
  CHECK(split.out.find("\n3\n00:00:10,000 --> 00:00:12,000\nShort. Cue.\n") != std::string::npos);
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
    auto r = run("export " + kEpisode + " --duration 12480 --format " + f + " --by turn -o " + out.string() + anchors);
    CHECK(r.exit_code == 0);
    auto check = run("check " + out.string() + " --input-format " + f);
    CHECK(check.exit_code == 0);
    if (std::string(f) != "chapters-json") CHECK(check.out.find("turns:     1151 (1151 with times") != std::string::npos);
    else CHECK(check.out.find("chapters:  31") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: export writes subtitle cues a sentence at a time, within the limits", "[cli][export]") {
  auto dir = temp_dir();
  for (const char* f : {"srt", "vtt"}) {
    auto out = dir / (std::string("ep.") + f);
    auto r = run("export " + kEpisode + " --duration 12480 --format " + f + " -o " + out.string() + " --anchors " +
                 (dir / "a.json").string());
    REQUIRE(r.exit_code == 0);
    auto back = tingdu::sync::read_transcript_file(out.string());
    REQUIRE(back.ok());
    std::size_t cues = 0, named = 0;
    for (const auto& b : back.episode.blocks) {
      if (b.kind != tingdu::sync::BlockKind::turn) continue;
      ++cues;
      if (!b.speaker.empty()) ++named;
      REQUIRE(b.start);
      REQUIRE(b.end);
      CHECK(*b.end - *b.start <= 7.0005);
      // At most two lines of at most 20 wide characters (40 columns) or 42 narrow ones.
      std::size_t lines = 1, from = 0;
      for (std::size_t nl = b.text.find('\n'); ; nl = b.text.find('\n', from)) {
        CHECK(tingdu::sync::display_width(b.text.substr(from, nl == std::string::npos ? nl : nl - from)) <= 42);
        if (nl == std::string::npos) break;
        ++lines;
        from = nl + 1;
      }
      CHECK(lines <= 2);
    }
    CHECK(cues > 2 * 1151);  // the answers run to many sentences
    // The speaker on each turn's first cue only (<v> tags in WebVTT; SRT's "Name: " may also be
    // read into a cue whose own text starts like "第一：").
    if (std::string(f) == "vtt") CHECK(named == 1151);
    else CHECK(named >= 1151);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: narrate writes audio and a truth file with every turn, chapters start on time after a pause", "[cli][narrate]") {
  auto dir = temp_dir();
  const std::string short_episode = TINGDU_SOURCE_DIR "/tests/data/short-episode.md";
  auto audio = dir / "short.opus", truth = dir / "short.json";
  auto r = run("narrate " + short_episode + " -o " + audio.string() + " --truth " + truth.string() + " --duration 180 --seed 7");
  REQUIRE(r.exit_code == 0);
  std::ifstream in(truth);
  auto doc = nlohmann::json::parse(in);
  REQUIRE(doc["chapters"].size() == 3);
  REQUIRE(doc["turns"].size() == 14);
  // Each chapter's first turn starts at the outline's time (the test transcript's headings).
  const std::size_t firsts[] = {0, 5, 10};
  for (std::size_t c = 0; c < 3; ++c) {
    double outline = doc["chapters"][c]["start"].get<double>();
    CHECK(std::abs(doc["turns"][firsts[c]]["start"].get<double>() - outline) < 0.05);
    // After a pause: the chapter before ends before it, as a chapter break does.
    if (c > 0) CHECK(doc["turns"][firsts[c] - 1]["end"].get<double>() < outline - 0.15);
  }
  for (std::size_t k = 0; k < 14; ++k) {
    CHECK(doc["turns"][k]["index"] == k);
    CHECK(doc["turns"][k]["end"].get<double>() > doc["turns"][k]["start"].get<double>());
    if (k > 0) CHECK(doc["turns"][k]["start"].get<double>() >= doc["turns"][k - 1]["end"].get<double>());
  }
  auto probe = run("check " + short_episode);
  CHECK(probe.exit_code == 0);
  // The same seed gives the same narration.
  auto truth2 = dir / "short2.json";
  REQUIRE(run("narrate " + short_episode + " -o " + (dir / "short2.opus").string() + " --truth " + truth2.string() +
              " --duration 180 --seed 7").exit_code == 0);
  std::ifstream in2(truth2);
  CHECK(nlohmann::json::parse(in2) == doc);
  auto bytes = [](const std::filesystem::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  CHECK(bytes(audio) == bytes(dir / "short2.opus"));  // the same bytes, not only the same times
  // The accuracy meter reads it back.
  auto acc = run("accuracy " + truth.string() + " " + short_episode + " --audio " + audio.string() + " --format json");
  REQUIRE(acc.exit_code == 0);
  auto figures = nlohmann::json::parse(acc.out.substr(acc.out.find('{')));
  for (const char* key : {"median", "p90", "max", "within_0_5", "within_1", "within_2", "highlight_share"})
    CHECK(figures.contains(key));
  CHECK(figures["highlight_share"].get<double>() > 0.3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: play --transcript prints the turns in order at their true times", "[cli][narrate][play]") {
  auto dir = temp_dir();
  const std::string short_episode = TINGDU_SOURCE_DIR "/tests/data/short-episode.md";
  auto audio = dir / "e2e.opus", truth = dir / "e2e.json", anchors = dir / "e2e-anchors.json";
  REQUIRE(run("narrate " + short_episode + " -o " + audio.string() + " --truth " + truth.string() + " --duration 180").exit_code == 0);
  std::ifstream in(truth);
  auto doc = nlohmann::json::parse(in);
  // The truth as anchors: the timeline then knows every turn's real start.
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : doc["turns"]) list.push_back({{"turn", t["index"]}, {"time", t["start"]}});
  std::ofstream(anchors) << nlohmann::json{{"version", 1}, {"anchors", list}}.dump();

  std::string cmd = "SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=" + (dir / "out.f32").string() + " " + TINGDU_CLI + " play " +
                    audio.string() + " --transcript " + short_episode + " --anchors " + anchors.string() +
                    " --speed 2 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::vector<std::string> lines;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) lines.push_back(buf);
  CHECK(pclose(p) == 0);
  // Each turn line carries the position the player was at when it was printed: that position
  // lies inside the turn's true span (the truth is the anchors), however late the process ran.
  std::size_t next_turn = 0;
  const std::regex stamp(R"(^\[(\d+):(\d\d)\.(\d)\] )");
  for (const auto& text : lines) {
    if (text.find("Lex Fridman:") == std::string::npos && text.find("Andrej Karpathy:") == std::string::npos) continue;
    INFO(text);
    REQUIRE(next_turn < doc["turns"].size());
    std::smatch m;
    REQUIRE(std::regex_search(text, m, stamp));
    double at = std::stoi(m[1]) * 60 + std::stoi(m[2]) + std::stoi(m[3]) / 10.0;
    double start = doc["turns"][next_turn]["start"].get<double>();
    double end = next_turn + 1 < doc["turns"].size() ? doc["turns"][next_turn + 1]["start"].get<double>() : 1e9;
    CHECK(at >= std::floor(start * 10) / 10);  // printed rounded down to the tenth
    CHECK(at < end);
    ++next_turn;
  }
  CHECK(next_turn == doc["turns"].size());  // all of them, once each, in order
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: play says how much a cut-short VBR MP3 holds, not only its header's length", "[cli][play]") {
  auto dir = temp_dir();
  // A VBR MP3 with a Xing header (24 s), cut to its first quarter: an interrupted download whose
  // header still claims the whole.
  const auto whole = dir / "vbr.mp3", cut = dir / "vbr-cut.mp3";
  REQUIRE(std::system(("ffmpeg -nostdin -y -loglevel error -f lavfi -i sine=frequency=330:duration=24 -c:a libmp3lame -q:a 2 " +
                       whole.string()).c_str()) == 0);
  std::filesystem::copy_file(whole, cut, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(cut, std::filesystem::file_size(whole) / 4);
  const auto written = dir / "cut.f32";
  std::string cmd = "SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=" + written.string() + " " + TINGDU_CLI + " play " + cut.string() +
                    " --speed 2 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  CHECK(pclose(p) == 0);
  INFO(out);
  CHECK(out.find(", 0:24)") != std::string::npos);  // the header line: what the header claims
  const std::regex holds(R"(the file holds 0:0(\d) of audio \(its header said 0:24\))");
  std::smatch m;
  REQUIRE(std::regex_search(out, m, holds));
  CHECK(std::stoi(m[1]) >= 5);  // about a quarter of 24 s
  CHECK(std::stoi(m[1]) <= 7);
  // And that is what played: the end is reported there, and the tone written (mono 44.1 kHz
  // floats, as the file is; at 2x) lasts half of what the file holds, not half of 24 s.
  const std::regex end(R"(\[0:0(\d)\] end)");
  REQUIRE(std::regex_search(out, m, end));
  CHECK(std::stoi(m[1]) >= 5);
  std::ifstream in(written, std::ios::binary);
  std::size_t sounding = 0;
  float sample;
  while (in.read(reinterpret_cast<char*>(&sample), sizeof sample)) sounding += std::abs(sample) > 1e-3f;
  const double seconds = double(sounding) / 44100.0;
  CHECK(seconds > 2.0);
  CHECK(seconds < 4.0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: mistakes get a clear word and exit 1", "[cli]") {
  auto dir = temp_dir();
  // A file that can't be read: the error, and no summary of nothing.
  std::ofstream(dir / "bad.srt") << "1\n00:00:01,000 --> 00:00:xx,000\nhi\n";
  auto check = run("check " + (dir / "bad.srt").string());
  CHECK(check.exit_code == 1);
  CHECK(check.out.find("chapters:") == std::string::npos);
  // A turn that does not exist: the real range.
  auto anchor = run("anchor " + kEpisode + " 99999 1:00 --duration 12480 --anchors " + (dir / "a.json").string());
  CHECK(anchor.exit_code == 1);
  CHECK(anchor.out.find("turns are numbered 0 to 1150") != std::string::npos);
  // Past the end: said, not only nulls.
  auto at = run("at " + kEpisode + " 5:00:00 --duration 12480 --anchors " + (dir / "a.json").string());
  CHECK(at.exit_code == 0);
  CHECK(at.out.find("past the end (3:28:00)") != std::string::npos);
  // Into a folder that does not exist: refused, nothing created.
  auto out = dir / "missing" / "ep.srt";
  auto exported = run("export " + kEpisode + " --format srt -o " + out.string());
  CHECK(exported.exit_code == 1);
  CHECK(exported.out.find("does not exist") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "missing"));
  // --until before --from.
  auto audio = dir / "tone.flac";
  REQUIRE(std::system(("ffmpeg -nostdin -y -loglevel error -f lavfi -i sine=duration=3 " + audio.string()).c_str()) == 0);
  auto play = run("play " + audio.string() + " --from 2 --until 1");
  CHECK(play.exit_code == 1);
  CHECK(play.out.find("must come after --from") != std::string::npos);
  CHECK(run("play " + audio.string() + " --volume 1.5").exit_code != 0);  // 0 to 1, as in the window
  // Random bytes as audio: one line naming the file, no wall of FFmpeg messages.
  std::ofstream(dir / "noise.mp3", std::ios::binary) << std::string(20000, '\x5a') << "\x01\x02garbage";
  auto noise = run("play " + (dir / "noise.mp3").string());
  CHECK(noise.exit_code == 1);
  CHECK(noise.out.find("noise.mp3") != std::string::npos);
  CHECK(std::count(noise.out.begin(), noise.out.end(), '\n') <= 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: accuracy's table lines up with Chinese titles", "[cli][narrate]") {
  auto dir = temp_dir();
  const std::string short_episode = TINGDU_SOURCE_DIR "/tests/data/short-episode.md";
  auto audio = dir / "t.opus", truth = dir / "t.json";
  REQUIRE(run("narrate " + short_episode + " -o " + audio.string() + " --truth " + truth.string() + " --duration 180").exit_code == 0);
  auto acc = run("accuracy " + truth.string() + " " + short_episode + " --audio " + audio.string());
  REQUIRE(acc.exit_code == 0);
  // Every row's "turns" column starts at the same display column.
  std::istringstream rows(acc.out);
  std::string row;
  std::set<std::size_t> columns;
  while (std::getline(rows, row)) {
    auto at = row.find(" turns  median");
    if (at == std::string::npos) continue;
    std::size_t width = 0;
    for (std::size_t i = 0; i < at; ++i) {
      auto c = static_cast<unsigned char>(row[i]);
      if ((c & 0xC0) == 0x80) continue;
      width += c >= 0xE0 ? 2 : 1;  // the titles' Han characters take two columns
    }
    columns.insert(width);
  }
  CHECK(columns.size() == 1);
  std::filesystem::remove_all(dir);
}
