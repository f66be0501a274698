// Converting timed subtitles keeps what the author made: every cue's times, text, line breaks,
// speaker and the markup both formats share, through every pair of timed formats and back.
#include <catch2/catch.hpp>

#include "parse.h"
#include "sync/writer.h"

using namespace tingdu;
using sync::BlockKind;
using sync::Format;
using sync::Markup;

namespace {

const Format kTimed[] = {Format::srt, Format::vtt, Format::lrc, Format::podcast_json};

bool has_markup(Format f) { return f == Format::srt || f == Format::vtt; }
bool has_line_breaks(Format f) { return f != Format::lrc; }

// The author's cues, as an SRT file: two lines in a cue, styling, nesting, a speaker, text that
// looks like markup, a gap before a cue and Chinese text.
const char* kSource =
    "1\n00:00:03,600 --> 00:00:05,060\nThis line\nhas two rows.\n\n"
    "2\n00:00:05,060 --> 00:00:07,000\nAnn: <i>Italic</i> and <b>bold <u>both</u></b>\n\n"
    "3\n00:00:07,000 --> 00:00:08,250\n<i>a < b & c > d,\nacross lines</i>\n\n"
    "4\n00:00:09,000 --> 00:00:11,500\n李: 第一行\n第二行\n\n";

std::string flat(std::string s) {
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

sync::Episode read(const std::string& text, Format f) {
  auto r = test::parse(text, "cues", f);
  INFO(text);
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  return r.episode;
}

// What survives `through`: everything `a` has that `through` can hold.
void check_same(const sync::Episode& a, const sync::Episode& b, Format through) {
  auto ta = test::turns(a), tb = test::turns(b);
  REQUIRE(ta.size() == tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) {
    INFO("cue " << i + 1);
    CHECK(tb[i]->speaker == ta[i]->speaker);
    CHECK(tb[i]->text == (has_line_breaks(through) ? ta[i]->text : flat(ta[i]->text)));
    if (has_markup(through)) CHECK(tb[i]->markup == ta[i]->markup);
    else CHECK(tb[i]->markup.empty());
    REQUIRE(tb[i]->start);
    CHECK(std::llround(*tb[i]->start * 1000) == std::llround(*ta[i]->start * 1000));
    double end_a = ta[i]->end.value_or(i + 1 < ta.size() ? *ta[i + 1]->start : 0);
    double end_b = tb[i]->end.value_or(i + 1 < tb.size() ? *tb[i + 1]->start : 0);
    if (i + 1 < ta.size() || ta[i]->end) CHECK(std::llround(end_b * 1000) == std::llround(end_a * 1000));
  }
}

}  // namespace

TEST_CASE("lossless: SRT markup and line breaks are read as the author wrote them", "[lossless][srt]") {
  auto ep = read(kSource, Format::srt);
  auto t = test::turns(ep);
  REQUIRE(t.size() == 4);
  CHECK(t[0]->text == "This line\nhas two rows.");
  CHECK(t[1]->speaker == "Ann");
  CHECK(t[1]->text == "Italic and bold both");
  CHECK(t[1]->markup == std::vector<Markup>{{0, 6, Markup::italic}, {11, 20, Markup::bold}, {16, 20, Markup::underline}});
  CHECK(t[2]->text == "a < b & c > d,\nacross lines");
  CHECK(t[2]->markup == std::vector<Markup>{{0, 27, Markup::italic}});
  CHECK(t[3]->speaker == "李");
  // Written back, the file is the same bytes.
  CHECK(sync::write_transcript(ep, Format::srt).text == kSource);
}

TEST_CASE("lossless: WebVTT writes the shared tags as tags, and escapes only the text", "[lossless][vtt]") {
  auto vtt = sync::write_transcript(read(kSource, Format::srt), Format::vtt).text;
  CHECK(vtt.find("<v Ann><i>Italic</i> and <b>bold <u>both</u></b>") != std::string::npos);
  CHECK(vtt.find("<i>a &lt; b &amp; c &gt; d,\nacross lines</i>") != std::string::npos);
  CHECK(vtt.find("&lt;i&gt;") == std::string::npos);
}

TEST_CASE("lossless: every pair of timed formats, there and back, keeps every cue", "[lossless][roundtrip]") {
  const sync::Episode source = read(kSource, Format::srt);
  for (Format a : kTimed) {
    // The source as the author would have it in format a.
    const std::string in_a = sync::write_transcript(source, a).text;
    const sync::Episode ep_a = read(in_a, a);
    for (Format b : kTimed) {
      INFO(sync::format_name(a) << " -> " << sync::format_name(b) << " -> " << sync::format_name(a));
      const sync::Episode ep_b = read(sync::write_transcript(ep_a, b).text, b);
      check_same(ep_a, ep_b, b);
      const std::string back = sync::write_transcript(ep_b, a).text;
      check_same(ep_a, read(back, a), b);
      // Where b holds all that a does, the trip gives the same bytes.
      bool holds = (has_markup(b) || !has_markup(a)) && (has_line_breaks(b) || !has_line_breaks(a));
      if (holds && b != Format::lrc) CHECK(back == in_a);
      // And a second trip changes nothing more.
      CHECK(sync::write_transcript(read(sync::write_transcript(read(back, a), b).text, b), a).text == back);
    }
  }
}

TEST_CASE("lossless: tags left open or closed twice, and other tags", "[lossless][vtt]") {
  auto r = test::parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<c.yellow>one</c> <i.loud>two</b> three\n", "a.vtt");
  REQUIRE(r.ok());
  auto t = test::turns(r.episode);
  CHECK(t[0]->text == "one two three");
  CHECK(t[0]->markup == std::vector<Markup>{{4, 13, Markup::italic}});
  auto srt = test::parse("1\n00:00:01,000 --> 00:00:02,000\n<font color=\"red\">x</font> </i><I>y</I>\n", "a.srt");
  REQUIRE(srt.ok());
  t = test::turns(srt.episode);
  // SubRip's other tags are not shared with WebVTT: kept as written, for SRT to SRT.
  CHECK(t[0]->text == "<font color=\"red\">x</font> y");
  CHECK(t[0]->markup == std::vector<Markup>{{27, 28, Markup::italic}});
}

TEST_CASE("skipping: one bad cue in SRT, WebVTT or LRC keeps the rest and names its line", "[bad][srt][vtt][lrc]") {
  struct Case {
    const char* name;
    const char* text;
    int bad_line;
  } cases[] = {
      {"a.srt", "1\n00:00:01,000 --> 00:00:02,000\none\n\n2\n00:00:02,000 -> 00:00:03,000\nbroken\n\n3\n00:00:03,000 --> 00:00:04,000\nthree\n", 5},
      {"a.srt", "1\n00:00:01,000 --> 00:00:02,000\none\n\n2\n00:0x:02,000 --> 00:00:03,000\nbroken\n\n3\n00:00:03,000 --> 00:00:04,000\nthree\n", 6},
      {"a.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\none\n\nid\n00:02.000 --> 00:0x.000\nbroken\n\n00:03.000 --> 00:04.000\nthree\n", 7},
      {"a.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\none\n\nid\nno timing here\nbroken\n\n00:03.000 --> 00:04.000\nthree\n", 6},
      {"a.lrc", "[00:01.00]one\n[00:7x.00]broken\n[00:03.00]three\n", 2},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto r = test::parse(c.text, c.name);
    REQUIRE(r.ok());
    auto t = test::turns(r.episode);
    REQUIRE(t.size() == 2);
    CHECK(t[0]->text == "one");
    CHECK(t[1]->text == "three");
    auto skipped = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                [](auto& d) { return d.message.find("skipped") != std::string::npos; });
    REQUIRE(skipped != r.diagnostics.end());
    CHECK(skipped->severity == sync::Severity::warning);
    CHECK(skipped->line == c.bad_line);
    CHECK(sync::to_string(*skipped).find(std::string(c.name) + ":" + std::to_string(c.bad_line) + ":") == 0);
  }
}

TEST_CASE("skipping: a file whose every cue is bad is refused", "[bad][srt][vtt][lrc]") {
  for (auto [name, text] : {std::pair{"a.srt", "1\n00:0x:01,000 --> 00:00:02,000\none\n"},
                            std::pair{"a.vtt", "WEBVTT\n\n00:0x.000 --> 00:02.000\none\n"},
                            std::pair{"a.lrc", "[00:7x.00]one\n"}}) {
    INFO(name);
    auto r = test::parse(text, name);
    CHECK_FALSE(r.ok());
    CHECK(test::has_diagnostic(r, sync::Severity::error, "could be read (1 skipped"));
  }
}
