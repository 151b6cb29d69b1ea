"""Every command topic end to end on the sim stove, Home Assistant publishing
and stovectl checking (interfaces.md §3: command payloads, remote safety)."""

import datetime
import unittest

from rig import E2ECase, state_topic


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


class Commands(E2ECase):
    def test_cut_now_cuts_every_lit_burner(self):
        ha = self.start_all()
        self.ignite("left", "right")
        self.expect_state(ha, "left_valve", "open")
        self.command(ha, "cut_now", "PRESS")
        status = self.wait_status(lambda s: not any(b["flame"] for b in s["burners"]), "every flame out")
        self.assertEqual(status["last_shutoff"]["reason"], "manual")
        self.expect_state(ha, "left_valve", "closed")
        self.expect_state(ha, "right_flame", "OFF")

    def test_burner_cut_button_cuts_only_that_burner(self):
        ha = self.start_all()
        self.ignite("left", "right")
        self.command(ha, "right_cut", "PRESS")
        status = self.wait_status(lambda s: not self.burner(s, "right")["flame"], "right out")
        self.assertEqual(status["last_shutoff"]["burner"], "right")
        self.assertEqual(status["last_shutoff"]["reason"], "manual")
        self.assertTrue(self.burner(status, "left")["flame"], "left keeps cooking")
        self.expect_state(ha, "right_valve", "closed")

    def test_valve_close_cuts_that_burner_and_open_is_refused(self):
        ha = self.start_all()
        self.ignite("left", "right")
        self.command(ha, "left_valve", "OPEN")
        self.command(ha, "left_valve", "CLOSE")
        status = self.wait_status(lambda s: not self.burner(s, "left")["flame"], "left out")
        self.assertEqual(status["last_shutoff"]["burner"], "left")
        self.assertEqual(status["last_shutoff"]["reason"], "manual")
        self.assertTrue(self.burner(self.status(), "right")["flame"])
        self.expect_state(ha, "left_valve", "closed")

    def test_timer_sets_and_cancels_the_stove_wide_cut(self):
        ha = self.start_all()
        self.ignite("left")
        self.command(ha, "timer", "1")
        status = self.wait_status(lambda s: s["shutoff_at"] is not None, "a stove-wide timer")
        ahead = parse_time(status["shutoff_at"]) - datetime.datetime.now(datetime.timezone.utc)
        self.assertGreater(ahead.total_seconds(), 30)
        self.assertLessEqual(ahead.total_seconds(), 61)
        self.expect_state(ha, "timer", "1")
        self.expect_state(ha, "shutoff_at", status["shutoff_at"])

        self.command(ha, "timer", "0")
        self.wait_status(lambda s: s["shutoff_at"] is None, "the timer cancelled")
        self.expect_state(ha, "timer", "0")
        self.expect_state(ha, "shutoff_at", "None")
        self.assertTrue(self.burner(self.status(), "left")["flame"], "cancelling cuts nothing")

    def test_away_switch(self):
        ha = self.start_all()
        self.command(ha, "away", "ON")
        self.wait_status(lambda s: s["away"], "away on")
        self.expect_state(ha, "away", "ON")
        mark = ha.mark()
        self.command(ha, "away", "OFF")
        self.wait_status(lambda s: not s["away"], "away off")
        self.expect_state(ha, "away", "OFF", after=mark)

    def test_lockout_on_locks_every_burner_and_remote_off_is_refused(self):
        ha = self.start_all()
        self.ignite("left")
        self.command(ha, "lockout", "ON")
        status = self.wait_status(lambda s: all(b["locked"] for b in s["burners"]), "every burner locked")
        self.expect_state(ha, "lockout", "ON")
        status = self.wait_status(lambda s: not self.burner(s, "left")["flame"], "the lit burner cut")
        self.assertEqual(status["last_shutoff"]["reason"], "manual")

        mark = ha.mark()
        self.command(ha, "lockout", "OFF")
        # The refusal re-publishes ON so that Home Assistant flips the switch back.
        self.expect_state(ha, "lockout", "ON", after=mark)
        self.assertTrue(all(b["locked"] for b in self.status()["burners"]))
        self.assertIsNone(ha.wait_value(state_topic("lockout"), "OFF", timeout=1, after=mark))

    def test_remote_unlock_when_the_config_allows_it(self):
        ha = self.start_all(mqtt={"allow_remote_unlock": True})
        self.command(ha, "lockout", "ON")
        self.wait_status(lambda s: all(b["locked"] for b in s["burners"]), "every burner locked")
        self.expect_state(ha, "lockout", "ON")
        self.command(ha, "lockout", "OFF")
        self.wait_status(lambda s: not any(b["locked"] for b in s["burners"]), "every burner unlocked")
        self.expect_state(ha, "lockout", "OFF")

    def test_here_cancels_an_unattended_warning(self):
        ha = self.start_all(rules={"unattended_after": "2s", "warn_for": "1m"})
        self.ignite("left")
        self.wait_status(lambda s: s["warning"] is not None and s["warning"]["reason"] == "unattended",
                         "an unattended warning")
        self.expect_state(ha, "state", "warning")
        mark = ha.mark()
        self.command(ha, "here", "PRESS")
        status = self.wait_status(lambda s: s["warning"] is None, "the warning cancelled")
        self.assertTrue(self.burner(status, "left")["flame"], "here keeps the burner lit")
        self.expect_state(ha, "state", "cooking", after=mark)

    def test_unattended_guard_switch(self):
        ha = self.start_all()
        self.expect_state(ha, "unattended_guard", "ON")
        mark = ha.mark()
        self.command(ha, "unattended_guard", "OFF")
        self.wait_status(lambda s: not s["unattended_guard"], "guard off")
        self.expect_state(ha, "unattended_guard", "OFF", after=mark)
        mark = ha.mark()
        self.command(ha, "unattended_guard", "ON")
        self.wait_status(lambda s: s["unattended_guard"], "guard on")
        self.expect_state(ha, "unattended_guard", "ON", after=mark)


if __name__ == "__main__":
    unittest.main()
