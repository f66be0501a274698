// libFuzzer target for one transcript reader; TINGDU_FUZZ_FORMAT (a sync::Format name, set by
// CMake per target) selects which. Any crash, sanitizer report or timeout is a bug: readers must
// turn every input into diagnostics.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/reader.h"
#include "sync/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto format = tingdu::sync::format_from_name(TINGDU_FUZZ_FORMAT);
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto result = tingdu::sync::parse_transcript(bytes, "fuzz", format);
  // What was read must also be writable: exercise the writers on it.
  if (result.ok()) (void)tingdu::sync::write_transcript(result.episode, *format);
  return 0;
}
