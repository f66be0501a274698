#include "sync/reader.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "readers.h"
#include "sync/text_decode.h"

namespace tingdu::sync {

bool ReadResult::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; });
}

ReadResult parse_transcript(std::string_view bytes, const std::string& name, std::optional<Format> format) {
  ReadResult out;
  DiagnosticSink sink(name);
  if (bytes.empty()) {
    sink.error(0, 0, "the file is empty; expected a transcript");
  } else if (auto decoded = decode_text(bytes, sink)) {
    out.encoding = decoded->encoding;
    out.format = format.value_or(detect_format(name, decoded->utf8));
    std::string_view text = decoded->utf8;
    switch (out.format) {
      case Format::markdown: readers::read_markdown(text, out, sink); break;
      case Format::srt: readers::read_srt(text, out, sink); break;
      case Format::vtt: readers::read_vtt(text, out, sink); break;
      case Format::lrc: readers::read_lrc(text, out, sink); break;
      case Format::podcast_json: readers::read_podcast_json(text, out, sink); break;
      case Format::chapters_json: readers::read_chapters_json(text, out, sink); break;
      case Format::plain: readers::read_plain(text, out, sink); break;
    }
    if (out.encoding != "UTF-8")
      sink.warning(0, 0, "read as " + out.encoding + " (not UTF-8); it is converted on the fly");
  }
  out.diagnostics = sink.take();
  return out;
}

ReadResult read_transcript_file(const std::filesystem::path& path, std::optional<Format> format) {
  std::error_code ec;
  auto fail = [&](std::string message) {
    ReadResult out;
    out.diagnostics.push_back({Severity::error, path.string(), 0, 0, std::move(message)});
    return out;
  };
  if (!std::filesystem::exists(path, ec)) return fail("no such file");
  if (std::filesystem::is_directory(path, ec)) return fail("this is a folder; expected a transcript file");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail("cannot read the file: " + ec.message());
  if (size > kMaxInputBytes)
    return fail("the file is " + std::to_string(size >> 20) + " MiB; transcripts over " +
                std::to_string(kMaxInputBytes >> 20) + " MiB are refused");
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in || !in.read(bytes.data(), std::streamsize(size)))
    return fail("cannot read the file");
  return parse_transcript(bytes, path.string(), format);
}

}  // namespace tingdu::sync
