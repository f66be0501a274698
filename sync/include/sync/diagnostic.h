// Diagnostics: what a reader found wrong with its input, located precisely enough that a person
// can open the file at the spot. Readers never throw on bad input; they report here and go on
// where they can.
#pragma once

#include <string>
#include <vector>

namespace tingdu::sync {

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;     // the name the caller gave for the input (usually its path)
  int line = 0;         // 1-based; 0 when the problem is not tied to one line
  int column = 0;       // 1-based, counted in Unicode code points; 0 when unknown
  std::string message;  // says what was found and what was expected
  bool skipped = false; // a warning whose cue or line was left out (the rest was read)
};

// "FILE:LINE:COL: error: MESSAGE" (LINE and COL left out when unknown), the form compilers use,
// so editors and terminals make it clickable.
std::string to_string(const Diagnostic& d);

// Collects diagnostics for one input file.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  void warning(int line, int column, std::string message);
  void error(int line, int column, std::string message);
  // A warning that the part of the input at `line` (a cue, a line) was left out.
  void skipped(int line, int column, std::string message);

  bool has_errors() const;
  const std::string& file() const { return file_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic> take() { return std::move(diagnostics_); }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace tingdu::sync
