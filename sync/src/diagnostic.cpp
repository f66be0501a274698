#include "sync/diagnostic.h"

#include <algorithm>

namespace tingdu::sync {

std::string to_string(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  return out;
}

void DiagnosticSink::warning(int line, int column, std::string message) {
  diagnostics_.push_back({Severity::warning, file_, line, column, std::move(message)});
}

void DiagnosticSink::skipped(int line, int column, std::string message) {
  diagnostics_.push_back({Severity::warning, file_, line, column, std::move(message), true});
}

void DiagnosticSink::error(int line, int column, std::string message) {
  diagnostics_.push_back({Severity::error, file_, line, column, std::move(message)});
}

bool DiagnosticSink::has_errors() const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace tingdu::sync
