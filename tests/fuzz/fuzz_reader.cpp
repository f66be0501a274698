// libFuzzer target for one transcript reader; TINGDU_FUZZ_FORMAT (a sync::Format name, set by
// CMake per target) selects which. Any crash, sanitizer report or timeout is a bug: readers must
// turn every input into diagnostics, and the timeline must take whatever they produce.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <string_view>

#include "sync/reader.h"
#include "sync/timeline.h"
#include "sync/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto format = tingdu::sync::format_from_name(TINGDU_FUZZ_FORMAT);
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto result = tingdu::sync::parse_transcript(bytes, "fuzz", format);
  if (!result.ok()) return 0;
  // What was read must also be writable, and must have a timeline that answers lookups.
  (void)tingdu::sync::write_transcript(result.episode, *format);
  tingdu::sync::Timeline timeline(result.episode, std::nullopt);
  for (double t = -1; t < timeline.duration() + 2; t += std::max(1.0, timeline.duration() / 64)) (void)timeline.at(t);
  if (!timeline.turns().empty()) (void)timeline.anchor(timeline.turns().size() / 2, timeline.duration() / 2);
  return 0;
}
