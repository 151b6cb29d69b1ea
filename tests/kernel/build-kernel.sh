#!/usr/bin/env bash
# Builds the small x86-64 test kernel with gpio-sim (tinyconfig + gpio-sim.config)
# from Debian's linux-source-6.1, or reuses the one already built on this
# machine, and prints the bzImage path on the last stdout line. The kernel's
# gen_init_cpio tool is cached next to it because run-guest.sh uses it to pack
# initramfs images without root.
#
# The cache lives outside the source tree so a fresh clone or build directory
# does not pay the few minutes again; its key covers everything that changes
# the result. A flock makes concurrent callers wait for one build.
#
# Environment: STOVE_CACHE_DIR (default $XDG_CACHE_HOME/stoveguard or
# ~/.cache/stoveguard), STOVE_KERNEL_JOBS (default 2: the machines are shared).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
fragment=$here/gpio-sim.config
source_tar=/usr/src/linux-source-6.1.tar.xz
source_pkg=linux-source-6.1
# Bump when the build steps below change in a way that changes the output.
recipe_version=1

log() { echo "build-kernel: $*" >&2; }
die() { log "error: $*"; exit 1; }

[ -r "$source_tar" ] || die "$source_tar missing: apt-get install $source_pkg bc bison flex libelf-dev"
for tool in gcc make bison flex bc flock xz; do
  command -v "$tool" >/dev/null || die "'$tool' not found (see the PACKAGES list in ./run)"
done

key=$({
  echo "recipe $recipe_version"
  cat "$fragment"
  gcc --version | head -n1
  dpkg-query -W -f='${Version}\n' "$source_pkg"
} | sha256sum | cut -c1-16)

cache_root=${STOVE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stoveguard}
image_dir=$cache_root/kernel-$key
mkdir -p "$cache_root"

exec 9>"$image_dir.lock"
if ! flock -n 9; then
  log "another run is building the kernel; waiting for it"
  flock 9
fi

if [ -f "$image_dir/bzImage" ] && [ -x "$image_dir/gen_init_cpio" ]; then
  log "using cached kernel $image_dir/bzImage"
  echo "$image_dir/bzImage"
  exit 0
fi

jobs=${STOVE_KERNEL_JOBS:-2}
work=$(mktemp -d "$cache_root/kernel-$key.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
log "building the gpio-sim test kernel once for this machine (a few minutes, -j$jobs) in $work"
started=$SECONDS

tar -xJf "$source_tar" -C "$work"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'linux-source-*' -print -quit)
[ -n "$src" ] || die "no linux-source-* directory in $source_tar"

kmake() { make -C "$src" ARCH=x86_64 -s "$@"; }
kmake tinyconfig
# merge_config warns about every fragment value Kconfig overrode; the check
# below turns that into an error so a silently dropped option cannot hide.
(cd "$src" && ARCH=x86_64 scripts/kconfig/merge_config.sh -m .config "$fragment" >/dev/null)
kmake olddefconfig

missing=()
while IFS= read -r wanted; do
  grep -qx -- "$wanted" "$src/.config" || missing+=("$wanted")
done < <(grep -E '^CONFIG_[A-Z0-9_]+=' "$fragment")
[ ${#missing[@]} -eq 0 ] || die "options not accepted by Kconfig: ${missing[*]}"

kmake -j"$jobs" bzImage
gcc -O2 -o "$work/gen_init_cpio" "$src/usr/gen_init_cpio.c"

staging=$work/out
mkdir -p "$staging"
cp "$src/arch/x86/boot/bzImage" "$work/gen_init_cpio" "$staging/"
cp "$src/.config" "$staging/config"
rm -rf "$image_dir"
mv "$staging" "$image_dir"
# Deleting the build tree takes a while on a busy disk; waiting callers can
# use the kernel meanwhile.
exec 9>&-
rm -rf "$work"
log "built $image_dir/bzImage ($(stat -c %s "$image_dir/bzImage") bytes) in $((SECONDS - started)) s"
echo "$image_dir/bzImage"
