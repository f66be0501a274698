// Sentences: ICU's splitting, their times inside a turn (by units, from the alignment, pinned by
// the listener), the lookup, the sidecar, and the subtitle cues cut from them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sync/anchor_file.h"
#include "sync/reader.h"
#include "sync/sentences.h"
#include "sync/subtitles.h"
#include "plain_model.h"
#include "sync/timeline.h"
#include "sync/writer.h"

using namespace tingdu;
using tingdu::test::plain_model;
using sync::BlockKind;
using sync::TimeSource;

namespace {

std::vector<std::string> pieces(std::string_view text) {
  std::vector<std::string> out;
  for (auto s : sync::split_sentences(text)) out.emplace_back(s.of(text));
  return out;
}

// One chapter [0, 100): turn 0 is three sentences of 10, 20 and 10 units, turn 1 one of 10.
sync::Episode three_sentences() {
  sync::Episode ep;
  ep.chapters = {{0, {}, "C", {}, {}, 0}};
  ep.blocks = {{BlockKind::chapter_header, 0, {}, {}, {}, {}, 0},
               {BlockKind::turn, 0, "A", "一二三四五六七八九十。一二三四五六七八九十一二三四五六七八九十？\n一二三四五六七八九十！", {}, {}, 0},
               {BlockKind::turn, 0, "B", "一二三四五六七八九十", {}, {}, 0}};
  return ep;
}

}  // namespace

TEST_CASE("sentences: ICU splits Chinese and English, keeps abbreviations", "[sentences]") {
  CHECK(pieces("他说。是吗？对！") == std::vector<std::string>{"他说。", "是吗？", "对！"});
  CHECK(pieces("  Mr. Smith left. Did he? Yes.  ") == std::vector<std::string>{"Mr. Smith left.", "Did he?", "Yes."});
  CHECK(pieces("没有句号的一句话") == std::vector<std::string>{"没有句号的一句话"});
  CHECK(pieces("第一行。\n第二行") == std::vector<std::string>{"第一行。", "第二行"});
  CHECK(pieces("") .empty());
  CHECK(pieces(" \n ").empty());
  // "……" and closing quotes stay with their sentence.
  CHECK(pieces("“走吧。”他说……好。") == std::vector<std::string>{"“走吧。”", "他说……好。"});
}

TEST_CASE("sentences: clause breaks after commas, not inside words", "[sentences]") {
  std::string zh = "我们先训练，然后评估；最后发布。";
  auto b = sync::clause_breaks(zh, {0, std::uint32_t(zh.size())});
  REQUIRE(b.size() == 2);
  CHECK(zh.substr(0, b[0]) == "我们先训练，");
  CHECK(zh.substr(b[0], b[1] - b[0]) == "然后评估；");
  std::string en = "First we train, then we test.";
  auto e = sync::clause_breaks(en, {0, std::uint32_t(en.size())});
  REQUIRE(e.size() == 1);
  CHECK(en.substr(e[0]) == "then we test.");
  CHECK(sync::clause_breaks("3,000 people", {0, 12}).empty());
}

TEST_CASE("sentence times: by units inside the turn, and at() finds them", "[sentences][timeline]") {
  auto ep = three_sentences();
  sync::Timeline tl(ep, 50.0, plain_model());
  // Turn 0: 40 units of 50 => [0, 40); its sentences 10, 20, 10 units.
  REQUIRE(tl.sentences().size() == 4);
  auto [from, to] = tl.sentences_of(0);
  CHECK(from == 0);
  CHECK(to == 3);
  CHECK(tl.sentences()[1].start == Approx(10));
  CHECK(tl.sentences()[1].end == Approx(30));
  CHECK(tl.sentences()[2].start == Approx(30));
  CHECK(tl.sentences()[2].index == 2);
  CHECK(tl.sentences()[3].turn == 1);
  CHECK(tl.sentences()[3].index == 0);
  CHECK(tl.sentences()[1].source == TimeSource::estimated);
  CHECK(tl.sentences()[1].uncertainty > 0);
  CHECK(tl.at(9.99).sentence == 0u);
  CHECK(tl.at(10).sentence == 1u);
  CHECK(tl.at(35).sentence == 2u);
  CHECK(tl.at(40).sentence == 3u);
  CHECK_FALSE(tl.at(50).sentence);
  CHECK_FALSE(tl.at(-1).sentence);
  CHECK(tl.sentences()[2].text.of(ep.blocks[1].text) == "一二三四五六七八九十！");
}

TEST_CASE("sentence times: from the alignment, the turn's start for the first", "[sentences][timeline]") {
  auto ep = three_sentences();
  sync::Timeline tl(ep, 50.0, plain_model());
  std::vector<std::optional<sync::AlignedTime>> turns{sync::AlignedTime{1.0, 38.0, 0.1}, sync::AlignedTime{41.0, 49.0, 0.1}};
  std::vector<std::vector<sync::AlignedTime>> sentences{
      {{1.0, 9.0, 0.1}, {12.0, 30.0, 0.2}, {31.5, 38.0, 0.3, true}}, {}};
  tl.set_alignment(turns, sentences);
  CHECK(tl.sentences()[0].start == Approx(1.0));
  CHECK(tl.sentences()[1].start == Approx(12.0));
  CHECK(tl.sentences()[1].source == TimeSource::aligned);
  CHECK(tl.sentences()[1].end == Approx(30.0));
  CHECK(tl.sentences()[2].source == TimeSource::estimated);  // the pauses could not tell
  CHECK(tl.at(11).sentence == 0u);                             // in the pause before sentence 1
  CHECK(tl.sentences()[3].start == Approx(41.0));
}

TEST_CASE("sentence times: a turn the aligner placed unsure of takes its sentences from the audio where the placement agrees", "[sentences][timeline]") {
  auto ep = three_sentences();
  sync::Timeline tl(ep, 50.0, plain_model());
  // No turn is sure; the estimate has turn 0 over [0, 40) and its sentences at 0, 10 and 30 s.
  const std::vector<std::optional<sync::AlignedTime>> unsure{std::nullopt, std::nullopt};
  tl.set_alignment(unsure, {{{0.2, 8.0, 3.0}, {12.0, 30.0, 0.2}, {31.0, 39.8, 0.3}}, {}});
  CHECK(tl.sentences()[0].start == Approx(0.0));
  CHECK(tl.sentences()[1].start == Approx(12.0));  // on the pause heard, not its share of the text
  CHECK(tl.sentences()[2].start == Approx(31.0));
  CHECK(tl.sentences()[1].source == TimeSource::estimated);  // the turn itself is not sure
  // A placement that disagrees with the timeline about where the turn is says nothing of its sentences.
  tl.set_alignment(unsure, {{{5.0, 8.0, 3.0}, {12.0, 30.0, 0.2}, {31.0, 44.0, 0.3}}, {}});
  CHECK(tl.sentences()[1].start == Approx(10.0));
  CHECK(tl.sentences()[2].start == Approx(30.0));
}

TEST_CASE("sentence times: aligned sentences stay inside their turn when the next turn starts earlier", "[sentences][timeline]") {
  auto ep = three_sentences();
  sync::Timeline tl(ep, 50.0, plain_model());
  // The aligner ran turn 0 to 44 s; the listener pinned turn 1 at 35 s (a chapter's outline
  // time does the same to an unaligned next turn): turn 0 ends there, and so do its sentences.
  std::vector<std::optional<sync::AlignedTime>> turns{sync::AlignedTime{1.0, 44.0, 0.1}, std::nullopt};
  std::vector<std::vector<sync::AlignedTime>> sentences{{{1.0, 9.0, 0.1}, {12.0, 36.0, 0.2}, {37.0, 44.0, 0.3}}, {}};
  tl.set_alignment(turns, sentences);
  REQUIRE(tl.anchor(1, 35.0).ok);
  REQUIRE(tl.turns()[0].end <= 35.0);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("sentence " << i);
    CHECK(tl.sentences()[i].start <= tl.sentences()[i].end);
    CHECK(tl.sentences()[i].end <= tl.turns()[0].end);
  }
  CHECK(tl.sentences()[1].start == Approx(12.0));
  CHECK(tl.sentences()[3].start == Approx(35.0));
}

TEST_CASE("sentence anchors: move only their turn's sentences, undo, refusals", "[sentences][anchors]") {
  auto ep = three_sentences();
  sync::Timeline tl(ep, 50.0, plain_model());
  CHECK_FALSE(tl.anchor_sentence(0, 0, 5).ok);   // the turn's own start
  CHECK_FALSE(tl.anchor_sentence(0, 1, 45).ok);  // past its turn
  CHECK_FALSE(tl.anchor_sentence(0, 9, 5).ok);   // no such sentence
  REQUIRE(tl.anchor_sentence(0, 2, 20).ok);
  CHECK(tl.sentences()[2].start == Approx(20));
  CHECK(tl.sentences()[2].source == TimeSource::anchored);
  CHECK(tl.sentences()[2].uncertainty == 0);
  // Sentence 1 now spreads over [10/30 of 20 ...]: sentences 0 and 1 share [0, 20) by units.
  CHECK(tl.sentences()[1].start == Approx(20.0 / 3));
  CHECK(tl.sentences()[3].start == Approx(40));  // the next turn did not move
  auto refused = tl.anchor_sentence(0, 1, 25);    // after sentence 2's pin
  CHECK_FALSE(refused.ok);
  CHECK(refused.reason.find("out of order") != std::string::npos);
  REQUIRE(tl.undo());
  CHECK(tl.sentence_anchors().empty());
  CHECK(tl.sentences()[2].start == Approx(30));
  REQUIRE(tl.redo());
  REQUIRE(tl.remove_sentence_anchor(0, 2).ok);
  CHECK_FALSE(tl.remove_sentence_anchor(0, 2).ok);
}

TEST_CASE("sentence anchors: saved in the sidecar and loaded back", "[sentences][anchors][sidecar]") {
  auto dir = std::filesystem::temp_directory_path() / ("tingdu-sentences-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto ep = three_sentences();
  sync::Timeline tl(ep, 50.0, plain_model());
  REQUIRE(tl.anchor(1, 42).ok);
  REQUIRE(tl.anchor_sentence(0, 1, 8).ok);
  REQUIRE(sync::save_anchors(dir / "a.json", tl, 2, "ep.md").empty());
  auto load = sync::load_anchors(dir / "a.json", 2);
  CHECK(load.problems.empty());
  REQUIRE(load.sentence_anchors.size() == 1);
  sync::Timeline again(ep, 50.0, plain_model());
  CHECK(sync::apply_anchors(load, again).empty());
  CHECK(again.sentences()[1].start == Approx(8));
  CHECK(again.turns()[1].start == Approx(42));
  // A bad entry is skipped with a message naming the file.
  std::ofstream(dir / "b.json") << R"({"version": 1, "anchors": [], "sentence_anchors": [{"turn": 7, "sentence": 1, "time": 3}]})";
  auto bad = sync::load_anchors(dir / "b.json", 2);
  CHECK(bad.sentence_anchors.empty());
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].find("b.json: skipped a sentence anchor") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("subtitle cues: a cue per sentence, long ones cut at clauses within the limits", "[sentences][export]") {
  sync::Episode ep;
  ep.chapters = {{0, {}, "C", {}, {}, 0}};
  std::string long_sentence = "我们先把数据收集起来并且仔细清洗，然后用很大的模型在很多机器上训练很长的时间，"
                              "最后再请很多人来评估它到底好不好用。";
  ep.blocks = {{BlockKind::chapter_header, 0, {}, {}, {}, {}, 0},
               {BlockKind::turn, 0, "Lex", "你好。" + long_sentence, {}, {}, 0},
               {BlockKind::turn, 0, "Andrej", "Short one. And a second sentence, in English, with commas.", {}, {}, 0}};
  sync::Timeline tl(ep, 60.0);
  auto cues = sync::sentence_cues(ep, tl);
  REQUIRE(cues.size() >= 5);
  CHECK(cues[0].text == "你好。");
  CHECK(cues[0].speaker == "Lex");
  CHECK(cues[1].speaker.empty());
  std::string joined;
  for (const auto& c : cues) {
    CHECK(c.end > c.start);
    CHECK(c.end - c.start <= 7.0 + 1e-9);
    auto nl = c.text.find('\n');
    CHECK(c.text.find('\n', nl == std::string::npos ? nl : nl + 1) == std::string::npos);  // at most 2 lines
    if (c.turn == 0) joined += c.text;
  }
  for (std::size_t i = 1; i < cues.size(); ++i) CHECK(cues[i].start >= cues[i - 1].end);
  // Nothing lost or reordered: the cues of turn 0 read as its text (less line breaks).
  std::string flat;
  for (char ch : joined)
    if (ch != '\n') flat += ch;
  CHECK(flat == "你好。" + long_sentence);
  auto first_andrej = std::find_if(cues.begin(), cues.end(), [](const auto& c) { return c.turn == 1; });
  REQUIRE(first_andrej != cues.end());
  CHECK(first_andrej->speaker == "Andrej");
  CHECK(first_andrej->text == "Short one.");
  // Written as SRT, the speaker leads only a turn's first cue, and the file reads back.
  auto srt = sync::write_transcript(sync::cue_episode(ep, cues), sync::Format::srt);
  REQUIRE(srt.ok());
  CHECK(srt.text.find("Lex: 你好。") != std::string::npos);
  CHECK(srt.text.find("Andrej: Short one.") != std::string::npos);
  auto back = sync::parse_transcript(srt.text, "cues.srt");
  CHECK(back.ok());
  CHECK(back.episode.turn_count() == cues.size());
}
