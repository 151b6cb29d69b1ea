#!/usr/bin/env bash
# Boots a guest test script in a tiny QEMU machine (software emulation, TCG)
# whose kernel has gpio-sim, and judges it by the STOVE-RESULT lines it prints.
#
#   run-guest.sh [--kernel BZIMAGE] [--timeout SECONDS] GUEST_SCRIPT [HOST_FILE...]
#
# The initramfs holds busybox, guest-lib.sh, the guest script and every
# HOST_FILE (as /bin/<name>) with the shared libraries ldd lists for it, so
# host-built binaries run unchanged. The console is streamed to stdout. Exit
# status 0 only if the guest reported at least one result, every result is
# PASS, and every name it announced with STOVE-PLAN was reported.
#
# Without --kernel the kernel comes from build-kernel.sh (cached per machine).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kernel=
limit=120

usage() { echo "usage: $0 [--kernel BZIMAGE] [--timeout SECONDS] GUEST_SCRIPT [HOST_FILE...]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --kernel) kernel=${2:?}; shift 2 ;;
    --timeout) limit=${2:?}; shift 2 ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || usage
guest_script=$1
shift
[ -f "$guest_script" ] || { echo "run-guest: no such guest script: $guest_script" >&2; exit 2; }
[ -n "$kernel" ] || kernel=$("$here/build-kernel.sh" | tail -n1)
gen_init_cpio=$(dirname "$kernel")/gen_init_cpio
for needed in "$kernel" "$gen_init_cpio" /bin/busybox; do
  [ -e "$needed" ] || { echo "run-guest: missing $needed" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/stove-guest.XXXXXX")
trap 'rm -rf "$work"' EXIT
list=$work/initramfs.list

# gen_init_cpio needs every parent directory listed before its contents.
declare -A listed_dirs=()
add_dirs() {
  local dir=$1 parents=()
  while [ "$dir" != / ] && [ -z "${listed_dirs[$dir]:-}" ]; do
    parents=("$dir" "${parents[@]}")
    dir=$(dirname "$dir")
  done
  for dir in "${parents[@]}"; do
    listed_dirs[$dir]=1
    echo "dir $dir 0755 0 0" >>"$list"
  done
}
add_file() {  # add_file GUEST_PATH HOST_PATH MODE
  add_dirs "$(dirname "$1")"
  echo "file $1 $(readlink -f "$2") $3 0 0" >>"$list"
}

declare -A listed_libs=()
add_libraries_of() {
  local lib
  # Not every file is a dynamic executable (scripts, static binaries): ldd
  # fails for those and there is nothing to copy.
  ldd "$1" >/dev/null 2>&1 || return 0
  if ldd "$1" | grep -q 'not found'; then
    echo "run-guest: unresolved libraries for $1:" >&2
    ldd "$1" | grep 'not found' >&2
    exit 2
  fi
  while read -r lib; do
    [ -z "${listed_libs[$lib]:-}" ] || continue
    listed_libs[$lib]=1
    add_file "$lib" "$lib" 0755
  done < <(ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
}

: >"$list"
for dir in /dev /proc /sys /tmp /run /etc /stove; do add_dirs "$dir"; done
echo "nod /dev/console 0600 0 0 c 5 1" >>"$list"
add_file /bin/busybox /bin/busybox 0755

# host files win over busybox applets of the same name
declare -A host_names=([busybox]=1)
for host_file in "$@"; do
  [ -f "$host_file" ] || { echo "run-guest: no such host file: $host_file" >&2; exit 2; }
  name=$(basename "$host_file")
  host_names[$name]=1
  # Debug builds carry tens of MB of DWARF the guest never reads; unpacking
  # them would double its boot time.
  mkdir -p "$work/bin"
  strip --strip-debug -o "$work/bin/$name" "$host_file" 2>/dev/null || cp "$host_file" "$work/bin/$name"
  add_file "/bin/$name" "$work/bin/$name" 0755
  add_libraries_of "$host_file"
done
for applet in $(/bin/busybox --list); do
  [ -n "${host_names[$applet]:-}" ] || echo "slink /bin/$applet busybox 0777 0 0" >>"$list"
done

cat >"$work/init" <<'EOF'
#!/bin/busybox sh
export PATH=/bin HOME=/tmp
mount -t proc none /proc
mount -t sysfs none /sys
mount -t devtmpfs none /dev
mount -t configfs none /sys/kernel/config
mount -t tmpfs none /tmp
mount -t tmpfs none /run
echo "STOVE-BOOTED $(cut -d' ' -f1 /proc/uptime) $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
cd /stove
sh /stove/test.sh
echo "STOVE-DONE $? $(cut -d' ' -f1 /proc/uptime)"
# with qemu -no-reboot a reboot ends qemu; x86 needs ACPI to power off
reboot -f
EOF
add_file /init "$work/init" 0755
for lib in "$here"/guest-*.sh; do add_file "/stove/$(basename "$lib")" "$lib" 0644; done
add_file /stove/test.sh "$guest_script" 0755

"$gen_init_cpio" "$list" >"$work/initramfs.cpio"

echo "run-guest: booting $(basename "$guest_script") with $# host file(s), initramfs $(($(stat -c %s "$work/initramfs.cpio") / 1024)) KiB, timeout ${limit}s"
console=$work/console.log
started=$(date +%s.%N)
# setpriv --pdeathsig: if this script is killed (ctest timeout), timeout and
# qemu die with it instead of running on; timeout bounds a hung guest.
set +e
setpriv --pdeathsig KILL timeout --kill-after=5 "$limit" \
  setpriv --pdeathsig KILL qemu-system-x86_64 -accel tcg -m 256M -smp 1 \
    -nodefaults -no-user-config -display none -serial stdio -no-reboot \
    -kernel "$kernel" -initrd "$work/initramfs.cpio" \
    -append "console=ttyS0 quiet panic=-1 clocksource=hpet" </dev/null \
  | stdbuf -oL tr -d '\r' | tee "$console"
qemu_status=${PIPESTATUS[0]}
set -e
elapsed=$(echo "$(date +%s.%N) - $started" | bc)

/usr/bin/python3 - "$console" "$qemu_status" "$elapsed" "$limit" <<'EOF'
import sys

console, qemu_status, elapsed, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
planned, results, booted, clock, done = [], {}, None, None, None
with open(console, errors="replace") as lines:
    for line in lines:
        words = line.split()
        if not words:
            continue
        if words[0] == "STOVE-PLAN":
            planned += words[1:]
        elif words[0] == "STOVE-RESULT" and len(words) >= 3:
            results[words[1]] = (words[2], " ".join(words[3:]))
        elif words[0] == "STOVE-BOOTED" and len(words) == 3:
            booted, clock = float(words[1]), words[2]
        elif words[0] == "STOVE-DONE" and len(words) == 3:
            done = (int(words[1]), float(words[2]))

problems = []
if qemu_status == 124:
    problems.append(f"guest timed out after {limit}s")
elif qemu_status != 0:
    problems.append(f"qemu exited with status {qemu_status}")
if done is None:
    problems.append("guest did not finish its script")
elif done[0] != 0:
    problems.append(f"guest script exited with status {done[0]}")
if not results:
    problems.append("no STOVE-RESULT reported")
problems += [f"{name}: planned but not reported" for name in planned if name not in results]
problems += [f"{name}: {detail}" for name, (verdict, detail) in results.items() if verdict != "PASS"]

print("run-guest: ---- summary ----")
for name, (verdict, detail) in results.items():
    print(f"run-guest: {verdict} {name}: {detail}")
timing = f"qemu ran {elapsed:.1f} s"
if booted is not None:
    timing += f", kernel up at {booted:.2f} s (clocksource {clock})"
    if done is not None:
        timing += f", boot-to-result {done[1] - booted:.2f} s"
print(f"run-guest: {timing}")
for problem in problems:
    print(f"run-guest: FAILED {problem}")
sys.exit(1 if problems else 0)
EOF
