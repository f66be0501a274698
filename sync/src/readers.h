// The format readers (internal to sync/). Each takes validated UTF-8 text, fills `out.episode`
// (and `out.joined_turns` where it applies), and reports problems to `sink`. None throws on
// bad input.
#pragma once

#include <string_view>

#include "sync/diagnostic.h"
#include "sync/reader.h"

namespace tingdu::sync::readers {

void read_markdown(std::string_view text, ReadResult& out, DiagnosticSink& sink);
void read_plain(std::string_view text, ReadResult& out, DiagnosticSink& sink);
void read_srt(std::string_view text, ReadResult& out, DiagnosticSink& sink);
void read_vtt(std::string_view text, ReadResult& out, DiagnosticSink& sink);
void read_lrc(std::string_view text, ReadResult& out, DiagnosticSink& sink);
void read_podcast_json(std::string_view text, ReadResult& out, DiagnosticSink& sink);
void read_chapters_json(std::string_view text, ReadResult& out, DiagnosticSink& sink);

}  // namespace tingdu::sync::readers
