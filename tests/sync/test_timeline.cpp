// The timeline: estimates (hand-computed, and after an aligned turn's end), lookups at every boundary, the bundled episode.
#include <catch2/catch.hpp>

#include "parse.h"
#include "sync/speech_units.h"
#include "plain_model.h"
#include "sync/timeline.h"

using namespace tingdu;
using tingdu::test::plain_model;
using sync::BlockKind;
using sync::TimeSource;

namespace {

sync::Block turn(std::string speaker, std::string text) {
  return {BlockKind::turn, 0, std::move(speaker), std::move(text), {}, {}, 0};
}
sync::Block header(std::size_t chapter) { return {BlockKind::chapter_header, chapter, {}, {}, {}, {}, 0}; }

// Two chapters: [0, 100) with turns of 10, 20, 10 units, [100, 200) with turns of 5 and 15.
sync::Episode two_chapters() {
  sync::Episode ep;
  ep.chapters = {{0, {}, "One", {}, {}, 0}, {100, {}, "Two", {}, {}, 0}};
  ep.blocks = {header(0), turn("A", "一二三四五六七八九十"), turn("B", std::string(20 * 3, '\0')),
               turn("A", "一二三四五六七八九十"), header(1), turn("B", "一二三四五"), turn("A", "一二三四五六七八九十一二三四五")};
  std::string twenty;
  for (int i = 0; i < 20; ++i) twenty += "字";
  ep.blocks[2].text = twenty;
  return ep;
}

// Three chapters at 0, 100 and 200 s, each of two turns of 10 units.
sync::Episode three_chapters() {
  sync::Episode ep;
  ep.chapters = {{0, {}, "One", {}, {}, 0}, {100, {}, "Two", {}, {}, 0}, {200, {}, "Three", {}, {}, 0}};
  for (std::size_t c = 0; c < 3; ++c)
    for (const char* b : {"", "A", "B"})
      ep.blocks.push_back(*b ? turn(b, "一二三四五六七八九十") : header(c));
  return ep;
}

}  // namespace

TEST_CASE("chapters: an outline start whose turn was not heard moves with the audio's cut, and the chapter starts with its turn", "[timeline][alignment]") {
  auto ep = three_chapters();
  sync::Timeline tl(ep, 400.0, plain_model());
  using T = sync::AlignedTime;
  // 30 s of pre-roll: chapter Two's first turn is heard 30 s after its outline time; Three's
  // first turn (4) is not heard, and its outline time moves as far.
  tl.set_alignment({T{30, 40, 0.1}, std::nullopt, T{130, 140, 0.1}, T{140, 150, 0.1}, std::nullopt, T{245, 255, 0.1}});
  CHECK(tl.turns()[4].start == Approx(230.0));
  CHECK(tl.turns()[4].source == TimeSource::chapter);
  CHECK(tl.chapters()[2].start == Approx(230.0));
  CHECK(tl.chapters()[1].end == Approx(230.0));
  CHECK(tl.at(228.0).chapter == 1u);
  CHECK(tl.at(232.0).chapter == 2u);
  // An intro cut out, the audio 40 s shorter: the outline time 200 would come after turn 5, heard
  // at 170, and push it out; moved to 160 it comes between the turns heard around it.
  tl.set_alignment({std::nullopt, std::nullopt, T{60, 70, 0.1}, T{70, 80, 0.1}, std::nullopt, T{170, 180, 0.1}});
  CHECK(tl.turns()[5].source == TimeSource::aligned);
  CHECK(tl.turns()[5].start == Approx(170.0));
  CHECK(tl.turns()[4].start == Approx(160.0));
  CHECK(tl.chapters()[2].start == Approx(160.0));
  // A 50 s ad inside chapter Two after its first words: Two did not move, but Three's outline
  // time, moved as Two did, falls inside turn 3 as heard. The chapter starts where its first turn
  // is estimated, between the turns heard around it.
  tl.set_alignment({T{0, 10, 0.1}, std::nullopt, T{100, 110, 0.1}, T{160, 210, 0.1}, std::nullopt, T{220, 230, 0.1}});
  CHECK(tl.turns()[4].source == TimeSource::estimated);
  CHECK(tl.turns()[4].start >= 210.0);
  CHECK(tl.turns()[4].start < 220.0);
  CHECK(tl.chapters()[2].start == Approx(tl.turns()[4].start));
  CHECK(tl.at(tl.turns()[4].start + 0.01).chapter == 2u);
  // Without an alignment the outline's times are the chapters' starts, as before.
  tl.set_alignment(std::vector<std::optional<sync::AlignedTime>>{});
  CHECK(tl.chapters()[2].start == 200.0);
  CHECK(tl.turns()[4].start == 200.0);
}

TEST_CASE("spoken units: Han, kana, Hangul, Latin words, numbers, punctuation free", "[timeline][units]") {
  CHECK(sync::spoken_units("你好，世界。") == Approx(4));
  CHECK(sync::spoken_units("こんにちは") == Approx(5));
  CHECK(sync::spoken_units("안녕하세요") == Approx(5));
  CHECK(sync::spoken_units("Hello, world!") == Approx(3.0));
  CHECK(sync::spoken_units("GPT 在 2020 年") == Approx(1.5 + 1 + 2 + 1));
  CHECK(sync::spoken_units("……！？ ，。") == Approx(0));
  CHECK(sync::spoken_units("") == 0);
}

TEST_CASE("estimates: a turn's share of its chapter follows its units", "[timeline]") {
  auto ep = two_chapters();
  sync::Timeline tl(ep, 200.0, plain_model());
  const auto& t = tl.turns();
  REQUIRE(t.size() == 5);
  CHECK(t[0].start == 0);
  CHECK(t[0].source == TimeSource::chapter);
  CHECK(t[1].start == Approx(25));  // 10 of 40 units
  CHECK(t[2].start == Approx(75));  // 30 of 40 units
  CHECK(t[1].source == TimeSource::estimated);
  CHECK(t[3].start == 100);
  CHECK(t[3].source == TimeSource::chapter);
  CHECK(t[4].start == Approx(125));  // 5 of 20 units of [100, 200)
  CHECK(t[2].end == 100);
  CHECK(t[4].end == 200);
  CHECK(t[0].uncertainty == 0);
  // Brownian bridge: sigma at 25 s into a 100 s span is k * sqrt(25 * 75 / 100).
  CHECK(t[1].uncertainty == Approx(sync::kDriftPerSqrtSecond * std::sqrt(25.0 * 75.0 / 100.0)));
  CHECK_FALSE(tl.duration_estimated());
}

TEST_CASE("estimates: pauses at a change of speaker and per-speaker rates", "[timeline]") {
  sync::Episode ep;
  ep.chapters = {{0, {}, "C", {}, {}, 0}};
  ep.blocks = {header(0), turn("A", "一二三四五六七八九十"), turn("B", "一二三四五六七八九十"), turn("B", "一二三四五六七八九十")};
  sync::SpeechModel m = plain_model();
  m.speaker_change_pause = 5;
  m.same_speaker_pause = 1;
  m.rates["B"] = 2.0;  // B says its 10 units in 5 s
  sync::Timeline tl(ep, 21.0, m);
  // A: 10 s, pause 5, B: 5 s, pause 1, B: 5 s = 26 s of model time over 21 s of audio.
  CHECK(tl.turns()[1].start == Approx(15.0 * 21 / 26));
  CHECK(tl.turns()[2].start == Approx(21.0 * 21 / 26));
}

TEST_CASE("estimates: a turn after an aligned one starts no earlier than its heard end", "[timeline][alignment]") {
  auto ep = two_chapters();
  sync::Timeline tl(ep, 200.0, plain_model());
  // Turn 0 (10 units) was heard from 0 to 60 s, turn 2 from 90 s; turn 1 (20 units) is between.
  // Its text alone says 10 of 30 units into [0, 90): 30 s, inside what turn 0 was heard saying.
  tl.set_alignment({sync::AlignedTime{0.0, 60.0, 0.1}, std::nullopt, sync::AlignedTime{90.0, 99.0, 0.1}, std::nullopt, std::nullopt});
  CHECK(tl.turns()[1].source == TimeSource::estimated);
  CHECK(tl.turns()[1].start == Approx(60.0));
  CHECK(tl.turns()[0].end == Approx(60.0));
  CHECK(tl.turn_at(59.0) == 0u);
  // An end placed early (a tail lost under music) does not pull the next turn before the text's time.
  tl.set_alignment({sync::AlignedTime{0.0, 5.0, 0.1}, std::nullopt, sync::AlignedTime{90.0, 99.0, 0.1}, std::nullopt, std::nullopt});
  CHECK(tl.turns()[1].start == Approx(30.0));
}

TEST_CASE("estimates: a turn spread between two placements is no surer than they are", "[timeline][alignment]") {
  auto ep = three_chapters();
  sync::Timeline tl(ep, 400.0, plain_model());
  using T = sync::AlignedTime;
  // Turn 3 between turn 2 (heard to 110 s) and turn 4 (112 s): over 2 s the text's clock hardly
  // drifts, but the two placements are each about a second unsure (backchannels in reverb).
  tl.set_alignment({T{0, 10, 0.1}, T{10, 20, 0.1}, T{100, 110, 0.1}, std::nullopt, T{112, 120, 0.1}, T{200, 210, 0.1}});
  CHECK(tl.turns()[3].source == TimeSource::estimated);
  CHECK(tl.turns()[3].uncertainty < 1.0);
  tl.set_alignment({T{0, 10, 0.1}, T{10, 20, 0.1}, T{100, 110, 1.2}, std::nullopt, T{112, 120, 1.0}, T{200, 210, 0.1}});
  CHECK(tl.turns()[3].uncertainty >= 1.0);
  CHECK(tl.turns()[3].uncertainty <= 1.2);
}

TEST_CASE("estimates: no turn is placed in an untranscribed stretch, nor runs on into one, and one beside it may be on either side", "[timeline][alignment]") {
  auto ep = two_chapters();
  sync::Timeline tl(ep, 200.0, plain_model());
  // Turn 0 heard over [0, 10), turn 2 from 90 s; turn 1 (20 units) between. By its text it starts
  // 10 of 30 units into [0, 90): 30 s. An ad over [20, 70) leaves 40 s of speech time there.
  const std::vector<std::optional<sync::AlignedTime>> heard{sync::AlignedTime{0.0, 10.0, 0.1}, std::nullopt,
                                                            sync::AlignedTime{90.0, 99.0, 0.1}, std::nullopt, std::nullopt};
  tl.set_alignment(heard, {}, {{20.0, 70.0}});
  CHECK(tl.turns()[1].source == TimeSource::estimated);
  CHECK(tl.turns()[1].start == Approx(40.0 / 3));  // 10 of 30 units into the 40 s of speech time
  CHECK(tl.turns()[1].end == Approx(20.0));        // where the ad starts
  // While the ad plays, no turn is read, nor a sentence; the stretch is what is playing.
  CHECK(tl.turn_at(19.9) == 1u);
  CHECK_FALSE(tl.turn_at(30.0));
  CHECK_FALSE(tl.sentence_at(30.0));
  REQUIRE(tl.untranscribed_at(30.0));
  CHECK(tl.untranscribed_at(30.0)->start == 20.0);
  CHECK(tl.turn_started_by(30.0) == 1u);  // the turn before the ad, which a view shows
  CHECK_FALSE(tl.untranscribed_at(70.0));
  CHECK(tl.turn_at(90.0) == 2u);
  // A stretch that the spread passes: the turn comes after it.
  tl.set_alignment(heard, {}, {{12.0, 40.0}});
  CHECK(tl.turns()[1].start == Approx(40.0 + (62.0 / 3 - 12.0)));
  CHECK(tl.turns()[1].end == Approx(90.0));
  // Either side of a stretch it may as well have been said on the other: the uncertainty says so.
  tl.set_alignment(heard, {}, {{14.0, 60.0}});
  CHECK(tl.turns()[1].start == Approx(60.0 + (44.0 / 3 - 14.0)));
  CHECK(tl.turns()[1].uncertainty == Approx(46.0));
  // Without stretches, as before.
  tl.set_alignment(heard);
  CHECK(tl.turns()[1].start == Approx(30.0));
  CHECK(tl.turns()[1].uncertainty < 5.0);
}

TEST_CASE("chapters: the first, and its first turn, hold the silence before its first words, not a pre-roll", "[timeline][alignment]") {
  auto ep = two_chapters();
  sync::Timeline tl(ep, 200.0, plain_model());
  auto heard_from = [](double t) {
    return std::vector<std::optional<sync::AlignedTime>>{sync::AlignedTime{t, t + 9.0, 0.1}, std::nullopt, std::nullopt,
                                                         std::nullopt, std::nullopt};
  };
  tl.set_alignment(heard_from(0.01));  // the first words 10 ms in: at 0:00 the first chapter is playing
  CHECK(tl.chapters()[0].start == 0.0);
  CHECK(tl.at(0.0).chapter == 0u);
  // ...and its first turn is the one shown (the one a listener opening the episode reads), though
  // it still starts where its words do.
  CHECK(tl.at(0.0).turn == 0u);
  CHECK(tl.at(0.0).sentence == 0u);
  CHECK(tl.start_of(0) == Approx(0.01));
  tl.set_alignment(heard_from(20.5), {}, {{0.2, 20.3}});  // after a pre-roll the chapter starts with its words
  CHECK(tl.chapters()[0].start == Approx(20.5));
  CHECK_FALSE(tl.at(10.0).chapter);
  CHECK_FALSE(tl.at(10.0).turn);  // nor is a turn current during the pre-roll
}

TEST_CASE("lookups: at() at every boundary", "[timeline]") {
  auto ep = two_chapters();
  ep.chapters[0].start = 10;  // a gap before the first chapter
  sync::Timeline tl(ep, 200.0, plain_model());
  auto at = [&](double t) { return tl.at(t); };
  CHECK_FALSE(at(-1).chapter);
  CHECK_FALSE(at(-1).turn);
  CHECK_FALSE(at(9.999).turn);
  CHECK(at(10).turn == 0u);
  CHECK(at(10).chapter == 0u);
  CHECK(at(10).progress == 0);
  double b1 = tl.start_of(1);
  CHECK(at(std::nextafter(b1, 0.0)).turn == 0u);
  CHECK(at(b1).turn == 1u);
  CHECK(at(99.999).chapter == 0u);
  CHECK(at(100).chapter == 1u);
  CHECK(at(100).turn == 3u);
  CHECK(at(199.999).turn == 4u);
  CHECK(at(199.999).progress == Approx(1.0).margin(0.001));
  CHECK_FALSE(at(200).turn);
  CHECK_FALSE(at(200).chapter);
  CHECK_FALSE(at(1e9).turn);
  CHECK(at(112.5).progress == Approx(0.5));  // turn 3 runs [100, 125)
  CHECK(tl.chapter_of(2) == 0u);
  CHECK(tl.next_turn(4) == std::nullopt);
  CHECK(tl.next_turn(3) == 4u);
  CHECK(tl.previous_turn(0) == std::nullopt);
  CHECK(tl.next_chapter(0) == 1u);
  CHECK(tl.previous_chapter(0) == std::nullopt);
  CHECK(tl.chapters()[0].first_turn == 0u);
  CHECK(tl.chapters()[1].first_turn == 3u);
}

TEST_CASE("source times are kept, a gap after a cue's end", "[timeline]") {
  auto r = test::parse("1\n00:00:01,000 --> 00:00:02,000\nA: x\n\n2\n00:00:05,000 --> 00:00:06,000\nB: y\n", "a.srt");
  sync::Timeline tl(r.episode, 10.0);
  CHECK(tl.turns()[0].source == TimeSource::source);
  CHECK(tl.turns()[1].start == 5);
  CHECK(tl.turns()[0].end == 2);
  auto gap = tl.at(3.0);
  CHECK(gap.turn == 0u);  // the turn owns [start, next start)
  CHECK(gap.progress == 1.0);
  CHECK_FALSE(gap.chapter);  // no chapters in an SRT file
  CHECK_FALSE(tl.at(0.5).turn);
}

TEST_CASE("no duration: the end is estimated from the text", "[timeline]") {
  auto ep = two_chapters();
  sync::Timeline tl(ep, std::nullopt, plain_model());
  CHECK(tl.duration_estimated());
  CHECK(tl.duration() == Approx(100 + 20));  // the last chapter's 20 units at 1 unit/s
  CHECK(std::any_of(tl.notes().begin(), tl.notes().end(), [](auto& n) { return n.find("estimated") != std::string::npos; }));
}

TEST_CASE("the bundled episode's timeline", "[timeline][bundled]") {
  auto r = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md");
  const auto& ep = r.episode;
  sync::Timeline tl(ep, 12480.0);
  const auto& turns = tl.turns();
  REQUIRE(turns.size() == 1151);
  REQUIRE(tl.chapters().size() == 31);
  for (std::size_t c = 0; c < 31; ++c) CHECK(tl.chapters()[c].start == ep.chapters[c].start);
  for (std::size_t k = 1; k < turns.size(); ++k) CHECK(turns[k].start > turns[k - 1].start);
  for (std::size_t k = 0; k < turns.size(); ++k) {
    REQUIRE(turns[k].chapter);
    const auto& c = tl.chapters()[*turns[k].chapter];
    CHECK(turns[k].start >= c.start);
    CHECK(turns[k].start < c.end);
  }
  // Every headed chapter's first turn is at the chapter's start.
  std::size_t turn = 0;
  for (std::size_t i = 0; i < ep.blocks.size(); ++i) {
    if (ep.blocks[i].kind == BlockKind::chapter_header) {
      CHECK(turns[turn].start == ep.chapters[ep.blocks[i].chapter].start);
      CHECK(turns[turn].source == TimeSource::chapter);
    }
    turn += ep.blocks[i].kind == BlockKind::turn;
  }
  // 3:17:12 has no heading; it is placed on Lex's question that opens its topic.
  auto placed = tl.chapters()[29].first_turn;
  REQUIRE(placed);
  CHECK(ep.blocks[turns[*placed].block].text.starts_with("所以，除了你现在正在做的教学"));
  CHECK(turns[*placed].start == Approx(3 * 3600 + 17 * 60 + 12));
  CHECK(std::any_of(tl.notes().begin(), tl.notes().end(), [](auto& n) { return n.find("placed at turn") != std::string::npos; }));
  // Uncertainty: largest mid-chapter, bounded by the bridge's peak.
  double worst = 0;
  for (const auto& t : turns) worst = std::max(worst, t.uncertainty);
  CHECK(worst > 1.0);
  CHECK(worst < sync::kDriftPerSqrtSecond * std::sqrt(1000.0));
}
