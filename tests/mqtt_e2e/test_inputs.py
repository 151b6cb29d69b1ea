"""Inputs from Home Assistant (presence, smoke and gas alarms) are states:
live and retained values count (interfaces.md §4)."""

import time
import unittest

from rig import DEFAULT_CONFIG, E2ECase

PRESENCE = DEFAULT_CONFIG["presence"]["mqtt_topic"]
SMOKE = DEFAULT_CONFIG["alarm"]["smoke_topic"]
GAS = DEFAULT_CONFIG["alarm"]["gas_topic"]
QUICK_UNATTENDED = {"unattended_after": "2s", "warn_for": "1m"}


def unattended_warning(status):
    return status["warning"] is not None and status["warning"]["reason"] == "unattended"


class Inputs(E2ECase):
    def test_presence_on_holds_the_unattended_rule_and_off_starts_it(self):
        ha = self.start_all(rules=QUICK_UNATTENDED)
        ha.publish(PRESENCE, "ON", retain=True)
        self.ignite("left")
        time.sleep(4)  # twice unattended_after
        self.assertIsNone(self.status()["warning"], "someone is present")
        ha.publish(PRESENCE, "OFF", retain=True)
        self.wait_status(unattended_warning, "an unattended warning once nobody is present")

    def test_smoke_alarm_cuts_and_locks_until_cleared_and_unlocked_locally(self):
        self.check_alarm(SMOKE)

    def test_gas_alarm_cuts_and_locks_until_cleared_and_unlocked_locally(self):
        self.check_alarm(GAS)

    def check_alarm(self, topic):
        ha = self.start_all()
        self.ignite("left", "right")
        ha.publish(topic, "ON")
        status = self.wait_status(
            lambda s: all(b["locked"] and not b["flame"] for b in s["burners"]), "every burner cut and locked")
        self.assertEqual(status["last_shutoff"]["reason"], "alarm")
        reasons = {(e["burner"], e["reason"]) for e in self.events() if e["kind"] == "shutoff"}
        self.assertEqual(reasons, {("left", "alarm"), ("right", "alarm")})
        self.expect_state(ha, "lockout", "ON")

        code, _, err = self.ctl("unlock")
        self.assertEqual(code, 1, "unlock is refused while the alarm is active")
        self.assertTrue(err.strip())
        self.command(ha, "lockout", "OFF")  # not even remotely
        self.assertTrue(all(b["locked"] for b in self.status()["burners"]))

        ha.publish(topic, "OFF")
        # Clearing the alarm alone does not unlock: the latch needs a person.
        time.sleep(1)
        self.assertTrue(all(b["locked"] for b in self.status()["burners"]))
        code, _, err = self.wait_for_unlock()
        self.assertEqual(code, 0, err)
        self.wait_status(lambda s: not any(b["locked"] for b in s["burners"]), "unlocked")

    def wait_for_unlock(self):
        """unlock until it is accepted: the OFF travels through the broker."""
        deadline = time.monotonic() + 10
        while True:
            code, out, err = self.ctl("unlock")
            if code == 0 or time.monotonic() > deadline:
                return code, out, err
            time.sleep(0.2)

    def test_retained_inputs_are_honoured_at_start(self):
        self.broker.start()
        ha = self.home_assistant()
        ha.publish(PRESENCE, "ON", retain=True)
        ha.publish(SMOKE, "ON", retain=True)
        self.start_stoved(rules=QUICK_UNATTENDED)
        self.wait_status(lambda s: all(b["locked"] for b in s["burners"]), "the retained smoke alarm latched")
        code, _, _ = self.ctl("unlock")
        self.assertEqual(code, 1, "the retained alarm is active")

        ha.publish(SMOKE, "OFF", retain=True)
        code, _, err = self.wait_for_unlock()
        self.assertEqual(code, 0, err)
        self.ignite("left")
        time.sleep(4)  # twice unattended_after
        self.assertIsNone(self.status()["warning"], "the retained presence ON counts")


if __name__ == "__main__":
    unittest.main()
