// Where the bundled episode and its generated narration live.
#pragma once

#include <string>

namespace tingdu::ui {

// assets/lex-fridman-333.md: next to the executable's source tree (TINGDU_ASSETS_DIR), or in
// $TINGDU_ASSETS when set.
std::string bundled_transcript();
// The narration generated for it (scripts/run.sh makes it on first run), or "" when missing:
// $XDG_CACHE_HOME/tingdu/lex-fridman-333.narration.opus (default ~/.cache/tingdu/...).
std::string bundled_audio();

}  // namespace tingdu::ui
