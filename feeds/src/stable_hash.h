// A short hash that is the same in every build and on every run (std::hash is not promised to
// be), for names on disk made from URLs and guids.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace tingdu::feeds {

// 8 hex digits of FNV-1a 64 folded to 32 bits.
inline std::string hash8(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", unsigned(h ^ (h >> 32)));
  return buf;
}

}  // namespace tingdu::feeds
