// Where the bundled episode and its generated narration live.
#pragma once

#include <filesystem>
#include <string>

namespace tingdu::ui {

inline constexpr const char* kBundledName = "lex-fridman-333.md";

// Where the bundled assets are: $TINGDU_ASSETS when set; else, installed, <prefix>/share/tingdu
// next to <prefix>/bin; else the source tree the program was built from (TINGDU_ASSETS_DIR).
std::filesystem::path assets_dir();
// The bundled episode's transcript in assets_dir().
std::string bundled_transcript();
// The narration generated for it (scripts/run.sh makes it on first run), or "" when missing:
// $XDG_CACHE_HOME/tingdu/lex-fridman-333.narration.opus (default ~/.cache/tingdu/...).
std::string bundled_audio();

}  // namespace tingdu::ui
