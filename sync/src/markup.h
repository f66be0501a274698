// The styling SRT and WebVTT share, between tags in a cue's text and Markup spans beside plain
// text (internal to sync/). Only <i>, <b> and <u> are shared by both formats (SubRip's de-facto
// HTML subset and WebVTT's cue text tags); <v Speaker> is the block's speaker, read elsewhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sync/episode.h"

namespace tingdu::sync::markup {

enum class Dialect {
  srt,  // tags in any case; any other tag (<font ...>) and every '&' stay as written
  vtt,  // tags may carry classes (<i.loud>); every other tag is removed, entities are decoded
};

struct Marked {
  std::string text;            // plain
  std::vector<Markup> spans;   // over `text`, ordered by begin; never empty ones
};

// Splits `raw` (a cue's payload, lines joined with '\n') into plain text and styled spans. A
// tag left open ends with the text; a closing tag with nothing open is dropped.
Marked parse(std::string_view raw, Dialect dialect);

// `m` without its first `bytes` bytes of text (a speaker label read off the front); spans move
// with the text and are clipped to it.
Marked without_prefix(const Marked& m, std::size_t bytes);

// `text` with `spans` written back as tags, nested where they nest. For vtt, '&', '<' and '>'
// of the text are escaped (the tags are not).
std::string render(std::string_view text, const std::vector<Markup>& spans, Dialect dialect);

}  // namespace tingdu::sync::markup
