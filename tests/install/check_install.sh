#!/usr/bin/env bash
# cmake --install into a temporary prefix, then run the programs from there: they find the
# bundled episode under the prefix, not in the source tree.
#   check_install.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
"$prefix/bin/tingdu-cli" --version
"$prefix/bin/tingdu-cli" check "$prefix/share/tingdu/lex-fridman-333.md" | grep -q "turns:     1151"
version=$("$prefix/bin/tingdu" --version)
echo "$version"
case "$version" in
  *"$prefix/share/tingdu/lex-fridman-333.md"*) ;;
  *) echo "tingdu installed in $prefix does not find its bundled episode there" >&2; exit 1 ;;
esac
for f in share/applications/io.github.tingdu.Tingdu.desktop share/metainfo/io.github.tingdu.Tingdu.metainfo.xml \
         share/icons/hicolor/scalable/apps/io.github.tingdu.Tingdu.svg share/icons/hicolor/48x48/apps/io.github.tingdu.Tingdu.png; do
  [ -s "$prefix/$f" ] || { echo "missing after install: $f" >&2; exit 1; }
done
echo "installed into $prefix and ran from there"
