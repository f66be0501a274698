#!/usr/bin/env bash
# Checks that the Tingdu .deb installs into a fresh Debian 12 (bookworm) root and runs there:
# apt must pull every dependency from the package's Depends list, the binaries must find all
# their libraries, and tingdu --version, tingdu-cli --version, tingdu-cli check and
# tingdu-cli timeline must work (no display needed).
#
# NOT part of the test suite: it needs root and network access to deb.debian.org, and the first
# run downloads a minbase bookworm root (debootstrap, ~100 MB) plus the dependencies (~150 MB).
#
# The pristine minbase root is kept in /var/tmp/tingdu-deb-root and reused by later runs; it is
# never modified. Each run installs into a throw-away copy (/var/tmp/tingdu-deb-root.run), which
# is deleted on exit, so every run starts from a fresh root. Downloaded .debs are cached in
# /var/tmp/tingdu-deb-cache so reruns do not download the dependencies again.
#
# Usage: sudo bash scripts/check-deb.sh [DEB]      (default: build/release/tingdu_*.deb)
#        KEEP_ROOT=1 keeps the run copy for inspection (chroot /var/tmp/tingdu-deb-root.run).
set -euo pipefail

cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
  deb=$1
else
  debs=(build/release/tingdu_*.deb)
  deb=${debs[-1]}
fi
[ -f "$deb" ] || { echo "check-deb: no package at $deb" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "check-deb: must run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null ||
  { echo "check-deb: apt-get install -y --no-install-recommends debootstrap" >&2; exit 1; }

mirror=http://deb.debian.org/debian
base=/var/tmp/tingdu-deb-root
root=/var/tmp/tingdu-deb-root.run
cache=/var/tmp/tingdu-deb-cache
debname=$(basename "$deb")

step() { printf '\n=== %s\n' "$*"; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }

cleanup() {
  local rc=$?
  for m in "$root/var/cache/apt/archives" "$root/proc"; do
    if mountpoint -q "$m"; then umount "$m" || umount -l "$m"; fi
  done
  if [ -z "${KEEP_ROOT:-}" ] && [ -d "$root" ]; then rm -rf --one-file-system "$root"; fi
  if [ "$rc" -eq 0 ]; then echo "check-deb: OK"; else echo "check-deb: FAILED (exit $rc)" >&2; fi
  exit "$rc"
}
trap cleanup EXIT

# 1. Pristine minbase root, made once (an interrupted debootstrap leaves no marker, so it is redone).
if [ ! -f "$base/.tingdu-base-complete" ]; then
  step "debootstrap --variant=minbase bookworm $base"
  rm -rf --one-file-system "$base"
  t0=$SECONDS
  debootstrap --variant=minbase bookworm "$base" "$mirror"
  cat >"$base/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  rm -f "$base"/var/cache/apt/archives/*.deb
  touch "$base/.tingdu-base-complete"
  echo "debootstrap took $((SECONDS - t0)) s"
else
  step "reusing minbase root $base"
fi

# 2. Throw-away copy to install into.
step "copying the root to $root"
if [ -d "$root" ]; then
  for m in "$root/var/cache/apt/archives" "$root/proc"; do
    if mountpoint -q "$m"; then umount "$m" || umount -l "$m"; fi
  done
  rm -rf --one-file-system "$root"
fi
cp -a "$base" "$root"
cp "$deb" "$root/$debname"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$cache/partial"
mount --bind "$cache" "$root/var/cache/apt/archives"
mount -t proc proc "$root/proc"

# 3. Install: apt must resolve everything in Depends from the archive.
step "apt-get update"
in_root apt-get update -q
step "apt-get install -y ./$debname"
t0=$SECONDS
in_root apt-get install -y -q "./$debname"
echo "install took $((SECONDS - t0)) s"
echo "installed size of tingdu: $(in_root dpkg-query -W -f='${Installed-Size}' tingdu) KiB"
echo "root size after install: $(du -sm --one-file-system "$root" | cut -f1) MiB" \
  "(minbase: $(du -sm --one-file-system "$base" | cut -f1) MiB, .deb cache not counted)"

# 4. Every library found?
step "ldd: libraries not found"
missing=$(in_root sh -c 'ldd /usr/bin/tingdu /usr/bin/tingdu-cli | grep "not found" || true')
if [ -n "$missing" ]; then echo "$missing"; exit 1; fi
echo "none"

# 5. Run it (no display, no audio device).
step "tingdu --version"
in_root tingdu --version
step "tingdu-cli --version"
in_root tingdu-cli --version
step "tingdu-cli check /usr/share/tingdu/lex-fridman-333.md"
in_root tingdu-cli check /usr/share/tingdu/lex-fridman-333.md
step "tingdu-cli timeline /usr/share/tingdu/lex-fridman-333.md | head -5"
# Written to a file first: piping into head would kill tingdu-cli with SIGPIPE under pipefail.
in_root tingdu-cli timeline /usr/share/tingdu/lex-fridman-333.md >"$root/timeline.txt"
head -5 "$root/timeline.txt"
echo "... ($(wc -l <"$root/timeline.txt") lines)"
