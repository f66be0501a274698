// A progress bar on stderr, drawn only when stderr is a terminal (nothing in pipes and logs).
#pragma once

#include <string>

namespace tingdu::cli {

class ProgressBar {
 public:
  ProgressBar();
  // Shows `done` (0..1) and what is being done; redraws at most once per percent. Returns true
  // (a progress callback's "go on").
  bool show(double done, const char* what);
  // Ends the bar's line (when one was drawn).
  void finish();

 private:
  bool terminal_ = false;
  int last_ = -1;
  std::string last_what_;
};

}  // namespace tingdu::cli
