#!/usr/bin/env bash
# Installs what Tingdu needs (Debian 12), builds it and runs the whole test suite.
# Usage: scripts/test.sh [--preset release|debug|asan|tsan]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=release
if [ "${1:-}" = "--preset" ]; then preset=$2; fi

scripts/install-deps.sh
cmake --preset "$preset"
cmake --build --preset "$preset" -j"$(nproc)"
ctest --preset "$preset" -j"$(nproc)"
