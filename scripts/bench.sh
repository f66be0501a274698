#!/usr/bin/env bash
# Builds (release) and runs the benchmark programs; prints the figures kept in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
build/release/tests/bench/bench_parse "${PARSE_RUNS:-200}"
build/release/tests/bench/bench_timeline "${TIMELINE_BUILDS:-20}" "${TIMELINE_LOOKUPS:-1000000}"
scripts/make-long-mp3.sh build/bench/long-vbr.mp3
build/release/tests/bench/bench_media build/bench/long-vbr.mp3 build/release/app/tingdu-cli "${PLAY_SECONDS:-30}"
