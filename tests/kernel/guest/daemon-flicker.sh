#!/bin/sh
# Flames flicker: short dropouts of a lit flame and short blips of an unlit
# one are debounced away, so the log shows one "flame lit" for the whole
# flickering period and one "flame out" at its end.
. /stove/guest-lib.sh
. /stove/guest-daemon.sh

FLAME_ON_HOLD_MS=300
FLAME_OFF_HOLD_MS=1000

plan daemon_started blips_ignored steady_lit flicker_one_lit flame_out_after_hold
stove_begin

# toggle N STATE SECONDS BACK_STATE BACK_SECONDS : N short excursions to
# STATE; sets $longest to the longest one in ms, as the guest clock saw it
# (read from /proc/uptime without forking, so the measurement is tight).
toggle() {
  local i=0 from to
  longest=0
  while [ "$i" -lt "$1" ]; do
    read -r from _ </proc/uptime
    flame "$2"; sleep "$3"; flame "$4"
    read -r to _ </proc/uptime
    longest=$(awk -v a="$from" -v b="$to" -v l="$longest" 'BEGIN { d = (b - a) * 1000; printf "%d", (d > l ? d : l) }')
    sleep "$5"
    i=$((i + 1))
  done
}

toggle 5 lit 0.05 out 0.2
sleep 0.5
check blips_ignored "5 lit blips of 50 ms (longest $longest ms, on-hold $FLAME_ON_HOLD_MS ms) log no 'flame lit'" \
  log_count_is 'burner left: flame lit' 0
flame lit
check steady_lit "a steady flame logs 'flame lit'" wait_for 5 log_count_is 'burner left: flame lit' 1
toggle 20 out 0.05 lit 0.1
sleep 1.5  # longer than flame_off_hold, so a wrongly seen dropout would be logged by now
lit=$(log_count 'burner left: flame lit')
out=$(log_count 'burner left: flame out')
check flicker_one_lit "20 dropouts of 50 ms (longest $longest ms, off-hold $FLAME_OFF_HOLD_MS ms): $lit 'flame lit', $out 'flame out' lines" [ "$lit:$out" = 1:0 ]
flame out
check flame_out_after_hold "the flame going out logs one 'flame out'" \
  wait_for 5 log_count_is 'burner left: flame out' 1
stove_stop
exit 0
