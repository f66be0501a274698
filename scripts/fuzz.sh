#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, address+undefined sanitizers) and runs each for
# SECONDS (default 60), starting from a seed corpus of the test inputs. A crasher is copied to
# tests/fuzz_regressions/<format>/ so the test suite replays it from then on.
# Usage: scripts/fuzz.sh [SECONDS] [FORMAT...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(markdown srt vtt lrc json chapters-json plain)

scripts/install-deps.sh
if ! command -v clang++ >/dev/null || ! dpkg-query -W libclang-rt-14-dev >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -q --no-install-recommends clang libclang-rt-14-dev
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"

for f in "${formats[@]}"; do
  corpus=build/fuzz/corpus/$f
  mkdir -p "$corpus" "tests/fuzz_regressions/$f"
  case $f in
    markdown) cp assets/lex-fridman-333.md "$corpus/" ;;
  esac
  cp tests/fuzz/seeds/"$f".* "$corpus/" 2>/dev/null || true
  echo "== fuzz-$f for ${seconds}s"
  if ! build/fuzz/tests/fuzz/fuzz-"$f" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
      -max_len=65536 -artifact_prefix="tests/fuzz_regressions/$f/" "$corpus" 2>build/fuzz/fuzz-"$f".log; then
    echo "fuzz-$f found a problem; see build/fuzz/fuzz-$f.log and tests/fuzz_regressions/$f/"
    tail -40 build/fuzz/fuzz-"$f".log
    exit 1
  fi
  tail -1 build/fuzz/fuzz-"$f".log
done
