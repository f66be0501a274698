#!/usr/bin/env bash
# Feed benchmarks (docs/BENCHMARKS.md, "Feeds"): parse time of a 2,000- and a 20,000-item feed,
# a loopback download against `curl -o` of the same file, and the time to a file's first 256 KB
# when served at 2 MB/s; lighttpd on 127.0.0.1 (a free port) serves a temporary folder. Only
# 127.0.0.1 is ever contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target bench_feeds bench_first_audio >/dev/null
bench=build/release/tests/bench/bench_feeds
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
"$bench" parse "${PARSE_RUNS:-50}"

dir=$(mktemp -d /var/tmp/tingdu-bench-feeds.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
mkdir -p "$dir/www" "$dir/out"
head -c "${DOWNLOAD_MB:-300}M" /dev/urandom > "$dir/www/episode.bin"
mkdir -p "$dir/www/slow" && head -c 20M "$dir/www/episode.bin" > "$dir/www/slow/episode.bin"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# An episode for "choose it, hear it": 10 minutes of MP3 (about 5 MB) and an SRT, served at 2 MB/s.
ffmpeg -nostdin -loglevel error -f lavfi -i "sine=frequency=220:duration=600" -ac 1 -c:a libmp3lame -b:a 64k "$dir/www/slow/episode.mp3"
printf '1\n00:00:00,000 --> 00:05:00,000\nA: one\n\n2\n00:05:00,000 --> 00:10:00,000\nB: two\n' > "$dir/www/slow/episode.srt"
cat > "$dir/lighttpd.conf" <<CONF
server.document-root = "$dir/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$dir/error.log"
\$HTTP["url"] =~ "^/slow/" { connection.kbytes-per-second = 2048 }
CONF
lighttpd -D -f "$dir/lighttpd.conf" & pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$port/episode.bin" && break; sleep 0.1; done
"$bench" download "http://127.0.0.1:$port/episode.bin" "$dir/out" "${DOWNLOAD_RUNS:-5}"
"$bench" first-bytes "http://127.0.0.1:$port/slow/episode.bin" "$dir/out" $((256 * 1024)) "${FIRST_RUNS:-5}"
# The peer: curl reading the same URL until it has the same 256 KB (lighttpd's rate limit sends
# in bursts per second, which both wait for alike).
t0=$(date +%s.%N)
curl -s "http://127.0.0.1:$port/slow/episode.bin" 2>/dev/null | head -c $((256 * 1024)) >/dev/null || true
printf 'curl, first 256 KB of the same URL: %.3f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
cat > "$dir/www/feed.xml" <<FEED
<?xml version="1.0"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Bench</title>
<item><title>Episode</title><guid>e</guid><enclosure url="http://127.0.0.1:$port/slow/episode.mp3" type="audio/mpeg"/>
<podcast:transcript url="http://127.0.0.1:$port/slow/episode.srt" type="application/x-subrip"/></item></channel></rss>
FEED
build/release/tests/bench/bench_first_audio "http://127.0.0.1:$port/feed.xml" "$dir/first-audio" "${FIRST_RUNS:-5}"
