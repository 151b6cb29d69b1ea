# Helpers for guest scripts that run the real stoved on a gpio-sim chip
# (busybox sh), sourced as /stove/guest-daemon.sh after guest-lib.sh.
#
# One burner "left" wired as in the documented example config: relay on
# line 17, flame sensor on line 27, PIR on line 24 of a 28-line chip.
# The config is written from these variables; a scenario sets the ones it
# needs before calling stove_start.
RELAY_ACTIVE_LOW=false
FLAME_ACTIVE_LOW=false
FLAME_ON_HOLD_MS=200
FLAME_OFF_HOLD_MS=500
PULSE=1s
VERIFY_WITHIN=2s
AWAY_GRACE=1s

STOVED_CONFIG=/etc/stoved.toml
STOVED_LOG=/tmp/stoved.log
STOVED_SOCKET=/run/stoved/control.sock
export STOVED_SOCKET
RELAY=17 FLAME=27 PIR=24

# stove_chip : the gpio-sim chip the daemon's config names; sets $chip and
# $flame_pull (written directly, so toggling the flame costs no fork).
stove_chip() {
  sim_chip_create stove 28 17:relay-left 27:flame-left 24:pir || return 1
  chip=$(sim_chip_name stove)
  flame_pull=$(sim_line_dir stove "$FLAME")/pull
}

stove_write_config() {
  cat >"$STOVED_CONFIG" <<EOF
[device]
id = "kernel_test"
name = "Kernel test stove"

[hardware]
backend = "gpiod"
chip = "$chip"

[[burner]]
id = "left"
name = "Left burner"
relay_line = $RELAY
relay_active_low = $RELAY_ACTIVE_LOW
flame_line = $FLAME
flame_active_low = $FLAME_ACTIVE_LOW
flame_on_hold_ms = $FLAME_ON_HOLD_MS
flame_off_hold_ms = $FLAME_OFF_HOLD_MS

[presence]
pir_line = $PIR
pir_active_low = false

[cutoff]
pulse = "$PULSE"
verify_within = "$VERIFY_WITHIN"
retries = 2

[rules]
unattended_after = "30m"
warn_for = "2m"
away_grace = "$AWAY_GRACE"
max_on = "4h"
overheat_c = 300

[control]
socket = "$STOVED_SOCKET"

[state]
dir = "/tmp/stoved-state"
EOF
}

# stove_start : write the config, start stoved in the background ($stoved)
# and wait until it answers on its control socket.
stove_start() {
  stove_write_config
  mkdir -p /run/stoved /tmp/stoved-state
  stoved --config "$STOVED_CONFIG" 2>"$STOVED_LOG" &
  stoved=$!
  wait_for 20 stovectl status >/dev/null 2>&1
}

# stove_begin : the chip, every burner out, then stoved; reports
# daemon_started and ends the script when the daemon does not come up.
stove_begin() {
  stove_chip || { result daemon_started FAIL "cannot create the gpio-sim chip"; exit 1; }
  flame out
  check daemon_started "stoved --config $STOVED_CONFIG answers on $STOVED_SOCKET" stove_start \
    || { stove_stop; exit 1; }
}

# stove_stop : stop stoved and show its log (ctest prints it on failure).
stove_stop() {
  kill -TERM "$stoved" 2>/dev/null
  wait "$stoved"
  echo "---- stoved log ----"
  cat "$STOVED_LOG"
  echo "---- end of stoved log ----"
}

# flame lit|out : what the burner's flame sensor outputs, in its wiring.
flame() {
  case "$1:$FLAME_ACTIVE_LOW" in
    lit:false | out:true) echo pull-up >"$flame_pull" ;;
    *) echo pull-down >"$flame_pull" ;;
  esac
}

# relay_is engaged|released : the relay line's level, in its wiring.
relay_is() {
  case "$1:$RELAY_ACTIVE_LOW" in
    engaged:false | released:true) value_is stove "$RELAY" 1 ;;
    *) value_is stove "$RELAY" 0 ;;
  esac
}

# status_is JQ_FILTER VALUE : a field of `stovectl --json status` has VALUE.
status_is() {
  [ "$(stovectl --json status | jq -r "$1")" = "$2" ]
}

# event_seen JQ_SELECT : `stovectl --json events` has a matching event.
event_seen() {
  stovectl --json events | jq -e "select($1)" >/dev/null
}

# log_count TEXT : how many stoved log lines contain TEXT.
log_count() {
  grep -c -F "$1" "$STOVED_LOG"
}

# log_count_is TEXT N : for use with check and wait_for.
log_count_is() {
  [ "$(log_count "$1")" = "$2" ]
}

uptime_s() {
  cut -d' ' -f1 /proc/uptime
}

# at_least SECONDS FROM TO : TO - FROM (uptime_s values) >= SECONDS.
at_least() {
  awk -v min="$1" -v from="$2" -v to="$3" 'BEGIN { exit !(to - from >= min) }'
}
