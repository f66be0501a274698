#!/usr/bin/env bash
# Installs what Tingdu needs (Debian 12), builds it, makes the bundled episode's narration on the
# first run (about two minutes; cached in ~/.cache/tingdu), and opens the player window on it.
# Extra arguments go to the player, e.g.: scripts/run.sh assets/lex-fridman-333.md --audio episode.mp3
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/tingdu"
audio="$cache/lex-fridman-333.narration.opus"
if [ ! -s "$audio" ]; then
  mkdir -p "$cache"
  echo "Generating the bundled episode's narration (once; about two minutes)..."
  # 3:28:00 is the real episode's length; every chapter starts at its outline time.
  build/release/app/tingdu-cli narrate assets/lex-fridman-333.md -o "$audio" \
    --truth "$cache/lex-fridman-333.truth.json" --duration 12480
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display here (DISPLAY is not set). To try the window anyway: xvfb-run -a bash scripts/run.sh" >&2
  echo "To listen in the terminal: build/release/app/tingdu-cli play \"$audio\" --transcript assets/lex-fridman-333.md" >&2
  exit 1
fi
exec build/release/app/tingdu "$@"
