#!/usr/bin/env bash
# Makes a long VBR MP3 for the media benchmarks (default 3.5 h, mono 44.1 kHz, speech-like
# noise bursts so the VBR encoder really varies its bitrate). Cached: skipped when it exists.
# Usage: scripts/make-long-mp3.sh OUT.mp3 [SECONDS]
set -euo pipefail
out=$1
seconds=${2:-12600}
[ -s "$out" ] && exit 0
mkdir -p "$(dirname "$out")"
ffmpeg -nostdin -v error -y -f lavfi \
  -i "anoisesrc=color=pink:amplitude=0.3:duration=${seconds}:sample_rate=44100" \
  -f lavfi -i "sine=frequency=180:beep_factor=3:duration=${seconds}:sample_rate=44100" \
  -filter_complex "[0][1]amix=inputs=2,volume='0.4+0.6*abs(sin(t*1.3))':eval=frame" \
  -ac 1 -c:a libmp3lame -q:a 5 "$out.tmp.mp3"
mv "$out.tmp.mp3" "$out"
