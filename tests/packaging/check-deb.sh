#!/usr/bin/env bash
# Builds the .deb from this build tree into a temp dir and checks what a user
# gets: the files in their places, binaries that run, the unit's postinst,
# and an example config the packaged daemon accepts.
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpack --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/stoveguard_*.deb)
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/control"

fail() { echo "FAIL: $*"; exit 1; }
for f in usr/bin/stoved usr/bin/stovectl usr/lib/systemd/system/stoved.service \
         usr/lib/sysusers.d/stoveguard.conf usr/lib/tmpfiles.d/stoveguard.conf \
         usr/share/doc/stoveguard/stoved.example.toml usr/share/doc/stoveguard/docs/wiring.md; do
  [ -e "$work/root/$f" ] || fail "$f missing from the package"
done
[ -x "$work/control/postinst" ] || fail "postinst missing or not executable"
grep -q "systemd-sysusers" "$work/control/postinst" || fail "postinst does not create the user"
grep -q "^Depends:.*libgpiod" "$work/control/control" || fail "Depends lacks libgpiod"
"$work/root/usr/bin/stoved" --version | grep -q "^stoved " || fail "packaged stoved does not run"
"$work/root/usr/bin/stoved" --check-config "$work/root/usr/share/doc/stoveguard/stoved.example.toml" \
  || fail "packaged stoved refuses the packaged example config"
"$work/root/usr/bin/stovectl" --help >/dev/null || fail "packaged stovectl does not run"
echo "package ok: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
