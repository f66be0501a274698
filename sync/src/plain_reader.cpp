// Reader for plain text: chapter lines "0:00 Intro" / "1:05:44 - Software 2.0" (as in video
// descriptions) and untimed turns "Name: text". A chapter line among the turns also heads
// its chapter there; a chapter list before the first turn only lists times. A line with no
// speaker label is a turn with no speaker.
#include <algorithm>
#include <cmath>

#include "chapter_merge.h"
#include "line_patterns.h"
#include "readers.h"
#include "text_util.h"

namespace tingdu::sync::readers {

void read_plain(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  Episode& ep = out.episode;
  std::vector<ChapterDraft> chapters;
  std::vector<HeaderDraft> headers;
  for (const text::Line& line : text::split_lines(text)) {
    std::string_view t = text::trim(line.text);
    if (t.empty()) continue;
    if (auto tt = lines::timed_title(t)) {
      if (!tt->time) {
        sink.error(line.number, 1, "expected a time like 0:00, 58:21 or 1:05:44, found \"" +
                                       std::string(tt->time_text) + "\"");
        continue;
      }
      bool listed = std::any_of(chapters.begin(), chapters.end(), [&](const ChapterDraft& c) {
        return std::abs(c.time - *tt->time) < kSameChapterSeconds;
      });
      if (!listed) chapters.push_back({*tt->time, std::string(tt->title), line.number, {}, {}});
      if (ep.turn_count() > 0) {
        headers.push_back({ep.blocks.size(), *tt->time, std::string(tt->title), line.number});
        ep.blocks.push_back({BlockKind::chapter_header, 0, {}, {}, {}, {}, line.number});
      }
      continue;
    }
    auto turn = lines::plain_turn(t);
    ep.blocks.push_back({BlockKind::turn, 0, turn ? std::string(turn->speaker) : std::string(),
                         std::string(turn ? turn->text : t), {}, {}, line.number});
  }
  // With the whole list before the first turn, the first chapter still starts with the text.
  bool list_only = headers.empty();
  if (!chapters.empty() && list_only && ep.turn_count() > 0) {
    headers.push_back({0, chapters.front().time, chapters.front().title, chapters.front().line});
    ep.blocks.insert(ep.blocks.begin(), {BlockKind::chapter_header, 0, {}, {}, {}, {}, chapters.front().line});
  }
  merge_chapters(std::move(chapters), {}, headers, ep, sink, /*expect_headings=*/!list_only);
  if (ep.blocks.empty() && !sink.has_errors())
    sink.error(0, 0, "the file has no text; expected chapter lines like \"0:00 Intro\" and turns like \"Name: text\"");
}

}  // namespace tingdu::sync::readers
