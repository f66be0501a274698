#!/usr/bin/env bash
# Alignment benchmarks (docs/BENCHMARKS.md): for the bundled episode's 3:28:00 narration (as
# made, Opus, and transcoded to a 128 kbit/s stereo MP3 like a podcast feed's) and for 40
# minutes of real recorded voices: the time to analyse and align from scratch against
# `ffmpeg -i FILE -f null -` in the same run (the ratio), the peak memory of `tingdu-cli align`,
# re-aligning after one anchor, and the accuracy before (the estimate, --no-align) and after.
# Then accuracy on conversations of real voices (12 to 40 minutes, pairs of every kind), and on
# one 20-minute conversation as listeners get it (the cut the stamps were taken from, a pre-roll,
# ads inserted, the intro cut, and all of that with backchannels, a music bed, reverb and noise).
#
#   bash scripts/bench-align.sh         everything
#   bash scripts/bench-align.sh cuts    only the listener's cuts (a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target tingdu-cli make_conversation bench_align >/dev/null
cli=build/release/app/tingdu-cli
make=build/release/tests/make_conversation
out=build/bench
mkdir -p "$out"
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"

S=/usr/share/asterisk/sounds

figures() {  # accuracy JSON -> one line
  python3 -c 'import json,sys; j=json.load(sys.stdin); print("median %.2f s, p90 %.2f s, within 0.5 s %.1f%%, highlight %.1f%%" % (j["median"], j["p90"], 100*j["within_0_5"], 100*j["highlight_share"]))'
}

# The listener's cuts: one master (Allison and Carlo, 20 min, 6 chapters); ads are July reading
# over music; the first inserted ad goes where the second chapter starts (4:42 of the master), the
# second inside the fourth. Per cut: the estimate, the alignment (with its calibration and the untranscribed
# stretches found) and the time against ffmpeg.
cut_figures() {  # accuracy JSON -> one line
  python3 -c '
import json, sys
j = json.load(sys.stdin); c = j["calibration"]; u = j.get("untranscribed", {})
line = "median %.2f s, p90 %.2f s, highlight %.1f%%, coverage %.1f%% (%d labelled aligned, %d over 5 s off)" % (
    j["median"], j["p90"], 100 * j["highlight_share"], 100 * j["coverage"], c["labelled_aligned"], c["over_5s_off"])
s = j.get("sentences")
if s: line += ", sentence highlight %.1f%%" % (100 * s["highlight_share"])
line += ", chapter starts worst %.2f s" % j["chapters"]["max"]
if u: line += ", untranscribed %d of %d found (worst start %.2f s, end %.2f s), %d false over 5 s" % (
    u["truth"] - u["missed"], u["truth"], u["start_error_max"], u["end_error_max"], u["false_over_5s"])
print(line)'
}
cuts() {
  local master="--voice Allison=$S/en_US_f_Allison --voice Carlo=$S/it_IT_m_Carlo --minutes 20 --chapter-min 2 --chapter-max 5 --seed 61 --ad-voice $S/es --ad-music /usr/share/asterisk/moh"
  while read -r name extra; do
    local dir="$out/cut-$name"
    # shellcheck disable=SC2086
    [ -s "$dir/conversation.mp3" ] || "$make" --out "$dir" $master $extra >/dev/null
    local audio="$dir/conversation.mp3" t0 t1 ff ours
    t0=$(date +%s.%N); ffmpeg -nostdin -v error -i "$audio" -f null - ; t1=$(date +%s.%N)
    ff=$(echo "$t1 - $t0" | bc)
    rm -rf "${state:?}"/*
    t0=$(date +%s.%N); XDG_STATE_HOME=$state "$cli" align "$dir/conversation.md" --audio "$audio" >/dev/null 2>&1; t1=$(date +%s.%N)
    ours=$(echo "$t1 - $t0" | bc)
    printf '%s (%s): ffmpeg -f null %.2f s, tingdu-cli align %.2f s, ratio %.2f\n' "$name" "${extra:-the same cut}" "$ff" "$ours" "$(echo "$ours / $ff" | bc -l)"
    echo "  estimate: $(XDG_STATE_HOME=$state "$cli" accuracy "$dir/conversation.truth.json" "$dir/conversation.md" --audio "$audio" --no-align --format json 2>/dev/null | cut_figures)"
    echo "  aligned:  $(XDG_STATE_HOME=$state "$cli" accuracy "$dir/conversation.truth.json" "$dir/conversation.md" --audio "$audio" --format json 2>/dev/null | cut_figures)"
  done <<LIST
same
preroll --preroll 38
ads --preroll 38 --insert 282:45 --insert 800:60
cut-intro --cut-intro 60
realistic --preroll 20 --insert 282:45 --insert 800:60 --backchannel 0.15 --bed /usr/share/asterisk/moh --reverb 40 --noise-db -38
LIST
}

if [ "${1:-all}" = cuts ]; then
  cuts
  exit 0
fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/tingdu"
narration="$cache/lex-fridman-333.narration.opus"
truth="$cache/lex-fridman-333.truth.json"
if [ ! -s "$narration" ]; then
  mkdir -p "$cache"
  "$cli" narrate assets/lex-fridman-333.md -o "$narration" --truth "$truth" --duration 12480 >/dev/null
fi
[ -s "$out/narration.mp3" ] || ffmpeg -nostdin -v error -y -i "$narration" -ar 44100 -ac 2 -b:a 128k "$out/narration.mp3"

[ -s "$out/voices40/conversation.mp3" ] || "$make" --out "$out/voices40" --voice Allison="$S/en_US_f_Allison" \
  --voice Carlo="$S/it_IT_m_Carlo" --music /usr/share/asterisk/moh --minutes 40 --seed 40 >/dev/null

speed() {  # label transcript audio [truth]
  local label=$1 transcript=$2 audio=$3 truth=${4:-}
  local t0 t1 ff ours
  t0=$(date +%s.%N); ffmpeg -nostdin -v error -i "$audio" -f null - ; t1=$(date +%s.%N)
  ff=$(echo "$t1 - $t0" | bc)
  rm -rf "$state"/*
  XDG_STATE_HOME=$state /usr/bin/time -f "%e %M" -o "$out/time.txt" "$cli" align "$transcript" --audio "$audio" >/dev/null 2>&1
  read -r ours rss < "$out/time.txt"
  printf '%s: ffmpeg -f null %.1f s; tingdu-cli align (analysis + alignment, no cache) %.1f s; ratio %.2f; peak RSS %.0f MB\n' \
    "$label" "$ff" "$ours" "$(echo "$ours / $ff" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  build/release/tests/bench/bench_align "$transcript" "$audio" | sed "s/^/$label: /"
  if [ -n "$truth" ]; then
    echo "$label: estimate: $(XDG_STATE_HOME=$state "$cli" accuracy "$truth" "$transcript" --audio "$audio" --no-align --format json 2>/dev/null | figures)"
    echo "$label: aligned:  $(XDG_STATE_HOME=$state "$cli" accuracy "$truth" "$transcript" --audio "$audio" --format json 2>/dev/null | figures)"
  fi
}

speed "narration (Opus, 3:28:00)" assets/lex-fridman-333.md "$narration" "$truth"
speed "narration (MP3 128k stereo, 3:28:00)" assets/lex-fridman-333.md "$out/narration.mp3"
speed "real voices (40 min)" "$out/voices40/conversation.md" "$out/voices40/conversation.mp3" "$out/voices40/conversation.truth.json"

# Accuracy on conversations of real voices: two women, two men-and-women, one man and one
# woman who sound alike, with music or another voice the transcript doesn't have.
while read -r name minutes seed stretch from a b c; do
  dir="$out/$name"
  [ -s "$dir/conversation.mp3" ] || "$make" --out "$dir" --minutes "$minutes" --seed "$seed" "$stretch" "$from" \
    --voice "$a" --voice "$b" ${c:+--voice "$c"} >/dev/null
  rm -rf "$state"/*
  echo "$name ($minutes min): estimate: $(XDG_STATE_HOME=$state "$cli" accuracy "$dir/conversation.truth.json" "$dir/conversation.md" --audio "$dir/conversation.mp3" --no-align --format json 2>/dev/null | figures)"
  echo "$name ($minutes min): aligned:  $(XDG_STATE_HOME=$state "$cli" accuracy "$dir/conversation.truth.json" "$dir/conversation.md" --audio "$dir/conversation.mp3" --format json 2>/dev/null | figures)"
done <<LIST
women-allison-june 12 51 --music /usr/share/asterisk/moh Allison=$S/en_US_f_Allison June=$S/fr_CA_f_June
women-july-armelle 20 52 --aside $S/it_IT_m_Carlo July=$S/es Armelle=$S/fr
mixed-carlo-irina 30 53 --music /usr/share/asterisk/moh Carlo=$S/it_IT_m_Carlo Irina=$S/ru_RU_f_IvrvoiceRU
alike-carlo-paola 25 54 --aside $S/es Carlo=$S/it_IT_m_Carlo Paola=$S/it_IT_f_Menardi
three-voices 15 55 --music /usr/share/asterisk/moh Allison=$S/en_US_f_Allison Carlo=$S/it_IT_m_Carlo June=$S/fr_CA_f_June
LIST
cuts
