#!/usr/bin/env bash
# Installs the Debian 12 packages Tingdu builds, tests and runs with. Idempotent: packages that
# are already installed are skipped, and apt is not touched at all when nothing is missing.
# Runs as root, or through sudo otherwise.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake make pkg-config git
  # libraries
  libsdl2-dev libimgui-dev libavformat-dev libavcodec-dev libavutil-dev libswresample-dev
  libavfilter-dev libicu-dev catch2 nlohmann-json3-dev libcli11-dev libfontconfig-dev libespeak-ng-dev
  libsystemd-dev libcurl4-openssl-dev libpugixml-dev
  # runtime: fonts, a display for the window and screenshots, audio tools for test data
  fonts-noto-cjk xvfb xauth libgl1-mesa-dri ffmpeg espeak-ng
  # tests: keys typed into the real window, a CPU load beside the suite
  xdotool stress-ng time bc
  # tests: room reverb for the conversations of real voices (make_conversation --reverb)
  sox
  # tests: the desktop's player controls through a real client on a private session bus
  playerctl dbus
  # tests: recordings of real voices (Asterisk's prompts: Allison, Carlo, Armelle, July) and
  # music, for conversations the alignment is tested on (tests/tools/make_conversation.cpp)
  asterisk-core-sounds-en-gsm asterisk-core-sounds-it-gsm asterisk-prompt-fr-armelle asterisk-prompt-es-co
  asterisk-moh-opsound-gsm
  # tests: the desktop files' validators, and cpack -G DEB with dpkg-shlibdeps (which needs file)
  desktop-file-utils appstream dpkg-dev file
  # tests and benchmarks: a real web server on 127.0.0.1 for feeds and downloads (HTTPS with a
  # certificate openssl makes for the test), and curl to compare downloads with
  lighttpd lighttpd-mod-openssl openssl curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
