#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace tingdu::cli {

ProgressBar::ProgressBar() : terminal_(isatty(STDERR_FILENO) != 0) {}

bool ProgressBar::show(double done, const char* what) {
  if (!terminal_) return true;
  int percent = int(done * 100);
  if (percent == last_ && last_what_ == what) return true;
  last_ = percent;
  last_what_ = what;
  constexpr int kWidth = 30;
  int filled = percent * kWidth / 100;
  std::fprintf(stderr, "\r[%.*s%.*s] %3d%% %-24s", filled, "##############################", kWidth - filled,
               "                              ", percent, what);
  std::fflush(stderr);
  return true;
}

void ProgressBar::finish() {
  if (terminal_ && last_ >= 0) std::fprintf(stderr, "\n");
  last_ = -1;
}

}  // namespace tingdu::cli
