"""Issue 3: the safety rules end to end (unattended, away, lockout, overheat,
closed-loop failure), observed through status, events and exit codes."""

import json
import time
import unittest

from stovetest import UNATTENDED_RULES, StoveTestCase, parse_time


class UnattendedTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.write_config(rules=UNATTENDED_RULES)
        self.start_daemon()
        self.ignite("left")

    def wait_for_warning(self, reason):
        status = self.wait_for(lambda s: s["warning"] is not None, f"a {reason} warning")
        self.assertEqual(status["warning"]["reason"], reason)
        self.assertEqual(status["state"], "warning")
        self.assertTrue(self.burner(status, "left")["flame"], "a warning comes before the cut")
        return status["warning"]

    def test_lit_and_nobody_there_warns_then_cuts(self):
        warning = self.wait_for_warning("unattended")
        self.assertEqual(warning["burner"], "left")
        status = self.wait_for(lambda s: not self.burner(s, "left")["flame"], "the unattended cut")
        self.assertEqual(status["last_shutoff"]["reason"], "unattended")
        self.assertEqual(status["last_shutoff"]["burner"], "left")
        self.assertGreaterEqual(parse_time(status["last_shutoff"]["at"]), parse_time(warning["cut_at"]))
        self.assertIsNone(status["warning"])

        events = [e for e in self.events() if e["kind"] in ("warning", "shutoff")]
        self.assertEqual([(e["kind"], e["reason"], e["burner"]) for e in events],
                         [("warning", "unattended", "left"), ("shutoff", "unattended", "left")])
        self.assertEqual(events[0]["cut_at"], warning["cut_at"])
        log = self.read_log()
        self.assertLess(log.index('"kind":"warning"'), log.index('"kind":"shutoff"'))

    def _acknowledging_cancels_the_warning(self, *acknowledge):
        first = self.wait_for_warning("unattended")
        self.ctl_ok(*acknowledge)
        status = self.status()
        self.assertIsNone(status["warning"])
        self.assertEqual(status["state"], "cooking")
        # The timer starts again from the acknowledgement: a second warning
        # comes, later than the first cut would have happened, and no cut
        # happened in between.
        second = self.wait_for_warning("unattended")
        self.assertGreater(parse_time(second["cut_at"]), parse_time(first["cut_at"]))
        self.ctl_ok("guard", "off")
        status = self.status()
        self.assertIsNone(status["warning"])
        self.assertTrue(self.burner(status, "left")["flame"])
        self.assertIsNone(status["last_shutoff"])
        kinds = [k for k, _ in self.kinds_and_reasons(self.events())]
        self.assertNotIn("shutoff", kinds)
        self.assertEqual(kinds[:2], ["warning", "cancelled"])

    def test_motion_cancels_the_warning(self):
        self._acknowledging_cancels_the_warning("sim", "motion")

    def test_here_cancels_the_warning(self):
        self._acknowledging_cancels_the_warning("here")


class GuardConfigTest(StoveTestCase):
    def test_config_can_start_with_the_guard_off(self):
        self.write_config(rules={**UNATTENDED_RULES, "unattended_guard": False})
        self.start_daemon()
        self.assertIs(self.status()["unattended_guard"], False)
        self.ignite("left")
        # Nothing may happen; unattended_after (3 s) + warn_for (2 s) + margin.
        time.sleep(8)
        status = self.status()
        self.assertTrue(self.burner(status, "left")["flame"])
        self.assertIsNone(status["warning"])
        self.assertEqual(self.events(), [])
        # The rule was off, not broken: switched on, it warns.
        self.ctl_ok("guard", "on")
        status = self.wait_for(lambda s: s["warning"] is not None, "the unattended warning")
        self.assertEqual(status["warning"]["reason"], "unattended")


class AwayTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.start_daemon()
        self.ignite("left")

    def test_away_with_a_lit_burner_warns_then_cuts(self):
        self.ctl_ok("away", "on")
        status = self.wait_for(lambda s: s["warning"] is not None, "the away warning")
        self.assertTrue(status["away"])
        self.assertEqual(status["warning"]["reason"], "away")
        self.assertTrue(self.burner(status, "left")["flame"])
        status = self.wait_for(lambda s: not self.burner(s, "left")["flame"], "the away cut")
        self.assertEqual(status["last_shutoff"]["reason"], "away")
        self.assertEqual([(k, r) for k, r in self.kinds_and_reasons(self.events(), "left")
                          if k in ("warning", "shutoff")],
                         [("warning", "away"), ("shutoff", "away")])

    def test_away_off_during_the_warning_keeps_the_flame(self):
        self.ctl_ok("away", "on")
        self.wait_for(lambda s: s["warning"] is not None, "the away warning")
        self.ctl_ok("away", "off")
        status = self.status()
        self.assertFalse(status["away"])
        self.assertIsNone(status["warning"])
        self.assertTrue(self.burner(status, "left")["flame"])
        self.assertNotIn("shutoff", [k for k, _ in self.kinds_and_reasons(self.events())])


class LockoutTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.start_daemon()

    def test_a_locked_burner_cannot_stay_lit(self):
        self.ctl_ok("lock", "left")
        status = self.status()
        left = self.burner(status, "left")
        self.assertTrue(left["locked"])
        self.assertTrue(left["relay_engaged"])
        self.assertFalse(self.burner(status, "right")["locked"])
        self.assertEqual(status["state"], "locked")
        self.assertIsNone(status["last_shutoff"], "locking an unlit burner cuts nothing")

        self.ctl_ok("sim", "ignite", "left")
        status = self.wait_for(lambda s: s["last_shutoff"] is not None and not self.burner(s, "left")["flame"],
                               "the locked burner cut")
        self.assertEqual(status["last_shutoff"]["reason"], "manual")
        self.assertEqual(status["last_shutoff"]["burner"], "left")
        self.assertTrue(self.burner(status, "left")["relay_engaged"], "the lock still holds the relay")
        self.assertIn("burner left: flame lit", self.read_log())
        self.assertIn(("shutoff", "manual"), self.kinds_and_reasons(self.events(), "left"))

        self.ctl_ok("unlock", "left")
        status = self.wait_for(lambda s: not self.burner(s, "left")["relay_engaged"], "relay released")
        self.assertFalse(self.burner(status, "left")["locked"])
        self.assertEqual(status["state"], "idle")

    def test_locking_a_lit_burner_cuts_it_with_reason_manual(self):
        self.ignite("right")
        self.ctl_ok("lock", "right")
        status = self.wait_for(lambda s: not self.burner(s, "right")["flame"], "right cut by the lock")
        self.assertEqual(status["last_shutoff"], {**status["last_shutoff"], "burner": "right", "reason": "manual"})
        self.assertTrue(self.burner(status, "right")["relay_engaged"])


class OverheatTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.start_daemon()
        self.ignite("left")

    def test_overheat_cuts_at_once_without_a_warning(self):
        self.ctl_ok("sim", "temp", "left", "200")
        self.wait_for(lambda s: self.burner(s, "left")["temperature_c"] == 200, "a reading below the limit")
        self.assertTrue(self.burner(self.status(), "left")["flame"], "200 °C is below overheat_c")

        self.ctl_ok("sim", "temp", "left", "320.5")
        status = self.wait_for(lambda s: not self.burner(s, "left")["flame"], "the overheat cut")
        self.assertEqual(status["last_shutoff"]["reason"], "overheat")
        self.assertEqual(status["last_shutoff"]["burner"], "left")
        events = self.events()
        self.assertIn(("shutoff", "overheat"), self.kinds_and_reasons(events, "left"))
        self.assertNotIn("warning", [e["kind"] for e in events], "an emergency never waits")
        self.assertNotIn('"kind":"warning"', self.read_log())


class ClosedLoopTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.start_daemon()
        self.ignite("left")

    def test_off_wait_returns_once_the_flame_is_confirmed_out(self):
        code, out, err = self.ctl("--json", "off", "left", "--wait")
        self.assertEqual(code, 0, err)
        self.assertIs(json.loads(out)["ok"], True)
        # No polling here: --wait promises the check is over when it returns.
        status = self.status()
        left = self.burner(status, "left")
        self.assertFalse(left["flame"])
        self.assertFalse(left["cutting"])
        self.assertEqual(self.kinds_and_reasons(self.events(), "left"),
                         [("shutoff", "manual"), ("confirmed", "manual")])

    def test_stuck_valve_fails_the_shutoff_until_the_flame_goes_out(self):
        self.ctl_ok("sim", "fault", "left", "stuck-valve")
        code, out, err = self.ctl("--json", "off", "left", "--wait", timeout=90)
        self.assertEqual(code, 1, err)
        reply = json.loads(out)
        self.assertIs(reply["ok"], False)
        self.assertIn("left", err)

        status = self.status()
        self.assertIn("shutoff_failed:left", status["problems"])
        self.assertEqual(status["state"], "fault")
        left = self.burner(status, "left")
        self.assertTrue(left["flame"])
        self.assertTrue(left["relay_engaged"], "the relay stays engaged after a failed shutoff")
        kinds = [k for k, _ in self.kinds_and_reasons(self.events(), "left")]
        self.assertEqual(kinds[0], "shutoff")
        self.assertEqual(kinds[-1], "shutoff_failed")
        self.assertIn("<3>event", self.read_log(), "a failed shutoff is logged as an error")

        self.ctl_ok("sim", "extinguish", "left")
        status = self.wait_for(lambda s: not s["problems"] and not self.burner(s, "left")["relay_engaged"],
                               "the problem cleared and the relay released")
        self.assertFalse(self.burner(status, "left")["flame"])
        self.assertEqual(status["state"], "idle")


if __name__ == "__main__":
    unittest.main()


class MaxOnTest(StoveTestCase):
    def test_a_burner_lit_too_long_is_warned_then_cut_even_with_someone_there(self):
        self.write_config(rules={"max_on": "4s", "warn_for": "2s"})
        self.start_daemon()
        self.ignite("left")
        status = self.wait_for(lambda s: s["warning"] is not None, "the max_on warning")
        self.assertEqual((status["warning"]["reason"], status["warning"]["burner"]), ("max_on", "left"))
        cut_at = parse_time(status["warning"]["cut_at"])
        # Presence does not cancel max_on: only extend or turning it off does.
        self.ctl_ok("here")
        self.assertEqual(self.status()["warning"]["reason"], "max_on")
        status = self.wait_for(lambda s: not self.burner(s, "left")["flame"], "the max_on cut")
        self.assertEqual(status["last_shutoff"]["reason"], "max_on")
        self.assertGreaterEqual(parse_time(status["last_shutoff"]["at"]), cut_at)
        warned = [e for e in self.events() if e["kind"] in ("warning", "shutoff")]
        self.assertEqual([(e["kind"], e["reason"]) for e in warned], [("warning", "max_on"), ("shutoff", "max_on")])


class SensorFaultTest(StoveTestCase):
    def test_an_unplugged_sensor_cuts_and_locks_until_it_is_back(self):
        self.write_config()
        self.start_daemon()
        self.ignite("left")
        self.ctl_ok("sim", "fault", "left", "sensor-unplugged")
        status = self.wait_for(lambda s: "sensor_fault:left" in s["problems"], "the sensor fault")
        self.assertEqual(status["state"], "fault")
        status = self.wait_for(lambda s: self.burner(s, "left")["locked"], "the fault lock")
        self.assertTrue(self.burner(status, "left")["relay_engaged"])
        shutoffs = [e for e in self.events() if e["kind"] == "shutoff"]
        self.assertEqual([(e["reason"], e["burner"]) for e in shutoffs], [("sensor_fault", "left")])
        # A person cannot unlock a burner whose sensor is broken.
        code, _, err = self.ctl("unlock", "left")
        self.assertEqual(code, 1)
        self.assertIn("sensor fault", err)
        self.ctl_ok("sim", "fault", "left", "clear")
        status = self.wait_for(lambda s: not s["problems"], "the fault to clear")
        self.assertFalse(self.burner(status, "left")["locked"])
        # The cut goes on to its closed-loop end: flame out, relay released.
        status = self.wait_for(lambda s: s["state"] == "idle", "the cut to finish")
        self.assertFalse(self.burner(status, "left")["flame"])
        self.assertFalse(self.burner(status, "left")["relay_engaged"])
