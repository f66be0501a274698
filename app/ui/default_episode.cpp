#include "default_episode.h"

#include <cstdlib>
#include <filesystem>

#include "sync/state_dir.h"

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
  std::filesystem::path cache = sync::cache_dir();
  if (cache.empty()) return {};
  auto path = cache / "lex-fridman-333.narration.opus";
  return std::filesystem::exists(path) ? path.string() : std::string();
}

}  // namespace tingdu::ui
