#!/bin/sh
# Proves the rig itself with Debian's gpiod tools (libgpiod 1.6, the library
# the daemon's adapter uses): what a process does to a line through the
# character device is what gpio-sim shows, and back.
. /stove/guest-lib.sh

plan line_names output_value input_pull active_low edge_event busy_line

sim_chip_create rig 4 0:relay-left 1:flame-left || { result setup FAIL "cannot create the gpio-sim chip"; exit 1; }
chip=$(sim_chip_name rig)

check line_names "configfs line names show in gpioinfo" \
  sh -c "gpioinfo $chip | grep -E 'line +0:' | grep -q relay-left"

gpioset --mode=signal "$chip" 0=1 &
holder=$!
check output_value "gpioset 0=1 drives sim_gpio0 to 1" wait_for 5 value_is rig 0 1
kill "$holder"; wait "$holder"

sim_pull rig 1 pull-up
high=$(gpioget "$chip" 1)
sim_pull rig 1 pull-down
low=$(gpioget "$chip" 1)
check input_pull "gpioget reads pull-up as 1 ($high), pull-down as 0 ($low)" \
  [ "$high$low" = 10 ]

sim_pull rig 1 pull-up
inverted_in=$(gpioget --active-low "$chip" 1)
gpioset --active-low --mode=signal "$chip" 0=1 &
holder=$!
wait_for 5 line_used "$chip" 0
inverted_out=$(sim_value rig 0)
kill "$holder"; wait "$holder"
check active_low "active-low: pulled-up input reads $inverted_in, active output drives $inverted_out" \
  [ "$inverted_in$inverted_out" = 00 ]

gpiomon --num-events=1 --rising-edge "$chip" 3 >/tmp/edges &
monitor=$!
wait_for 5 line_used "$chip" 3
sim_pull rig 3 pull-up
check edge_event "gpiomon sees the rising edge of a pull-up" \
  wait_for 5 grep -q RISING /tmp/edges
wait "$monitor"

gpiomon "$chip" 2 >/dev/null &
monitor=$!
wait_for 5 line_used "$chip" 2
if gpioget "$chip" 2 2>/tmp/busy.err; then
  result busy_line FAIL "gpioget read line 2 while gpiomon held it"
else
  result busy_line PASS "a held line is refused to another process: $(cat /tmp/busy.err)"
fi
kill "$monitor"; wait "$monitor"
exit 0
