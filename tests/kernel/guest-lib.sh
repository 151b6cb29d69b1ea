# Shell helpers for guest test scripts (busybox sh), sourced as
# /stove/guest-lib.sh. They drive the kernel's gpio-sim through configfs and
# sysfs and report to the host with marker lines on the serial console, which
# run-guest.sh parses:
#   STOVE-PLAN name...            the results this script promises
#   STOVE-RESULT name PASS|FAIL detail

GPIO_SIM_CONFIG=/sys/kernel/config/gpio-sim

# plan NAME... : announce every result name up front, so a guest that dies
# half-way fails on the host instead of passing with fewer results.
plan() {
  echo "STOVE-PLAN $*"
}

# result NAME PASS|FAIL DETAIL...
result() {
  local name="$1" verdict="$2"
  shift 2
  echo "STOVE-RESULT $name $verdict $*"
}

# check NAME DETAIL COMMAND... : PASS when COMMAND succeeds; returns its
# status so a script can stop when later steps depend on this one.
check() {
  local name="$1" detail="$2"
  shift 2
  if "$@"; then
    result "$name" PASS "$detail"
  else
    result "$name" FAIL "$detail (failed: $*)"
    return 1
  fi
}

# sim_chip_create NAME NUM_LINES [OFFSET:LINE_NAME...] : a live gpio-sim
# chip with one bank, optionally naming some lines.
sim_chip_create() {
  local name="$1" chip="$GPIO_SIM_CONFIG/$1" lines="$2" named
  shift 2
  mkdir "$chip" "$chip/bank0" || return 1
  echo "$lines" > "$chip/bank0/num_lines"
  for named in "$@"; do
    mkdir "$chip/bank0/line${named%%:*}"
    echo "${named#*:}" > "$chip/bank0/line${named%%:*}/name"
  done
  echo 1 > "$chip/live"
  # the character device appears asynchronously through devtmpfs
  wait_for 5 test -c "/dev/$(sim_chip_name "$name")"
}

# sim_chip_name NAME : the gpiochipN name the kernel gave that chip.
sim_chip_name() {
  cat "$GPIO_SIM_CONFIG/$1/bank0/chip_name"
}

sim_line_dir() {
  echo "/sys/devices/platform/$(cat "$GPIO_SIM_CONFIG/$1/dev_name")/$(sim_chip_name "$1")/sim_gpio$2"
}

# sim_value NAME LINE : the line's current value (0/1) as the chip sees it:
# the driven level for an output, the pulled level for an input.
sim_value() {
  cat "$(sim_line_dir "$1" "$2")/value"
}

# sim_pull NAME LINE pull-up|pull-down : what the outside world applies to an
# input line (a sensor's output level).
sim_pull() {
  echo "$3" > "$(sim_line_dir "$1" "$2")/pull"
}

# line_used CHIP OFFSET : some process holds the line (gpioinfo: [used]).
line_used() {
  gpioinfo "$1" | grep -E "line +$2:" | grep -q '\[used\]'
}

# value_is NAME LINE EXPECTED : for use with check and wait_for.
value_is() {
  [ "$(sim_value "$1" "$2")" = "$3" ]
}

# wait_for SECONDS COMMAND... : poll COMMAND every 50 ms until it succeeds;
# fails once SECONDS have passed, so a broken guest cannot hang forever.
wait_for() {
  local tries=$(($1 * 20))
  shift
  while [ "$tries" -gt 0 ]; do
    "$@" && return 0
    sleep 0.05
    tries=$((tries - 1))
  done
  "$@"
}

# stays_for SECONDS COMMAND... : COMMAND keeps succeeding for SECONDS (polled
# every 50 ms); the negative counterpart of wait_for.
stays_for() {
  local tries=$(($1 * 20))
  shift
  while [ "$tries" -gt 0 ]; do
    "$@" || return 1
    sleep 0.05
    tries=$((tries - 1))
  done
}
