#!/bin/sh
# Away mode with a lit burner: a warning for away_grace, then the cut.
. /stove/guest-lib.sh
. /stove/guest-daemon.sh

plan daemon_started flame_seen away_warning away_cut away_reason
stove_begin

flame lit
check flame_seen "status shows the lit flame" wait_for 5 status_is '.burners[0].flame' true

# warned_not_cut : the warning is shown while the relay is still released.
warned_not_cut() {
  status_is '.warning.reason' away && relay_is released
}
stovectl away on
away_at=$(uptime_s)
check away_warning "an away warning comes before the cut" wait_for 3 warned_not_cut
wait_for 10 relay_is engaged
engaged_at=$(uptime_s)
# cut_after_grace : engaged, and not before the grace period was over.
cut_after_grace() {
  relay_is engaged && at_least 0.8 "$away_at" "$engaged_at"
}
check away_cut "relay engaged after away_grace $AWAY_GRACE (away at $away_at s, engaged at $engaged_at s)" \
  cut_after_grace
flame out
check away_reason "last_shutoff.reason is away" wait_for 5 status_is '.last_shutoff.reason' away
stove_stop
exit 0
