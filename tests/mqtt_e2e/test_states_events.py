"""States follow what happens locally (stovectl, the sim stove), and events
reach Home Assistant's event entities, never retained."""

import json
import unittest

from rig import BASE, E2ECase


class StatesFollowLocalChanges(E2ECase):
    def test_flame_valve_state_and_temperature(self):
        ha = self.start_all()
        self.expect_state(ha, "left_flame", "OFF")
        room = self.burner(self.status(), "left")["temperature_c"]
        self.expect_state(ha, "left_temperature", f"{room:.1f}")
        mark = ha.mark()
        self.ignite("left")
        self.expect_state(ha, "left_flame", "ON", after=mark)
        self.expect_state(ha, "left_valve", "open", after=mark)
        self.expect_state(ha, "state", "cooking", after=mark)
        self.ctl_ok("sim", "temp", "left", "182.5")
        self.expect_state(ha, "left_temperature", "182.5", after=mark)
        self.assertEqual(ha.latest(BASE + "/right_valve/state"), "closed", "the other burner untouched")

        mark = ha.mark()
        self.ctl_ok("sim", "extinguish", "left")
        self.expect_state(ha, "left_flame", "OFF", after=mark)
        self.expect_state(ha, "left_valve", "closed", after=mark)
        self.expect_state(ha, "state", "idle", after=mark)

    def test_local_locks_show_on_the_lockout_switch_only_when_every_burner_is_locked(self):
        ha = self.start_all()
        mark = ha.mark()
        self.ctl_ok("lock", "left")
        self.expect_state(ha, "state", "locked", after=mark)
        self.assertEqual(ha.latest(BASE + "/lockout/state"), "OFF")
        self.ctl_ok("lock", "right")
        self.expect_state(ha, "lockout", "ON", after=mark)
        mark = ha.mark()
        self.ctl_ok("unlock")
        self.expect_state(ha, "lockout", "OFF", after=mark)
        self.expect_state(ha, "state", "idle", after=mark)

    def test_failed_shutoff_raises_the_problem_sensor_with_attributes(self):
        ha = self.start_all()
        self.expect_state(ha, "problem", "OFF")
        self.ignite("left")
        self.ctl_ok("sim", "fault", "left", "stuck-valve")
        mark = ha.mark()
        code, out, _ = self.ctl("off", "left", "--wait")
        self.assertEqual(code, 1, out)
        self.assertIn("shutoff_failed:left", self.status()["problems"])
        self.expect_state(ha, "problem", "ON", after=mark)
        self.expect_state(ha, "state", "fault", after=mark)
        attributes = ha.wait_for(lambda m: m.topic == BASE + "/problem/attributes" and
                                 "shutoff_failed:left" in json.loads(m.text)["problems"], after=mark)
        self.assertIsNotNone(attributes, ha.latest(BASE + "/problem/attributes"))
        self.assertEqual(self.retained()[BASE + "/problem/state"].text, "ON")


class Events(E2ECase):
    def test_away_with_a_lit_burner_fires_a_warning_event(self):
        ha = self.start_all()
        self.ignite("left")
        self.ctl_ok("away", "on")
        warning = ha.wait_for(lambda m: m.topic == BASE + "/warning/event")
        self.assertIsNotNone(warning, "no warning event" + self.log_tail())
        payload = json.loads(warning.text)
        self.assertEqual(payload["event_type"], "away")
        self.assertIn("burner", payload)
        self.assertEqual(payload["cut_at"], self.status()["warning"]["cut_at"])
        self.assertNotIn(BASE + "/warning/event", self.retained())

    def test_a_cut_fires_a_shutoff_event_with_its_reason(self):
        ha = self.start_all()
        self.ignite("left")
        self.ctl_ok("off", "left", "--after", "2s")
        shutoff = ha.wait_for(lambda m: m.topic == BASE + "/shutoff/event")
        self.assertIsNotNone(shutoff, "no shutoff event" + self.log_tail())
        self.assertEqual(json.loads(shutoff.text), {"event_type": "timer", "burner": "left"})
        self.ctl_ok("sim", "ignite", "right")
        self.wait_status(lambda s: self.burner(s, "right")["flame"], "right lit")
        mark = ha.mark()
        self.ctl_ok("off", "right")
        manual = ha.wait_for(lambda m: m.topic == BASE + "/shutoff/event", after=mark)
        self.assertIsNotNone(manual)
        self.assertEqual(json.loads(manual.text), {"event_type": "manual", "burner": "right"})
        self.assertNotIn(BASE + "/shutoff/event", self.retained())


if __name__ == "__main__":
    unittest.main()
