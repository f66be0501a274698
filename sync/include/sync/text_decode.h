// Turning a file's bytes into validated UTF-8 text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sync/diagnostic.h"

namespace tingdu::sync {

struct DecodedText {
  std::string utf8;      // valid UTF-8, without a byte order mark
  std::string encoding;  // what the input was: "UTF-8", "UTF-16LE", "GB18030", "Big5", ...
};

// UTF-8 (a BOM is skipped) is taken as it is. A UTF-16 or UTF-32 BOM selects that encoding. Other
// bytes go to ICU's charset detector, and only a confident answer among the encodings
// transcripts come in (GB18030, Big5, UTF-16 without BOM, Shift_JIS, EUC-JP, EUC-KR) that
// converts without loss is accepted. Everything else is an error naming the first bad byte's
// line and column: a binary file, UTF-8 cut off in the middle of a character, or bytes that
// are no known text encoding. Returns nullopt after reporting the error.
std::optional<DecodedText> decode_text(std::string_view bytes, DiagnosticSink& sink);

}  // namespace tingdu::sync
