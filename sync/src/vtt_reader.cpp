// Reader for WebVTT (.vtt): "WEBVTT" header, optional cue ids, "[HH:]MM:SS.mmm --> ..." timings
// with optional settings, payloads with <v Speaker> voice tags. NOTE, STYLE and REGION blocks
// are skipped; other tags (<c>, <i>, <b>, <00:00:01.000>) are removed and entities decoded.
#include "cue_blocks.h"
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

std::string decode_entities(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
      {"&nbsp;", "\xC2\xA0"}, {"&lrm;", "\xE2\x80\x8E"}, {"&rlm;", "\xE2\x80\x8F"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool matched = false;
    if (s[i] == '&')
      for (auto [name, value] : kEntities)
        if (s.substr(i).starts_with(name)) {
          out += value;
          i += name.size();
          matched = true;
          break;
        }
    if (!matched) out += s[i++];
  }
  return out;
}

std::string strip_tags(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      auto close = s.find('>', i);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    out += s[i];
  }
  return decode_entities(out);
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
  for (std::size_t b = 1; b < all.size(); ++b) {
    const auto& block = all[b];
    std::string_view first = block.front().text;
    if (first.starts_with("NOTE") || first.starts_with("STYLE") || first.starts_with("REGION")) continue;
    std::size_t timing = cues::is_timing_line(first) ? 0 : 1;
    if (timing >= block.size() || !cues::is_timing_line(block[timing].text)) {
      sink.error(block.front().number, 1,
                 "expected a cue timing line like \"00:01.000 --> 00:04.000\"; found \"" +
                     text::excerpt(block[std::min(timing, block.size() - 1)].text) + "\"");
      continue;
    }
    auto t = cues::parse_timing(block[timing], sink);
    if (!t) continue;
    std::optional<std::string> speaker;
    std::string body;
    for (std::size_t i = timing + 1; i < block.size(); ++i) {
      std::string_view payload = text::trim(block[i].text);
      if (auto voice = voice_of(payload)) {
        if (!speaker) speaker = voice;
        else if (*speaker != *voice)
          sink.warning(block[i].number, 1, "a second voice (" + *voice + ") in one cue; the cue is "
                                           "kept as a turn by " + *speaker);
      }
      if (!body.empty()) body += '\n';
      body += strip_tags(payload);
    }
    ep.blocks.push_back({BlockKind::turn, 0, speaker.value_or(""), body, t->start, t->end, block[timing].number});
  }
  cues::sort_by_start(ep, sink);
}

}  // namespace tingdu::sync::readers
