#include "default_episode.h"

#include <cstdlib>
#include <filesystem>

namespace tingdu::ui {

std::filesystem::path assets_dir() {
  if (const char* env = std::getenv("TINGDU_ASSETS"); env && *env) return env;
  // Installed: <prefix>/bin/tingdu finds <prefix>/share/tingdu.
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "tingdu";
    if (std::filesystem::exists(installed / kBundledName, ec)) return installed;
  }
  return TINGDU_ASSETS_DIR;  // run from the build tree
}

std::string bundled_transcript() { return (assets_dir() / kBundledName).string(); }

std::string bundled_audio() {
  std::filesystem::path cache;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) cache = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home) cache = std::filesystem::path(home) / ".cache";
  else return {};
  auto path = cache / "tingdu" / "lex-fridman-333.narration.opus";
  return std::filesystem::exists(path) ? path.string() : std::string();
}

}  // namespace tingdu::ui
