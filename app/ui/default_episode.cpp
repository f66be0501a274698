#include "default_episode.h"

#include <cstdlib>
#include <filesystem>

namespace tingdu::ui {

std::string bundled_transcript() {
  std::filesystem::path dir = TINGDU_ASSETS_DIR;
  if (const char* env = std::getenv("TINGDU_ASSETS"); env && *env) dir = env;
  return (dir / "lex-fridman-333.md").string();
}

std::string bundled_audio() {
  std::filesystem::path cache;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) cache = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home) cache = std::filesystem::path(home) / ".cache";
  else return {};
  auto path = cache / "tingdu" / "lex-fridman-333.narration.opus";
  return std::filesystem::exists(path) ? path.string() : std::string();
}

}  // namespace tingdu::ui
