// Search by pinyin: Latin letters find Han text by its reading, tones and spaces ignored, from a
// syllable's start, the last syllable possibly cut short; exact hits rank first.
#include <catch2/catch.hpp>

#include <set>

#include "parse.h"
#include "sync/search.h"

using namespace tingdu;
using Match = sync::SearchHit::Match;
using Where = sync::SearchHit::Where;

namespace {
const char* kText =
    "**A:** 我开过特斯拉，很喜欢。\n\n"
    "**B:** 神经网络，也就是 neural network。\n\n"
    "**A:** 特斯，不是特斯拉。\n\n"
    "**B:** The tesila of it.\n";

std::string matched(const sync::SearchHit& h) { return h.excerpt.substr(h.match_begin, h.match_length); }

// The turns found by pinyin alone.
std::vector<std::size_t> pinyin_turns(const std::vector<sync::SearchHit>& hits) {
  std::vector<std::size_t> out;
  for (const auto& h : hits)
    if (h.match == Match::pinyin) out.push_back(h.index);
  return out;
}
}  // namespace

TEST_CASE("search pinyin: letters find Han text, case and spaces ignored", "[search][pinyin]") {
  auto r = test::parse(kText, "p.md");
  sync::EpisodeSearch s(r.episode);
  for (const char* q : {"tesila", "te si la", "TeSiLa", "ｔｅｓｉｌａ", "tèsīlā"}) {
    INFO(q);
    auto hits = s.find(q);
    REQUIRE(pinyin_turns(hits) == std::vector<std::size_t>{0, 2});
    const auto& first = hits[hits.size() - 2];
    CHECK(matched(first) == "特斯拉");
    CHECK(first.excerpt == "我开过特斯拉，很喜欢。");
    CHECK(matched(hits.back()) == "特斯拉");  // the first 特斯 of turn 2 is not followed by la
  }
  // Exact hits rank before pinyin ones, though turn 3 comes after turns 0 and 2.
  auto hits = s.find("TeSiLa");
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].index == 3);
  CHECK(hits[0].match == Match::exact);
  CHECK(matched(hits[0]) == "tesila");
  auto nn = s.find("shenjing wangluo");
  REQUIRE(nn.size() == 1);
  CHECK(nn[0].index == 1);
  CHECK(matched(nn[0]) == "神经网络");
  CHECK(nn[0].where == Where::turn);
}

TEST_CASE("search pinyin: a match starts at a syllable, the last one may be a prefix", "[search][pinyin]") {
  auto r = test::parse(kText, "p.md");
  sync::EpisodeSearch s(r.episode);
  CHECK(pinyin_turns(s.find("esi")).empty());  // starts inside "te"
  CHECK(pinyin_turns(s.find("ela")).empty());
  auto tesi = s.find("tesi");                  // incremental typing
  CHECK(pinyin_turns(tesi) == std::vector<std::size_t>{0, 2});
  CHECK(matched(tesi.back()) == "特斯");         // the first 特斯 of turn 2
  CHECK(matched(s.find("tes").back()) == "特斯");  // "s" may begin "si"
  CHECK(matched(s.find("wangl").at(0)) == "网络");
  // A run of Han characters ends at punctuation: "la hen" would cross "，".
  CHECK(pinyin_turns(s.find("lahen")).empty());
  CHECK(pinyin_turns(s.find("sila hen")).empty());
}

TEST_CASE("search pinyin: only for queries of Latin letters", "[search][pinyin]") {
  auto r = test::parse(kText, "p.md");
  sync::EpisodeSearch s(r.episode);
  CHECK(s.find("特斯拉").size() == 2);  // exact only, both turns 0 and 2
  for (const auto& h : s.find("特斯拉")) CHECK(h.match == Match::exact);
  CHECK(s.find("tesila!").empty());    // punctuation: no pinyin (and no exact hit)
  CHECK(s.find("te1si").empty());
  CHECK(s.find("").empty());
  CHECK(s.find("   ").empty());
}

TEST_CASE("search pinyin: the limit counts exact and pinyin hits together", "[search][pinyin]") {
  auto r = test::parse(kText, "p.md");
  sync::EpisodeSearch s(r.episode);
  auto hits = s.find("tesila", 2);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].match == Match::exact);
  CHECK(hits[1].match == Match::pinyin);
}

TEST_CASE("search pinyin: exact hits record where the match is", "[search][pinyin]") {
  auto r = test::parse(kText, "p.md");
  sync::EpisodeSearch s(r.episode);
  auto hits = s.find("NEURAL");
  REQUIRE(hits.size() == 1);
  CHECK(matched(hits[0]) == "neural");
  CHECK(hits[0].excerpt == "神经网络，也就是 neural network。");
}

TEST_CASE("search pinyin: tesila finds every text with 特斯拉 in the bundled episode", "[search][pinyin][bundled]") {
  auto r = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md");
  sync::EpisodeSearch s(r.episode);
  auto key = [](const sync::SearchHit& h) { return std::pair(int(h.where), h.index); };
  std::set<std::pair<int, std::size_t>> exact, pinyin;
  for (const auto& h : s.find("特斯拉")) exact.insert(key(h));
  auto hits = s.find("tesila");
  for (const auto& h : hits) {
    pinyin.insert(key(h));
    CHECK(h.match == Match::pinyin);
    CHECK(matched(h) == "特斯拉");
  }
  CHECK(exact.size() > 30);
  CHECK(pinyin == exact);
  // Chapters first, as for exact hits.
  CHECK(hits.front().where != Where::turn);
  CHECK(std::any_of(hits.begin(), hits.end(), [&](auto& h) {
    return h.where == Where::chapter_title && r.episode.chapters[h.index].title == "特斯拉的数据引擎";
  }));
}

TEST_CASE("search pinyin: the excerpt shows the Han text matched, cut with …", "[search][pinyin]") {
  std::string filler;
  for (int i = 0; i < 20; ++i) filler += "好";
  auto r = test::parse("**A:** " + filler + "特斯拉" + filler + "\n", "p.md");
  sync::EpisodeSearch s(r.episode);
  auto hits = s.find("tesila");
  REQUIRE(hits.size() == 1);
  std::string context;
  for (int i = 0; i < 16; ++i) context += "好";
  CHECK(hits[0].excerpt == "…" + context + "特斯拉" + context + "…");
  CHECK(matched(hits[0]) == "特斯拉");
}
