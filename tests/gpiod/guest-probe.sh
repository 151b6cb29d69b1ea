#!/bin/sh
# The libgpiod adapters on real GPIO character-device lines (gpio-sim), run
# by tests/kernel/run-guest.sh with gpiod_probe, gpioinfo, gpiodetect and
# gpiomon as host files:
#   run-guest.sh tests/gpiod/guest-probe.sh BUILD/tests/gpiod/gpiod_probe \
#     /usr/bin/gpioinfo /usr/bin/gpiodetect /usr/bin/gpiomon
. /stove/guest-lib.sh

plan starts_released engage release flame_lit flame_out flicker_one_period clean_exit_frees \
  crash_frees busy_refused out_of_range by_label by_path

RELAY=0
FLAME=1
LOG=/tmp/probe.log
sim_chip_create probe 8 || { result setup FAIL "cannot create the gpio-sim chip"; exit 1; }
chip=$(sim_chip_name probe)
sim_pull probe $FLAME pull-up  # an active-low flame module idles high: no flame

count() { grep -c "^$1\$" $LOG; }
count_is() { [ "$(count "$1")" = "$2" ]; }
line_free() { ! line_used "$chip" "$1"; }
logged() { grep -qF "$1" $LOG; }

# start_probe: gpiod_probe in the background, commands through fd 3.
start_probe() {
  rm -f /tmp/cmd && mkfifo /tmp/cmd
  gpiod_probe --chip "$chip" --relay $RELAY --flame $FLAME --active-low \
    --on-hold-ms 100 --off-hold-ms 1000 </tmp/cmd >$LOG 2>&1 &
  probe=$!
  exec 3>/tmp/cmd
  wait_for 10 grep -q '^ready' $LOG
}

start_probe
check starts_released "active-low relay requested released, line high: $(head -n1 $LOG)" value_is probe $RELAY 1
echo engage >&3
check engage "engage drives the active-low relay line low" wait_for 5 value_is probe $RELAY 0
echo release >&3
check release "release drives it high again" wait_for 5 value_is probe $RELAY 1

sim_pull probe $FLAME pull-down
check flame_lit "active-low flame pulled low reads lit after the on hold" wait_for 5 count_is 'flame lit' 1
sim_pull probe $FLAME pull-up
check flame_out "and out after the off hold" wait_for 5 count_is 'flame out' 1

# 20 edges about 20 ms apart, far inside the 1 s off hold: one lit period.
i=0
while [ $i -lt 10 ]; do
  sim_pull probe $FLAME pull-down; sleep 0.02
  sim_pull probe $FLAME pull-up; sleep 0.02
  i=$((i + 1))
done
wait_for 10 count_is 'flame out' 2
stays_for 2 count_is 'flame out' 2
flicker_ok() { count_is 'flame lit' 2 && count_is 'flame out' 2; }
check flicker_one_period "flicker: $(count 'flame lit') lit and $(count 'flame out') out reports in all" flicker_ok

echo quit >&3
exec 3>&-
wait $probe
status=$?
clean_exit_ok() { [ "$status" = 0 ] && line_free $RELAY; }
check clean_exit_frees "quit exits 0 ($status) and gives the relay line back" clean_exit_ok

# A crash: the kernel frees the line with the file descriptor. What the pin
# does then is the chip driver's choice; gpio-sim falls back to the pull.
sim_pull probe $RELAY pull-up
start_probe
echo engage >&3
wait_for 5 value_is probe $RELAY 0
kill -9 $probe
wait $probe
exec 3>&-
wait_for 5 line_free $RELAY
crash_ok() { line_free $RELAY && value_is probe $RELAY 1; }
check crash_frees "after SIGKILL while engaged the line is free, value back to the pull ($(sim_value probe $RELAY))" crash_ok

gpiomon "$chip" $FLAME >/dev/null &
holder=$!
wait_for 5 line_used "$chip" $FLAME
echo quit | gpiod_probe --chip "$chip" --relay $RELAY --flame $FLAME >$LOG 2>&1
status=$?
cat $LOG
busy_ok() {
  [ "$status" = 1 ] && logged "GPIO line $FLAME (flame of burner 'probe') on $chip is busy (held by 'gpiomon')" &&
    line_free $RELAY
}
check busy_refused "busy flame line: exit $status, relay line left alone" busy_ok
kill $holder; wait $holder

echo quit | gpiod_probe --chip "$chip" --relay $RELAY --flame 99 >$LOG 2>&1
status=$?
cat $LOG
range_ok() { [ "$status" = 1 ] && logged "GPIO line 99 (flame of burner 'probe') is out of range: $chip has 8 lines"; }
check out_of_range "line 99: exit $status" range_ok

label=$(gpiodetect | sed -n "s/^$chip \[\(.*\)\].*/\1/p")
echo quit | gpiod_probe --chip "$label" --relay $RELAY --flame $FLAME >$LOG 2>&1
check by_label "chip found by its label '$label'" grep -q '^ready' $LOG
echo quit | gpiod_probe --chip "/dev/$chip" --relay $RELAY --flame $FLAME >$LOG 2>&1
check by_path "chip found by its path /dev/$chip" grep -q '^ready' $LOG
exit 0
