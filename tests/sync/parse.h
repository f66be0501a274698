// Test helpers: parse text in memory and look at what came out.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "sync/reader.h"

namespace tingdu::test {

inline sync::ReadResult parse(const std::string& text, const std::string& name,
                              std::optional<sync::Format> format = std::nullopt) {
  return sync::parse_transcript(text, name, format);
}

inline std::vector<const sync::Block*> turns(const sync::Episode& ep) {
  std::vector<const sync::Block*> out;
  for (const auto& b : ep.blocks)
    if (b.kind == sync::BlockKind::turn) out.push_back(&b);
  return out;
}

// True when some diagnostic of `severity` contains `fragment`.
inline bool has_diagnostic(const sync::ReadResult& r, sync::Severity severity, const std::string& fragment) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const sync::Diagnostic& d) {
    return d.severity == severity && d.message.find(fragment) != std::string::npos;
  });
}

inline int count(const sync::ReadResult& r, sync::Severity severity) {
  return int(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                           [&](const sync::Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace tingdu::test
