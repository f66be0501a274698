// Reader for WebVTT (.vtt): "WEBVTT" header, optional cue ids, "[HH:]MM:SS.mmm --> ..." timings
// with optional settings, payloads with <v Speaker> voice tags. NOTE, STYLE and REGION blocks
// are skipped; <i>, <b> and <u> become the block's markup (markup.h); other tags (<c>, <lang>,
// <00:00:01.000>) are removed and entities decoded. A cue that can't be read is skipped with a
// warning naming its line; a file with no readable cue is refused.
#include "cue_blocks.h"
#include "markup.h"
#include "readers.h"

namespace tingdu::sync::readers {
namespace {

// The speaker of a "<v Name>" or "<v.loud Name>" tag at the start of `payload`, if any.
std::optional<std::string> voice_of(std::string_view payload) {
  if (!payload.starts_with("<v") || payload.size() < 3 || (payload[2] != ' ' && payload[2] != '.'))
    return std::nullopt;
  auto close = payload.find('>');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inside = payload.substr(2, close - 2);
  auto space = inside.find(' ');
  if (space == std::string_view::npos) return std::string();
  return std::string(text::trim(inside.substr(space + 1)));
}

}  // namespace

void read_vtt(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  Episode& ep = out.episode;
  auto all = cues::blocks(text);
  if (all.empty() || !all.front().front().text.starts_with("WEBVTT") ||
      all.front().front().number != 1) {
    sink.error(1, 1, "expected \"WEBVTT\" on the first line of a WebVTT file");
    return;
  }
  // Text after "WEBVTT" on the first line is a free-form header; Tingdu writes its title there.
  std::string_view header = text::trim(all.front().front().text.substr(6));
  if (header.starts_with("- ")) header.remove_prefix(2);
  ep.meta.title = std::string(text::trim(header));
  std::size_t skipped = 0;
  for (std::size_t b = 1; b < all.size(); ++b) {
    const auto& block = all[b];
    std::string_view first = block.front().text;
    if (first.starts_with("NOTE") || first.starts_with("STYLE") || first.starts_with("REGION")) continue;
    std::size_t timing = cues::is_timing_line(first) ? 0 : 1;
    if (timing >= block.size() || !cues::is_timing_line(block[timing].text)) {
      cues::skip_cue(sink, block.front().number, 1,
                     "expected a cue timing line like \"00:01.000 --> 00:04.000\"; found \"" +
                         text::excerpt(block[std::min(timing, block.size() - 1)].text) + "\"");
      ++skipped;
      continue;
    }
    auto t = cues::parse_timing(block[timing], sink);
    if (!t) {
      ++skipped;
      continue;
    }
    std::optional<std::string> speaker;
    std::string raw;
    for (std::size_t i = timing + 1; i < block.size(); ++i) {
      std::string_view payload = text::trim(block[i].text);
      if (auto voice = voice_of(payload)) {
        if (!speaker) speaker = voice;
        else if (*speaker != *voice)
          sink.warning(block[i].number, 1, "a second voice (" + *voice + ") in one cue; the cue is "
                                           "kept as a turn by " + *speaker);
      }
      if (!raw.empty()) raw += '\n';
      raw += payload;
    }
    markup::Marked body = markup::parse(raw, markup::Dialect::vtt);
    Block turn{BlockKind::turn, 0, speaker.value_or(""), std::move(body.text), t->start, t->end, block[timing].number};
    turn.markup = std::move(body.spans);
    ep.blocks.push_back(std::move(turn));
  }
  cues::sort_by_start(ep, sink);
  if (ep.blocks.empty() && skipped > 0) cues::refuse_empty(sink, skipped, "\"00:01.000 --> 00:04.000\" / text");
}

}  // namespace tingdu::sync::readers
