// The bundled episode, read from assets/: every quirk that shared/design/NOTES.md lists.
#include <catch2/catch.hpp>

#include "parse.h"
#include "sync/time_format.h"

using namespace tingdu;
using sync::Severity;

namespace {
const sync::ReadResult& bundled() {
  static const sync::ReadResult r = sync::read_transcript_file(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md");
  return r;
}
}  // namespace

TEST_CASE("bundled episode: metadata", "[bundled]") {
  const auto& r = bundled();
  REQUIRE(r.ok());
  CHECK(r.format == sync::Format::markdown);
  CHECK(r.episode.meta.title.starts_with("Andrej Karpathy 与 Lex Fridman"));
  CHECK(r.episode.meta.source_title.find("Lex Fridman Podcast #333") != std::string::npos);
  CHECK(r.episode.meta.link == "https://www.youtube.com/watch?v=cdiD-9MMpb0");
  CHECK(r.episode.meta.category == "访谈实录");
  CHECK(r.episode.meta.tags == std::vector<std::string>{"人工智能", "自动驾驶", "AGI", "神经网络"});
  CHECK(r.episode.meta.overview.size() > 10);
}

TEST_CASE("bundled episode: 31 chapters at the outline's times", "[bundled]") {
  const auto& ep = bundled().episode;
  REQUIRE(ep.chapters.size() == 31);
  CHECK(ep.chapters[0].start == 0);
  CHECK(ep.chapters[0].title == "介绍 & 赞助商");
  CHECK(ep.chapters[9].start == Approx(3944));  // 1:05:44
  CHECK(ep.chapters[9].title == "软件 2.0");
  CHECK(ep.chapters[29].title == "机器学习的未来");
  CHECK(ep.chapters[29].start == Approx(3 * 3600 + 17 * 60 + 12));
  CHECK(ep.chapters[30].start == Approx(3 * 3600 + 24 * 60));
  for (std::size_t i = 1; i < ep.chapters.size(); ++i) CHECK(ep.chapters[i].start > ep.chapters[i - 1].start);
}

TEST_CASE("bundled episode: subtopic trees and summaries", "[bundled]") {
  const auto& ep = bundled().episode;
  const auto& bio = ep.chapters[2];  // 6:01 生物学, with grandchildren
  REQUIRE(bio.subtopics.size() == 5);
  CHECK(bio.subtopics[0].depth == 0);
  CHECK(bio.subtopics[1].depth == 1);
  CHECK(bio.subtopics[1].text == "目标的差异：压缩 vs 生存");
  const auto& intro = ep.chapters[0];
  REQUIRE(intro.summary.size() == 6);
  CHECK(intro.summary[1].text == "赞助商：");
  CHECK(intro.summary[2].depth == 1);
  CHECK(intro.summary[2].text == "Eight Sleep");
  for (const auto& c : ep.chapters) {
    CHECK_FALSE(c.subtopics.empty());
    CHECK_FALSE(c.summary.empty());
  }
}

TEST_CASE("bundled episode: turns, speakers and the translator's note", "[bundled]") {
  const auto& r = bundled();
  auto t = test::turns(r.episode);
  CHECK(t.size() == 1151);
  CHECK(r.episode.speakers() == std::vector<std::string>{"Lex Fridman", "Andrej Karpathy"});
  REQUIRE(r.episode.blocks[0].kind == sync::BlockKind::note);
  CHECK(r.episode.blocks[0].text.starts_with("以下是根据提供的框架和要点"));
  CHECK(r.episode.blocks[1].kind == sync::BlockKind::chapter_header);
  CHECK(t[0]->speaker == "Lex Fridman");
  CHECK(t[0]->text.starts_with("大家好，欢迎来到 Lex Fridman 播客。"));
}

TEST_CASE("bundled episode: the 7 turns cut at part breaks are joined", "[bundled]") {
  const auto& r = bundled();
  CHECK(r.joined_turns == 7);
  bool softmax = false;
  for (auto* t : test::turns(r.episode)) {
    CHECK(t->text.find("  ...") == std::string::npos);
    CHECK_FALSE(t->text.starts_with("..."));
    if (t->text.find("层归一化、Softmax、注意力等等，它也是可优化的") != std::string::npos) softmax = true;
  }
  CHECK(softmax);
}

TEST_CASE("bundled episode: the unheaded chapter is a chapter with a warning", "[bundled]") {
  const auto& r = bundled();
  CHECK(test::has_diagnostic(r, Severity::warning, "3:17:12 机器学习的未来 has no heading"));
  std::size_t headers = 0;
  for (const auto& b : r.episode.blocks) headers += b.kind == sync::BlockKind::chapter_header;
  CHECK(headers == 30);
  CHECK(test::count(r, Severity::warning) == 1);
}
