// Reader for SubRip (.srt): numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", text lines. SRT has
// no speaker field; a first line "Name: text" gives the turn's speaker (what our writer emits).
// <i>, <b> and <u> become the block's markup (markup.h); other text is kept as written. A cue
// that can't be read is skipped with a warning naming its line, as ffmpeg and Subtitle Edit do;
// a file with no readable cue at all is refused.
#include "cue_blocks.h"
#include "line_patterns.h"
#include "markup.h"
#include "readers.h"

namespace tingdu::sync::readers {

void read_srt(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  Episode& ep = out.episode;
  std::size_t skipped = 0;
  for (const auto& block : cues::blocks(text)) {
    std::size_t timing = 0;
    while (timing < block.size() && timing < 2 && !cues::is_timing_line(block[timing].text)) ++timing;
    if (timing == block.size() || !cues::is_timing_line(block[timing].text)) {
      cues::skip_cue(sink, block.front().number, 1,
                     "expected a cue: a number, then a line like \"00:01:02,500 --> 00:01:04,000\"; found \"" +
                         text::excerpt(block.front().text) + "\"");
      ++skipped;
      continue;
    }
    auto t = cues::parse_timing(block[timing], sink);
    if (!t) {
      ++skipped;
      continue;
    }
    std::string raw;
    for (std::size_t i = timing + 1; i < block.size(); ++i) {
      if (!raw.empty()) raw += '\n';
      raw += text::trim(block[i].text);
    }
    markup::Marked body = markup::parse(raw, markup::Dialect::srt);
    std::string speaker;
    std::string_view first_line = std::string_view(body.text).substr(0, body.text.find('\n'));
    if (auto label = lines::plain_turn(first_line)) {
      speaker = label->speaker;
      std::size_t cut = std::size_t(label->text.data() - body.text.data());
      body = markup::without_prefix(body, cut);
    }
    Block b{BlockKind::turn, 0, speaker, std::move(body.text), t->start, t->end, block[timing].number};
    b.markup = std::move(body.spans);
    ep.blocks.push_back(std::move(b));
  }
  cues::sort_by_start(ep, sink);
  if (ep.blocks.empty()) cues::refuse_empty(sink, skipped, "\"1\" / \"00:00:01,000 --> 00:00:02,000\" / text");
}

}  // namespace tingdu::sync::readers
