#!/usr/bin/env bash
# cpack -G DEB in the build folder: the package holds the programs, the episode and the desktop
# files, and its Depends (from dpkg-shlibdeps) name the libraries' packages.
#   check_package.sh BUILD_DIR
set -euo pipefail
build=$1
cd "$build"
rm -f tingdu_*.deb
cpack -G DEB >/dev/null
deb=$(ls tingdu_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "$deb: Depends: $depends"
for needed in libsdl2 libavcodec libavformat libswresample libicu libespeak-ng fonts-noto-cjk libc6; do
  case "$depends" in
    *"$needed"*) ;;
    *) echo "$deb: Depends lacks $needed" >&2; exit 1 ;;
  esac
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/tingdu ./usr/bin/tingdu-cli ./usr/share/tingdu/lex-fridman-333.md \
         ./usr/share/applications/io.github.tingdu.Tingdu.desktop ./usr/share/metainfo/io.github.tingdu.Tingdu.metainfo.xml; do
  grep -q " $f\$" <<<"$contents" || { echo "$deb lacks $f" >&2; exit 1; }
done
echo "$deb is complete"
