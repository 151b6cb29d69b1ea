#!/bin/sh
# A lockout holds the relay engaged beyond the pulse; a flame lit during it
# is cut as a manual shutoff; unlock releases the relay.
. /stove/guest-lib.sh
. /stove/guest-daemon.sh

plan daemon_started lock_engages lock_status lock_holds flame_during_lock unlock_releases
stove_begin

# manual_shutoffs : how many manual shutoff events the daemon has recorded.
manual_shutoffs() {
  stovectl --json events | jq -s '[.[] | select(.kind == "shutoff" and .reason == "manual")] | length'
}
# more_manual_shutoffs_than N
more_manual_shutoffs_than() {
  [ "$(manual_shutoffs)" -gt "$1" ]
}

stovectl lock left
check lock_engages "stovectl lock left engages the relay of the unlit burner" wait_for 3 relay_is engaged
check lock_status "status shows the burner locked" status_is '.burners[0].locked' true
check lock_holds "the relay stays engaged past pulse $PULSE + verify_within $VERIFY_WITHIN" \
  stays_for 4 relay_is engaged
before=$(manual_shutoffs)
flame lit  # someone holds the knob in while the burner is locked
check flame_during_lock "the flame is recorded as a manual shutoff ($before before)" \
  wait_for 5 more_manual_shutoffs_than "$before"
flame out
stovectl unlock left
check unlock_releases "stovectl unlock left releases the relay" wait_for 5 relay_is released
stove_stop
exit 0
