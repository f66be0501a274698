#!/usr/bin/env bash
# Window benchmarks under Xvfb with the bundled episode and its narration: start to first frame,
# frame CPU time (median, p99) while playing and while scrolling, CPU share of one core while
# playing and while paused (from /proc over 30 s), peak memory, and peak memory during a first
# start's alignment and a first anchor's re-alignment. Peer: ffplay -nodisp playing the same file through the same SDL driver, in
# the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_RUN:-30}
cache="${XDG_CACHE_HOME:-$HOME/.cache}/tingdu"
audio="$cache/lex-fridman-333.narration.opus"
if [ ! -s "$audio" ]; then
  mkdir -p "$cache"
  build/release/app/tingdu-cli narrate assets/lex-fridman-333.md -o "$audio" --truth "$cache/lex-fridman-333.truth.json" --duration 12480
fi
export SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null
state=$(mktemp -d)
# The alignment to the audio, cached first (as after a first run): the figures are the window's
# own, not a first run's background alignment (its cost: docs/BENCHMARKS.md, alignment).
XDG_STATE_HOME=$state build/release/app/tingdu-cli align assets/lex-fridman-333.md --audio "$audio" >/dev/null 2>&1
run() {  # label, extra args
  XDG_STATE_HOME=$state xvfb-run -a -s "-screen 0 1400x1000x24" build/release/app/tingdu --size 1280x800 \
    --quit-after $((seconds + 2)) --stats "${@:2}" 2>/dev/null | grep first_frame | sed "s/^/$1: /"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
run "paused   " 
run "playing  " --autoplay
seconds=10 run "scrolling" --autoscroll
# The listener anchors the turn playing (T, 8 s in, and again 40 s in), the alignment kept: the
# re-alignments around them run in the window's worker process (the window logs how long each
# took and the worker's peak), or in the window's own process for a copy of it with no
# tingdu-cli beside it. (Taps 30 s apart: closer ones chain to the next turn.) On a copy of the
# kept state each time, so the anchors aren't kept for the next run.
first_anchor() {  # label, the window's program
  local kept
  kept=$(mktemp -d)
  cp -r "$state/." "$kept/"
  XDG_STATE_HOME=$kept xvfb-run -a -s "-screen 0 1400x1000x24" bash -c '
    "$0" --size 1280x800 --autoplay --quit-after 52 --stats 2>/dev/null &
    sleep 8
    xdotool search --sync --name Tingdu windowfocus --sync >/dev/null && xdotool key t
    sleep 32
    xdotool key t
    wait' "$2" | grep first_frame | sed "s/^/$1: /"
  grep -o "re-aligned around the anchor in .*" "$kept/tingdu/tingdu.log" | sed "s/^/$1: /" || true
  rm -rf "$kept"
}
alone=$(mktemp -d)
cp build/release/app/tingdu "$alone/"
first_anchor "first anchor, worker      " build/release/app/tingdu
first_anchor "first anchor, in-process  " "$alone/tingdu"
rm -rf "$state"
# A first start on the episode, nothing kept: the window's peak memory while the episode is
# aligned in its worker process (tingdu-cli align-worker, whose own peak the window logs), and the
# same window aligning in its own process (a copy of it with no tingdu-cli beside it).
first_alignment() {  # label, the window's program
  local fresh
  fresh=$(mktemp -d)
  XDG_STATE_HOME=$fresh xvfb-run -a -s "-screen 0 1400x1000x24" "$2" --size 1280x800 --quit-after 50 --stats 2>/dev/null |
    grep first_frame | sed "s/^/$1: /"
  grep -o "aligned in a worker process.*" "$fresh/tingdu/tingdu.log" | sed "s/^/$1: /" || true
  rm -rf "$fresh"
}
first_alignment "first alignment, worker    " build/release/app/tingdu
first_alignment "first alignment, in-process" "$alone/tingdu"
rm -rf "$alone"
# Peer: ffplay playing the same narration for the same time (no window: its CPU is decode + audio),
# measured the same way, from /proc after the same warm-up.
ffplay -nodisp -loglevel error "$audio" </dev/null >/dev/null 2>&1 &
pid=$!
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
sleep 2
c0=$(cpu)
sleep "$seconds"
c1=$(cpu)
rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
kill "$pid"
awk -v a="$c0" -v b="$c1" -v t="$(getconf CLK_TCK)" -v s="$seconds" -v r="$rss" \
  'BEGIN { printf "peer ffplay -nodisp playing: cpu_share %.4f, peak_rss_mb %.1f\n", (b - a) / t / s, r / 1024 }'
