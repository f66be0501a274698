#!/usr/bin/env bash
# Installs what Tingdu needs (Debian 12), builds it, and starts it on the bundled episode.
# Until the player window lands, the newest front end is the command-line check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"
exec build/release/app/tingdu-cli check assets/lex-fridman-333.md
