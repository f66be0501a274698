// Writers, and reading back what they wrote: every turn, speaker and time survives.
#include <catch2/catch.hpp>

#include "parse.h"
#include "sync/writer.h"

using namespace tingdu;
using sync::BlockKind;
using sync::Format;

namespace {

sync::Episode sample() {
  sync::Episode ep;
  ep.meta.title = "Sample";
  ep.chapters = {{0, 30.0, "开场", {}, {}, 0}, {30, std::nullopt, "Part <two> & more", {}, {}, 0}};
  ep.blocks = {
      {BlockKind::turn, 0, "Lex Fridman", "大家好，欢迎来到播客。", 0.0, 4.25, 0},
      {BlockKind::turn, 0, "Andrej Karpathy", "谢谢你，Lex。a < b && c > d", 4.25, 9.5, 0},
      {BlockKind::turn, 0, "Lex Fridman", "Ends before the next --> starts", 9.5, 12.125, 0},
      {BlockKind::turn, 0, "", "No speaker at all", 15.0, 20.0, 0},
      {BlockKind::turn, 0, "Andrej Karpathy", "三小时二十分", 12000.001, 12003.0, 0},
  };
  return ep;
}

// `ends`: the format always writes end times.
void check_same_turns(const sync::Episode& a, const sync::Episode& b, bool ends) {
  auto ta = test::turns(a), tb = test::turns(b);
  REQUIRE(ta.size() == tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) {
    INFO("turn " << i);
    CHECK(ta[i]->speaker == tb[i]->speaker);
    CHECK(ta[i]->text == tb[i]->text);
    REQUIRE(tb[i]->start.has_value());
    CHECK(*tb[i]->start == Approx(*ta[i]->start).margin(0.0005));
    if (tb[i]->end) {
      CHECK(*tb[i]->end == Approx(*ta[i]->end).margin(0.0005));
    } else {
      // Only LRC leaves an end out, and only where it is the next line's start.
      CHECK_FALSE(ends);
      REQUIRE(i + 1 < ta.size());
      CHECK(*ta[i]->end == *ta[i + 1]->start);
    }
  }
}

}  // namespace

TEST_CASE("round trip: each timed format keeps turns, speakers and times", "[roundtrip]") {
  auto ep = sample();
  for (Format f : {Format::srt, Format::vtt, Format::lrc, Format::podcast_json}) {
    INFO(sync::format_name(f));
    auto w = sync::write_transcript(ep, f);
    REQUIRE(w.ok());
    auto r = test::parse(w.text, "out", f);
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    check_same_turns(ep, r.episode, /*ends=*/f != Format::lrc);
    // and once more: the second trip writes exactly the first trip's bytes
    CHECK(sync::write_transcript(r.episode, f).text == w.text);
  }
}

TEST_CASE("round trip: chapters JSON", "[roundtrip]") {
  auto ep = sample();
  auto w = sync::write_transcript(ep, Format::chapters_json);
  REQUIRE(w.ok());
  auto r = test::parse(w.text, "c.json");
  REQUIRE(r.ok());
  REQUIRE(r.episode.chapters.size() == 2);
  CHECK(r.episode.chapters[1].title == "Part <two> & more");
  CHECK(*r.episode.chapters[0].end == 30.0);
  CHECK_FALSE(r.episode.chapters[1].end.has_value());
  CHECK(r.episode.meta.title == "Sample");
}

TEST_CASE("writers: the exact SRT and WebVTT text", "[writers]") {
  sync::Episode ep;
  ep.blocks = {{BlockKind::turn, 0, "A", "one", 1.0, 2.0, 0}, {BlockKind::turn, 0, "B", "x < y", 2.0, std::nullopt, 0}};
  CHECK(sync::write_transcript(ep, Format::srt).text ==
        "1\n00:00:01,000 --> 00:00:02,000\nA: one\n\n2\n00:00:02,000 --> 00:00:07,000\nB: x < y\n\n");
  CHECK(sync::write_transcript(ep, Format::vtt).text ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>one\n\n00:00:02.000 --> 00:00:07.000\n<v B>x &lt; y\n\n");
  CHECK(sync::write_transcript(ep, Format::lrc).text == "[00:01.000]A: one\n[00:02.000]B: x < y\n");
}

TEST_CASE("writers: untimed turns and untimed formats are refused", "[writers]") {
  auto r = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md");
  auto w = sync::write_transcript(r.episode, Format::srt);
  CHECK_FALSE(w.ok());
  CHECK(w.error.find("turn 0") != std::string::npos);
  CHECK(w.text.empty());
  CHECK_FALSE(sync::write_transcript(r.episode, Format::markdown).ok());
  CHECK(sync::write_transcript(r.episode, Format::chapters_json).ok());
}
