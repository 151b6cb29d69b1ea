#!/bin/sh
# Active-low wiring on both lines: the relay line idles at 1 and drops to 0
# while engaged; a flame sensor pulling its line low means lit.
. /stove/guest-lib.sh
. /stove/guest-daemon.sh

RELAY_ACTIVE_LOW=true
FLAME_ACTIVE_LOW=true

plan daemon_started relay_idles_high flame_low_is_lit relay_engages_low relay_releases_high
stove_begin

check relay_idles_high "the released relay keeps the line at 1" stays_for 1 value_is stove "$RELAY" 1
sim_pull stove "$FLAME" pull-down
check flame_low_is_lit "a pulled-down flame line reads as lit" \
  wait_for 5 status_is '.burners[0].flame' true
stovectl off left
check relay_engages_low "stovectl off left drives the line to 0" wait_for 3 value_is stove "$RELAY" 0
sim_pull stove "$FLAME" pull-up
check relay_releases_high "after the pulse the line is back at 1" wait_for 10 value_is stove "$RELAY" 1
stove_stop
exit 0
