#include "sync/state_dir.h"

#include <cstdlib>

namespace tingdu::sync {

namespace {

// $`variable`/tingdu, else ~/`fallback`/tingdu, else empty.
std::filesystem::path xdg_dir(const char* variable, const char* fallback) {
  if (const char* xdg = std::getenv(variable); xdg && *xdg) return std::filesystem::path(xdg) / "tingdu";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / fallback / "tingdu";
  return {};
}

}  // namespace

std::filesystem::path state_dir() { return xdg_dir("XDG_STATE_HOME", ".local/state"); }

std::filesystem::path cache_dir() { return xdg_dir("XDG_CACHE_HOME", ".cache"); }

}  // namespace tingdu::sync
