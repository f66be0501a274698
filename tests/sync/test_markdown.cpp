// Markdown documents in the bundled episode's shape, with its variations.
#include <catch2/catch.hpp>

#include "parse.h"

using namespace tingdu;
using sync::BlockKind;
using sync::Severity;

namespace {
const std::string kDoc = R"(Episode title
- 原文标题：Original
- 链接：[Watch](https://example.com/v)

## **内容整理**

```
├── 0:00 Opening
│   └── hello
├── 1:30 Middle
│   ├── a
│   │   └── a1
│   └── b
└── 1:02:03 Late
    └── z
```

## 内容提要

**0:00 - Opening**

*   first
    *   nested

**1:30 - Middle**

*   second

## 视频脚本（中文翻译）
### P1

**0:00 - Opening**

**Alice:** Hi there.

**Bob:** Hello.

**1:30 - Middle**

**Alice:** Let us talk about the cut

### P2

**Alice:**  ...ting edge.

**1:02:03 - Late**

**Bob：** Full-width colon.

**Carol**: Colon outside.
)";
}  // namespace

TEST_CASE("markdown: outline, summary and transcript", "[markdown]") {
  auto r = test::parse(kDoc, "doc.md");
  REQUIRE(r.ok());
  const auto& ep = r.episode;
  CHECK(ep.meta.title == "Episode title");
  CHECK(ep.meta.source_title == "Original");
  CHECK(ep.meta.link == "https://example.com/v");
  REQUIRE(ep.chapters.size() == 3);
  CHECK(ep.chapters[2].start == Approx(3723));
  CHECK(ep.chapters[1].subtopics.size() == 3);
  CHECK(ep.chapters[1].subtopics[1].depth == 1);
  REQUIRE(ep.chapters[0].summary.size() == 2);
  CHECK(ep.chapters[0].summary[1].depth == 1);
  auto t = test::turns(ep);
  REQUIRE(t.size() == 5);
  CHECK(t[2]->text == "Let us talk about the cutting edge.");
  CHECK(r.joined_turns == 1);
  CHECK(t[3]->speaker == "Bob");
  CHECK(t[4]->speaker == "Carol");
  CHECK(t[4]->text == "Colon outside.");
  CHECK(ep.speakers() == std::vector<std::string>{"Alice", "Bob", "Carol"});
  CHECK(test::count(r, Severity::warning) == 0);
}

TEST_CASE("markdown: CRLF line ends read the same", "[markdown]") {
  std::string crlf;
  for (char c : kDoc) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto a = test::parse(kDoc, "doc.md");
  auto b = test::parse(crlf, "doc.md");
  REQUIRE(b.ok());
  auto ta = test::turns(a.episode), tb = test::turns(b.episode);
  REQUIRE(ta.size() == tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) CHECK(ta[i]->text == tb[i]->text);
  CHECK(b.episode.chapters.size() == 3);
  CHECK(b.episode.chapters[1].subtopics.size() == 3);
}

TEST_CASE("markdown: transcript only, chapters from its headings", "[markdown]") {
  auto r = test::parse("**0:00 - A**\n\n**X:** one\n\n**2:00 - B**\n\n**Y:** two\n", "t.md");
  REQUIRE(r.ok());
  REQUIRE(r.episode.chapters.size() == 2);
  CHECK(r.episode.chapters[1].title == "B");
  CHECK(r.episode.chapters[1].start == 120);
  CHECK(test::turns(r.episode).size() == 2);
}

TEST_CASE("markdown: summary without outline gives the chapters", "[markdown]") {
  auto r = test::parse("T\n\n## Summary\n\n**0:00 - A**\n* x\n\n**5:00 - B**\n* y\n\n## Transcript\n\n**Q:** hi\n", "t.md");
  REQUIRE(r.ok());
  REQUIRE(r.episode.chapters.size() == 2);
  CHECK(r.episode.chapters[1].summary.at(0).text == "y");
}

TEST_CASE("markdown: headings that disagree with the outline are warnings", "[markdown]") {
  std::string doc = R"(T
## 内容整理
```
├── 0:00 One
└── 2:00 Two
```
## 视频脚本
**2:00 - Second**

**A:** x

**0:00 - One**

**A:** y

**9:00 - Nowhere**

**A:** z
)";
  auto r = test::parse(doc, "t.md");
  REQUIRE(r.ok());
  CHECK(test::has_diagnostic(r, Severity::warning, "calls chapter 2:00 \"Second\"; the outline calls it \"Two\""));
  CHECK(test::has_diagnostic(r, Severity::warning, "is headed after chapter"));
  CHECK(test::has_diagnostic(r, Severity::warning, "9:00 Nowhere that the outline does not have"));
  CHECK(r.episode.chapters.size() == 2);
  // The stray heading is kept as a note: nothing is lost.
  CHECK(std::any_of(r.episode.blocks.begin(), r.episode.blocks.end(),
                    [](auto& b) { return b.kind == BlockKind::note && b.text == "9:00 Nowhere"; }));
}

TEST_CASE("markdown: unknown sections, unclosed fences and bad outline times", "[markdown]") {
  auto r = test::parse("T\n## Bloopers\n**A:** fun\n## 内容整理\n```\n├── 99:99 Broken\n├── 1:00 Fine\n", "t.md");
  CHECK(test::has_diagnostic(r, Severity::warning, "unknown section \"Bloopers\""));
  CHECK(test::has_diagnostic(r, Severity::warning, "never closed"));
  CHECK(test::has_diagnostic(r, Severity::error, "expected a chapter time like 1:05:44"));
  auto e = std::find_if(r.diagnostics.begin(), r.diagnostics.end(), [](auto& d) { return d.severity == Severity::error; });
  CHECK(e->line == 6);
  CHECK(r.episode.chapters.size() == 1);
  CHECK(test::turns(r.episode).size() == 1);
}

TEST_CASE("markdown: a continuation by another speaker is not joined", "[markdown]") {
  auto r = test::parse("### P1\n**A:** cut\n### P2\n**B:** ...more\n", "t.md");
  REQUIRE(r.ok());
  CHECK(r.joined_turns == 0);
  CHECK(test::turns(r.episode).size() == 2);
  CHECK(test::turns(r.episode)[1]->text == "more");
  CHECK(test::has_diagnostic(r, Severity::warning, "not by B"));
}

TEST_CASE("markdown: a speaker label cut at a part's end", "[markdown]") {
  auto r = test::parse("### P1\n**Ann:** one\n\n**An\n\n### P2\n\n**Ann:** two\n", "t.md");
  REQUIRE(r.ok());
  CHECK(r.joined_turns == 1);
  CHECK(test::turns(r.episode).size() == 2);
  auto dangling = test::parse("**Ann:** one\n\n**Bo\n", "t.md");
  CHECK(test::has_diagnostic(dangling, Severity::warning, "incomplete speaker label \"**Bo\""));
}

TEST_CASE("markdown: paragraphs after a turn continue it, asides are notes", "[markdown]") {
  auto r = test::parse("**A:** first\n\nsecond paragraph\n\n[laughter]\n\n**B:** ok\n", "t.md");
  REQUIRE(r.ok());
  auto t = test::turns(r.episode);
  REQUIRE(t.size() == 2);
  CHECK(t[0]->text == "first\nsecond paragraph");
  CHECK(r.episode.blocks[1].kind == BlockKind::note);
  CHECK(r.episode.blocks[1].text == "[laughter]");
}

TEST_CASE("markdown: an empty document is an error", "[markdown]") {
  auto r = test::parse("# Just a title\n\nSome words.\n", "t.md");
  CHECK_FALSE(r.ok());
  CHECK(test::has_diagnostic(r, Severity::error, "no chapters and no speaker turns"));
}
