// Reader for SubRip (.srt): numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", text lines. SRT has
// no speaker field; a first line "Name: text" gives the turn's speaker (what our writer emits).
#include "cue_blocks.h"
#include "line_patterns.h"
#include "readers.h"

namespace tingdu::sync::readers {

void read_srt(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  Episode& ep = out.episode;
  for (const auto& block : cues::blocks(text)) {
    std::size_t timing = 0;
    while (timing < block.size() && timing < 2 && !cues::is_timing_line(block[timing].text)) ++timing;
    if (timing == block.size() || !cues::is_timing_line(block[timing].text)) {
      sink.error(block.front().number, 1,
                 "expected a cue: a number, then a line like \"00:01:02,500 --> 00:01:04,000\"; found \"" +
                     text::excerpt(block.front().text) + "\"");
      continue;
    }
    auto t = cues::parse_timing(block[timing], sink);
    if (!t) continue;
    std::string body;
    for (std::size_t i = timing + 1; i < block.size(); ++i) {
      if (!body.empty()) body += '\n';
      body += text::trim(block[i].text);
    }
    std::string speaker;
    std::string_view first_line = std::string_view(body).substr(0, body.find('\n'));
    if (auto label = lines::plain_turn(first_line)) {
      speaker = label->speaker;
      body = std::string(label->text) + body.substr(first_line.size());
    }
    ep.blocks.push_back({BlockKind::turn, 0, speaker, body, t->start, t->end, block[timing].number});
  }
  cues::sort_by_start(ep, sink);
  if (ep.blocks.empty() && !sink.has_errors())
    sink.error(0, 0, "no subtitle cues found; expected cues like \"1\" / \"00:00:01,000 --> 00:00:02,000\" / text");
}

}  // namespace tingdu::sync::readers
