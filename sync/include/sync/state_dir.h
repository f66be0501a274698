// Where Tingdu keeps what it learns and remembers between runs: $XDG_STATE_HOME/tingdu, or
// ~/.local/state/tingdu (the XDG base directory rule). Per-episode state, anchors, and the
// alignment's cache live under it.
#pragma once

#include <filesystem>

namespace tingdu::sync {

// Empty when neither XDG_STATE_HOME nor HOME is set (nothing can be kept then).
std::filesystem::path state_dir();

// Where Tingdu keeps what it can make again (the generated narration, the glyph atlas):
// $XDG_CACHE_HOME/tingdu, or ~/.cache/tingdu. Empty when neither is set.
std::filesystem::path cache_dir();

}  // namespace tingdu::sync
