#!/bin/sh
# When another process holds the relay line, stoved refuses to start (exit 1)
# and says which line, instead of running without its actuator.
. /stove/guest-lib.sh
. /stove/guest-daemon.sh

plan busy_exit_status busy_message holder_undisturbed
stove_chip || { result busy_exit_status FAIL "cannot create the gpio-sim chip"; exit 1; }
gpioset --mode=signal "$chip" "$RELAY=0" &
holder=$!
wait_for 5 line_used "$chip" "$RELAY"

stove_write_config
mkdir -p /run/stoved /tmp/stoved-state
timeout 20 stoved --config "$STOVED_CONFIG" 2>"$STOVED_LOG"
status=$?
cat "$STOVED_LOG"
check busy_exit_status "stoved exits 1 when its relay line is taken (exit $status)" [ "$status" = 1 ]
check busy_message "the error names line $RELAY" \
  grep -Eiq "line[^0-9]{0,20}$RELAY([^0-9]|\$)" "$STOVED_LOG"
check holder_undisturbed "the holder still owns the line, value 0" \
  sh -c "kill -0 $holder && [ \"\$(cat $(sim_line_dir stove "$RELAY")/value)\" = 0 ]"
kill "$holder"; wait "$holder"
exit 0
