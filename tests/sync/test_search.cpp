// Search: case-, accent- and width-insensitive, over turns, chapter titles and summaries.
#include <catch2/catch.hpp>

#include "parse.h"
#include "sync/search.h"

using namespace tingdu;
using Where = sync::SearchHit::Where;

TEST_CASE("search: folding case, accents and width", "[search]") {
  auto r = test::parse("**A:** The Transformer runs on a GPU.\n\n**B:** 我们去了 café。\n\n**A:** 神经网络\n", "s.md");
  sync::EpisodeSearch s(r.episode);
  auto hits = s.find("TRANSFORMER");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].where == Where::turn);
  CHECK(hits[0].index == 0);
  CHECK(hits[0].excerpt.find("Transformer") != std::string::npos);
  CHECK(s.find("ｇｐｕ").size() == 1);  // full-width
  CHECK(s.find("cafe").size() == 1);    // accent
  CHECK(s.find("神经").at(0).index == 2);
  CHECK(s.find("").empty());
  CHECK(s.find("   ").empty());
  CHECK(s.find("nothing like this").empty());
}

TEST_CASE("search: the bundled episode's chapters and turns", "[search][bundled]") {
  auto r = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md");
  sync::EpisodeSearch s(r.episode);
  auto hits = s.find("optimus");
  REQUIRE(hits.size() > 5);
  // Chapters (titles and summaries) come before turns.
  auto first_turn = std::find_if(hits.begin(), hits.end(), [](auto& h) { return h.where == Where::turn; });
  CHECK(std::none_of(first_turn, hits.end(), [](auto& h) { return h.where != Where::turn; }));
  CHECK(std::any_of(hits.begin(), first_turn, [&](auto& h) {
    return h.where == Where::chapter_title && r.episode.chapters[h.index].title == "特斯拉的 Optimus";
  }));
  CHECK(s.find("软件 2.0", 3).size() == 3);
}
