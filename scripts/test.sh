#!/usr/bin/env bash
# Installs what Tingdu needs (Debian 12), builds it and runs the whole test suite.
# Usage: scripts/test.sh [--preset release|debug|asan|tsan]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=release
if [ "${1:-}" = "--preset" ]; then preset=$2; fi

scripts/install-deps.sh
# Third-party leaks at exit that are not ours (see the file); ours still fail the run.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
# Likewise for ThreadSanitizer (the tsan preset): races inside ICU's own caches (see the file).
export TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp"
cmake --preset "$preset"
cmake --build --preset "$preset" -j"$(nproc)"
ctest --preset "$preset" -j"$(nproc)"
