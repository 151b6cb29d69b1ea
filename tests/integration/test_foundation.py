"""Issue 2: timed cuts, cancel, --at, the --json contract, exit codes,
config checking and clean shutdown, against a real stoved."""

import datetime
import json
import os
import queue
import re
import signal
import subprocess
import threading
import unittest

from stovetest import DEFAULT_WAIT_S, STOVECTL, STOVED, StoveTestCase, parse_time


class TimerTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.start_daemon()

    def test_off_after_cuts_on_time_with_reason_timer(self):
        self.ignite("left")
        reply = self.ctl_ok("off", "left", "--after", "2s")
        deadline = parse_time(reply["shutoff_at"])
        status = self.status()
        self.assertEqual(self.burner(status, "left")["shutoff_at"], reply["shutoff_at"])
        self.assertIsNone(status["shutoff_at"], "a burner's timer is not the stove-wide one")
        self.assertIsNone(self.burner(status, "right")["shutoff_at"])

        status = self.wait_for(lambda s: not self.burner(s, "left")["flame"], "left cut by its timer")
        self.assertEqual(status["last_shutoff"]["reason"], "timer")
        self.assertEqual(status["last_shutoff"]["burner"], "left")
        self.assertGreaterEqual(parse_time(status["last_shutoff"]["at"]), deadline)

        status = self.wait_for(lambda s: not self.burner(s, "left")["relay_engaged"], "relay released")
        self.assertIsNone(self.burner(status, "left")["shutoff_at"])
        self.assertEqual(status["state"], "idle")
        self.assertEqual(self.kinds_and_reasons(self.events(), "left"),
                         [("shutoff", "timer"), ("confirmed", "timer")])
        log = self.read_log()
        self.assertLess(log.index("burner left: flame lit"), log.index('"kind":"shutoff"'))
        self.assertLess(log.index('"kind":"shutoff"'), log.index("burner left: flame out"))

    def test_stove_wide_timer_cuts_every_lit_burner(self):
        self.ignite("left")
        self.ignite("right")
        reply = self.ctl_ok("off", "--after", "2s")
        self.assertEqual(self.status()["shutoff_at"], reply["shutoff_at"])
        status = self.wait_for(lambda s: not any(b["flame"] or b["relay_engaged"] for b in s["burners"]),
                               "both burners cut and released")
        self.assertIsNone(status["shutoff_at"])
        self.assertEqual(status["last_shutoff"]["reason"], "timer")
        shutoffs = [e for e in self.events() if e["kind"] == "shutoff"]
        self.assertEqual(sorted(e["burner"] for e in shutoffs), ["left", "right"])
        self.assertTrue(all(e["reason"] == "timer" for e in shutoffs))

    def test_cancel_removes_the_pending_cut(self):
        self.ignite("left")
        self.ctl_ok("off", "left", "--after", "3s")
        self.ctl_ok("cancel", "left")
        status = self.status()
        self.assertIsNone(self.burner(status, "left")["shutoff_at"])
        self.assertIn(("cancelled", "timer"), self.kinds_and_reasons(self.events(), "left"))
        # Nothing left to push back: proof that the timer is gone, not just hidden.
        code, _, err = self.ctl("extend", "1m")
        self.assertEqual(code, 1, err)
        self.assertTrue(self.burner(self.status(), "left")["flame"])
        self.assertIsNone(self.status()["last_shutoff"])

    def test_off_at_sets_a_future_local_time(self):
        now = datetime.datetime.now().astimezone()
        target = now + datetime.timedelta(minutes=3)
        reply = self.ctl_ok("off", "--at", target.strftime("%H:%M"))
        at = parse_time(reply["shutoff_at"])
        self.assertGreater(at, now)
        self.assertLessEqual(at, now + datetime.timedelta(days=1))
        local = at.astimezone()
        self.assertEqual((local.hour, local.minute, local.second), (target.hour, target.minute, 0))
        self.assertEqual(self.status()["shutoff_at"], reply["shutoff_at"])

    def test_extend_moves_the_pending_cut_later(self):
        first = parse_time(self.ctl_ok("off", "--after", "10m")["shutoff_at"])
        self.ctl_ok("extend", "5m")
        moved = parse_time(self.status()["shutoff_at"])
        self.assertEqual(moved - first, datetime.timedelta(minutes=5))


class CommandLineTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.start_daemon()

    def test_every_command_prints_one_json_object(self):
        commands = [
            ["status"], ["sim", "ignite", "left"], ["sim", "temp", "left", "182.5"],
            ["sim", "motion"], ["sim", "fault", "right", "clear"],
            ["off", "--after", "10m"], ["extend", "1m"], ["cancel"], ["here"],
            ["guard", "on"], ["guard", "off"], ["away", "on"], ["away", "off"],
            ["lock", "right"], ["unlock", "right"], ["off", "left", "--now"],
            ["config", "check", self.config_path],
        ]
        for args in commands:
            with self.subTest(args=args):
                self.assertIs(self.ctl_ok(*args)["ok"], True)
        # Global options also work after the command.
        code, out, _ = self.ctl("status", "--json")
        self.assertEqual(code, 0)
        self.assertIn("burners", self.parse_one_object(out))

        status = self.status()
        for key in ("state", "away", "unattended_guard", "shutoff_at", "warning", "problems",
                    "burners", "last_shutoff"):
            self.assertIn(key, status)
        for key in ("id", "flame", "temperature_c", "relay_engaged", "locked", "shutoff_at"):
            self.assertIn(key, status["burners"][0])
        self.assertEqual(self.burner(status, "left")["temperature_c"], 182.5)
        self.assertIsNone(self.burner(status, "right")["temperature_c"])

        events = self.events()
        self.assertTrue(events)
        for e in events:
            self.assertTrue({"at", "kind", "reason", "burner"} <= e.keys(), e)
            parse_time(e["at"])
        self.assertIn(("shutoff", "manual"), self.kinds_and_reasons(events, "left"))

    def test_refusals_exit_1_with_a_reason(self):
        code, out, err = self.ctl("--json", "off", "middle")
        self.assertEqual(code, 1)
        self.assertEqual(json.loads(out), {"ok": False, "error": json.loads(out)["error"]})
        self.assertIn("middle", err)
        self.assertIn("left", err)
        self.assertIn("right", err)

        code, out, err = self.ctl("--json", "extend", "5m")
        self.assertEqual(code, 1, "nothing pending to extend")
        self.assertIs(json.loads(out)["ok"], False)
        self.assertTrue(err.strip())

        code, _, err = self.ctl("sim", "temp", "right", "50")
        self.assertEqual(code, 1, "right has no temperature source")
        self.assertIn("temperature", err)

    def test_usage_errors_exit_2(self):
        for args in (["off", "--after", "0s"], ["off", "--after", "-5m"], ["off", "--at", "25:00"],
                     ["extend", "soon"], ["frobnicate"], ["status", "--bogus"], ["away", "maybe"],
                     ["off", "--now", "--after", "5m"], ["extend"]):
            with self.subTest(args=args):
                code, out, err = self.ctl("--json", *args)
                self.assertEqual(code, 2, err)
                self.assertIs(self.parse_one_object(out)["ok"], False)
                self.assertTrue(err.strip())
        # A usage error never reached the daemon.
        status = self.status()
        self.assertIsNone(status["shutoff_at"])
        self.assertEqual(self.events(), [])


class EventsTest(StoveTestCase):
    def setUp(self):
        super().setUp()
        self.start_daemon()

    def follow(self):
        """A `stovectl --json events -f -n 1` in the background; its lines
        arrive on a queue (None once the stream ends)."""
        follower = subprocess.Popen([STOVECTL, "--socket", self.socket_path, "--json", "events", "-f", "-n", "1"],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
        self.addCleanup(lambda: follower.poll() is None and (follower.kill(), follower.wait()))
        lines = queue.Queue()

        def pump():
            with follower.stdout:
                for line in follower.stdout:
                    lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        return follower, lines

    def read_event(self, lines, timeout=DEFAULT_WAIT_S):
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            self.fail(f"no event streamed within {timeout}s" + self.diagnostics())
        self.assertIsNotNone(line, "the follower's stream ended")
        return json.loads(line)

    def test_events_n_and_follow(self):
        self.ctl_ok("lock", "right")
        self.ctl_ok("unlock", "right")
        self.assertEqual([e["kind"] for e in self.events(1)], ["unlocked"])
        self.assertEqual([e["kind"] for e in self.events(2)], ["locked", "unlocked"])

        follower, lines = self.follow()
        # The recent event first: from then on the follower is registered.
        self.assertEqual(self.read_event(lines)["kind"], "unlocked")
        self.ignite("left")
        self.ctl_ok("off", "left")
        streamed = [self.read_event(lines), self.read_event(lines)]
        self.assertEqual([(e["kind"], e["reason"], e["burner"]) for e in streamed],
                         [("shutoff", "manual", "left"), ("confirmed", "manual", "left")])
        self.assertEqual(streamed, self.events(2), "the stream and the log agree")

        self.assertEqual(self.stop_daemon(), 0)
        self.assertIsNone(lines.get(timeout=DEFAULT_WAIT_S), "a follower's stream ends with the daemon")
        self.assertEqual(follower.wait(timeout=DEFAULT_WAIT_S), 0)


class NoDaemonTest(StoveTestCase):
    def test_unreachable_daemon_exits_3(self):
        for args in (["status"], ["--json", "status"], ["off", "--now"]):
            with self.subTest(args=args):
                code, out, err = self.ctl(*args)
                self.assertEqual(code, 3, err)
                self.assertIn(self.socket_path, err)
        self.assertIs(self.parse_one_object(self.ctl("--json", "status")[1])["ok"], False)

    def _bad_config(self):
        """The default config with a duplicate burner id; returns (path, line
        and column of the second id)."""
        with open(self.config_path, encoding="utf-8") as f:
            text = f.read()
        bad = text.replace('id = "right"', 'id = "left"')
        path = os.path.join(self.dir, "bad.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(bad)
        ids = [n for n, line in enumerate(bad.splitlines(), 1) if line.startswith('id = "left"')]
        self.assertEqual(len(ids), 2)
        return path, ids[1]

    def test_config_check_good_and_bad(self):
        for command in ([STOVED, "--check-config"], ["ctl", "config", "check"]):
            with self.subTest(command=command[0]):
                def check(path):
                    if command[0] == "ctl":
                        return self.ctl(*command[1:], path)
                    done = subprocess.run([*command, path], capture_output=True, text=True,
                                          timeout=30, check=False)
                    return done.returncode, done.stdout, done.stderr

                code, out, err = check(self.config_path)
                self.assertEqual(code, 0, err)
                self.assertIn("ok", out)

                path, line = self._bad_config()
                code, _, err = check(path)
                self.assertEqual(code, 1)
                self.assertRegex(err, re.escape(f"{path}:{line}:") + r"\d+: ")
        self.assertFalse(os.path.exists(self.state_dir), "checking must not start anything")


class ShutdownTest(StoveTestCase):
    def _stops_cleanly_on(self, sig):
        self.start_daemon()
        self.ignite("left")
        self.ctl_ok("lock", "right")
        self.assertTrue(os.path.exists(self.socket_path))
        self.assertEqual(self.stop_daemon(sig), 0)
        self.assertFalse(os.path.exists(self.socket_path), "socket file left behind")
        log = self.read_log()
        self.assertIn("stoved stopped", log)
        self.assertIn("SIGINT" if sig == signal.SIGINT else "SIGTERM", log)
        self.assertEqual(self.ctl("status")[0], 3)

    def test_sigterm_removes_the_socket_and_exits_0(self):
        self._stops_cleanly_on(signal.SIGTERM)

    def test_sigint_removes_the_socket_and_exits_0(self):
        self._stops_cleanly_on(signal.SIGINT)


if __name__ == "__main__":
    unittest.main()
