"""Discovery, availability, Home Assistant's birth message and the last will,
as Home Assistant sees them (interfaces.md §3)."""

import json
import signal
import time
import unittest

from rig import BASE, DEVICE, PREFIX, E2ECase

# interfaces.md §3 for the two-burner config of the rig (only `left` has a
# temperature source).
EXPECTED_KEYS = {
    "state": "sensor", "cut_now": "button", "timer": "number", "shutoff_at": "sensor",
    "away": "switch", "lockout": "switch", "here": "button", "unattended_guard": "switch",
    "problem": "binary_sensor", "warning": "event", "shutoff": "event",
    "left_flame": "binary_sensor", "left_temperature": "sensor", "left_cut": "button",
    "left_valve": "valve",
    "right_flame": "binary_sensor", "right_cut": "button", "right_valve": "valve",
}


def discovery_configs(messages):
    return {topic: m for topic, m in messages.items()
            if topic.startswith(PREFIX + "/") and topic.endswith("/config")}


class Discovery(E2ECase):
    def test_every_entity_is_announced_retained_with_its_device(self):
        ha = self.start_all()
        self.wait_announced(ha, len(EXPECTED_KEYS))
        retained = self.retained()
        configs = discovery_configs(retained)
        keys = {}
        for topic, message in configs.items():
            payload = json.loads(message.text)
            key = payload["unique_id"].removeprefix(DEVICE + "_")
            self.assertEqual(payload["unique_id"], f"{DEVICE}_{key}")
            platform = EXPECTED_KEYS.get(key)
            self.assertIsNotNone(platform, f"unexpected entity {key} on {topic}")
            self.assertEqual(topic, f"{PREFIX}/{platform}/{DEVICE}/{key}/config")
            self.assertEqual(payload["default_entity_id"], f"{platform}.{DEVICE}_{key}")
            self.assertNotIn("object_id", payload)
            self.assertEqual(payload["availability_topic"], BASE + "/availability")
            self.assertIn(DEVICE, payload["device"]["identifiers"])
            self.assertEqual(payload["device"]["name"], "E2E stove")
            keys[key] = payload
        self.assertEqual(set(keys), set(EXPECTED_KEYS))
        self.assertEqual(len(configs), len(EXPECTED_KEYS), "one config per entity")
        self.assertEqual(retained[BASE + "/availability"].text, "online")

        # The topics the configs name are the ones stoved uses.
        self.assertEqual(keys["cut_now"]["command_topic"], BASE + "/cut_now/set")
        self.assertEqual(keys["left_valve"]["device_class"], "gas")
        self.assertIsNone(keys["left_valve"]["payload_open"], "the valve is close-only")
        self.assertEqual(keys["state"]["options"],
                         ["idle", "cooking", "warning", "cutting", "locked", "fault"])
        self.assertEqual(keys["unattended_guard"]["entity_category"], "config")
        self.assertEqual(keys["problem"]["device_class"], "problem")
        for key in ("state", "away", "lockout", "unattended_guard", "problem", "left_flame",
                    "left_valve", "right_valve", "timer", "shutoff_at", "left_temperature"):
            self.assertIn(keys[key]["state_topic"], retained, f"{key}'s state is retained")
        self.assertEqual(retained[BASE + "/state/state"].text, "idle")
        self.assertEqual(retained[BASE + "/shutoff_at/state"].text, "None")
        self.assertEqual(retained[BASE + "/unattended_guard/state"].text, "ON")

    def test_home_assistant_birth_brings_fresh_discovery(self):
        ha = self.start_all()
        config_topic = f"{PREFIX}/button/{DEVICE}/cut_now/config"
        self.assertIsNotNone(ha.wait_for(lambda m: m.topic == config_topic))
        mark = ha.mark()
        ha.publish(PREFIX + "/status", "online")
        # The documented answer comes after a random 1-5 s delay.
        again = ha.wait_for(lambda m: m.topic == config_topic, timeout=20, after=mark)
        self.assertIsNotNone(again, "no discovery after Home Assistant's birth" + self.log_tail())
        self.assertEqual(json.loads(again.text)["unique_id"], f"{DEVICE}_cut_now")
        self.assertIsNotNone(ha.wait_for(lambda m: m.topic == BASE + "/state/state", after=mark),
                             "states are re-sent with discovery")

    def test_birth_offline_changes_nothing(self):
        ha = self.start_all()
        time.sleep(1)
        mark = ha.mark()
        ha.publish(PREFIX + "/status", "offline")
        time.sleep(6)  # longer than the longest birth jitter
        self.assertIsNone(ha.wait_for(lambda m: m.topic.endswith("/config"), timeout=0, after=mark))


class LastWill(E2ECase):
    def test_killed_daemon_goes_offline_within_one_and_a_half_keepalives(self):
        ha = self.start_all(mqtt={"keepalive": "5s"})
        mark = ha.mark()
        self.daemon.send_signal(signal.SIGKILL)
        self.daemon.wait()
        # The broker gives a silent client 1.5 x keepalive; two seconds of
        # slack for a loaded machine.
        offline = ha.wait_value(BASE + "/availability", "offline", timeout=1.5 * 5 + 2, after=mark)
        self.assertIsNotNone(offline, "no last will within 1.5 x keepalive")
        self.assertEqual(self.retained()[BASE + "/availability"].text, "offline")

    def test_clean_stop_says_offline(self):
        ha = self.start_all()
        mark = ha.mark()
        self.daemon.send_signal(signal.SIGTERM)
        self.assertEqual(self.daemon.wait(timeout=10), 0)
        self.assertIsNotNone(ha.wait_value(BASE + "/availability", "offline", timeout=5, after=mark))
        self.assertEqual(self.retained()[BASE + "/availability"].text, "offline")


if __name__ == "__main__":
    unittest.main()
