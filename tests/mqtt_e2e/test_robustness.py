"""What Home Assistant (or anyone on the broker) must not be able to do:
replay a retained command, or change anything with a malformed one."""

import unittest

from rig import BASE, E2ECase, poll

# Commands a careless automation could leave retained: each would cut, lock
# or change a mode if it were replayed when stoved connects.
GHOSTS = {"cut_now": "PRESS", "left_cut": "PRESS", "right_valve": "CLOSE", "lockout": "ON",
          "away": "ON", "timer": "1", "unattended_guard": "OFF"}

GARBAGE = [
    ("cut_now", b"\x00\xff\xfePRESS"),
    ("cut_now", b"PRESS" * 20000),
    ("cut_now", b"press"),
    ("cut_now", b""),
    ("cut_now", "PRESS\u00e9".encode()),
    ("left_cut", b"ON"),
    ("left_valve", b"OPEN"),
    ("left_valve", b"close"),
    ("timer", b"-5"),
    ("timer", b"2.5"),
    ("timer", b"1441"),
    ("timer", b"1e9"),
    ("timer", b"nan"),
    ("timer", b"twenty"),
    ("lockout", b"on"),
    ("lockout", b"TRUE"),
    ("away", b"1"),
    ("unattended_guard", b"\x00"),
    ("back_cut", b"PRESS"),        # no such burner
    ("back_valve", b"CLOSE"),
    ("state", b"idle"),            # a sensor: no command topic
    ("left_flame", b"OFF"),
    ("shutoff", b"PRESS"),
]


class RetainedCommands(E2ECase):
    broker_persistence = True

    def test_retained_commands_from_before_the_start_are_never_replayed(self):
        # The broker stores the retained commands and is stopped, so that they
        # are there the moment stoved connects to it, with burners lit.
        self.broker.start()
        ha = self.home_assistant("automation")
        for key, payload in GHOSTS.items():
            self.command(ha, key, payload, retain=True)
        ha.close()
        self.broker.stop()

        self.start_stoved()
        self.ignite("left", "right")
        before = self.status()
        self.broker.start()
        ha = self.home_assistant()
        self.expect_state(ha, "left_flame", "ON")
        self.assertTrue(poll(lambda: self.log().count("retained command") >= len(GHOSTS)),
                        "stoved never saw the retained commands" + self.log_tail())
        status = self.status()
        self.assertTrue(all(b["flame"] and not b["locked"] for b in status["burners"]), status)
        self.assertIsNone(status["shutoff_at"])
        self.assertFalse(status["away"])
        self.assertTrue(status["unattended_guard"])
        self.assertEqual(status["last_shutoff"], before["last_shutoff"])


class Garbage(E2ECase):
    def test_malformed_commands_change_nothing_and_the_daemon_keeps_running(self):
        ha = self.start_all()
        self.ignite("left", "right")
        before = self.status()
        for key, payload in GARBAGE:
            self.command(ha, key, payload)
        # Commands are handled in order: once this one shows, all of the
        # garbage has been looked at.
        self.command(ha, "away", "ON")
        self.wait_status(lambda s: s["away"], "the valid command after the garbage")
        status = self.status()
        self.assertEqual(self.daemon.poll(), None, "stoved still runs")
        self.assertTrue(all(b["flame"] and not b["locked"] for b in status["burners"]), status)
        self.assertIsNone(status["shutoff_at"])
        self.assertTrue(status["unattended_guard"])
        self.assertEqual(status["last_shutoff"], before["last_shutoff"])
        self.assertEqual(status["problems"], [])
        log = self.log()
        self.assertGreaterEqual(log.count("command ignored"), len(GARBAGE), self.log_tail())
        self.assertEqual(ha.latest(BASE + "/left_valve/state"), "open")


if __name__ == "__main__":
    unittest.main()
