#!/bin/sh
# stovectl off on a lit burner pulses the relay line for cutoff.pulse.
. /stove/guest-lib.sh
. /stove/guest-daemon.sh

plan daemon_started relay_idle flame_seen relay_engaged relay_pulse shutoff_recorded
stove_begin

check relay_idle "the relay line is released at start" relay_is released
flame lit
check flame_seen "status shows the lit flame" wait_for 5 status_is '.burners[0].flame' true
stovectl off left
check relay_engaged "stovectl off left drives the relay line to 1" wait_for 3 relay_is engaged
engaged_at=$(uptime_s)
flame out  # the opened thermocouple circuit drops the valve
wait_for 10 relay_is released
released_at=$(uptime_s)
check relay_pulse "relay released after ~$PULSE (engaged at $engaged_at s, released at $released_at s)" \
  at_least 0.8 "$engaged_at" "$released_at"
check shutoff_recorded "last_shutoff.reason is manual" \
  wait_for 5 status_is '.last_shutoff.reason' manual
stove_stop
exit 0
