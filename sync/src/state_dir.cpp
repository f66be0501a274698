#include "sync/state_dir.h"

#include <cstdlib>

namespace tingdu::sync {

std::filesystem::path state_dir() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "tingdu";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".local/state/tingdu";
  return {};
}

}  // namespace tingdu::sync
