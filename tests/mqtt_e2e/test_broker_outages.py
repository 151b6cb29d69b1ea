"""The broker is not a safety component: stoved starts and cuts without it,
and when it comes (back) Home Assistant gets the whole picture again."""

import json
import unittest

from rig import BASE, PREFIX, E2ECase

# Reconnects back off up to 60 s; the first few retries come within ~15 s.
RECONNECT_S = 40
ENTITIES = 18  # the rig's config: 11 stove-wide + 4 for left + 3 for right


class BrokerOutages(E2ECase):
    def assert_full_picture(self, ha):
        """Availability, every discovery config and the states, as retained
        messages on a broker that had forgotten everything."""
        self.assertIsNotNone(ha.wait_value(BASE + "/availability", "online", timeout=RECONNECT_S),
                             "stoved never (re)connected" + self.log_tail())
        self.wait_announced(ha, ENTITIES)
        retained = self.retained()
        configs = [t for t in retained if t.startswith(PREFIX + "/") and t.endswith("/config")]
        self.assertEqual(len(configs), ENTITIES, sorted(configs))
        self.assertEqual(retained[BASE + "/availability"].text, "online")
        return {t.removeprefix(BASE + "/"): m.text for t, m in retained.items() if t.startswith(BASE)}

    def test_broker_down_at_start_then_up(self):
        self.start_stoved()
        self.ignite("left")
        self.ctl_ok("off", "left", "--after", "2s")
        status = self.wait_status(lambda s: not self.burner(s, "left")["flame"], "the local timer cut")
        self.assertEqual(status["last_shutoff"]["reason"], "timer")
        self.ctl_ok("sim", "ignite", "right")
        self.wait_status(lambda s: self.burner(s, "right")["flame"], "right lit")
        self.assertIsNone(self.daemon.poll())

        self.broker.start()
        ha = self.home_assistant()
        states = self.assert_full_picture(ha)
        self.assertEqual(states["left_valve/state"], "closed")
        self.assertEqual(states["right_valve/state"], "open")
        self.assertEqual(states["right_flame/state"], "ON")
        self.assertEqual(states["state/state"], "cooking")
        self.assertIn("cannot reach broker", self.log(), "the outage is logged once")
        self.assertEqual(self.log().count("cannot reach broker"), 1)

    def test_broker_killed_mid_cook_and_restarted(self):
        ha = self.start_all()
        self.ignite("left", "right")
        self.expect_state(ha, "right_valve", "open")
        self.ctl_ok("off", "left", "--after", "2s")
        self.broker.kill()
        ha.close()

        status = self.wait_status(lambda s: not self.burner(s, "left")["flame"], "the timer cut without a broker")
        self.assertEqual(status["last_shutoff"]["burner"], "left")
        self.assertEqual(status["last_shutoff"]["reason"], "timer")
        self.ctl_ok("sim", "temp", "left", "150")
        self.ctl_ok("away", "on")

        self.broker.start()
        ha = self.home_assistant("home-assistant-again")
        states = self.assert_full_picture(ha)
        self.assertEqual(states["left_flame/state"], "OFF")
        self.assertEqual(states["left_valve/state"], "closed")
        self.assertEqual(states["right_flame/state"], "ON")
        self.assertEqual(states["left_temperature/state"], "150.0")
        self.assertEqual(states["away/state"], "ON")
        self.assertEqual(states["timer/state"], "0")
        self.assertEqual(json.loads(states["problem/attributes"]), {"problems": []})
        # Commands work on the new connection.
        self.command(ha, "cut_now", "PRESS")
        self.wait_status(lambda s: not any(b["flame"] for b in s["burners"]), "every burner out")
        self.expect_state(ha, "right_valve", "closed")


if __name__ == "__main__":
    unittest.main()
