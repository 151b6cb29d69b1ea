"""Shared fixture for the end-to-end tests: a real stoved on the simulated
stove in a private temp dir, driven and observed through a real stovectl.

The binaries come from the environment (STOVED, STOVECTL), as CTest passes
them. Timing is never asserted tightly: the machine running these tests is
shared and noisy, so every wait is a bounded poll with a generous limit, and
the tests assert the order of things and the reasons given.
"""

import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

STOVED = os.environ.get("STOVED", "stoved")
STOVECTL = os.environ.get("STOVECTL", "stovectl")

# Generous: a loaded CI machine may stall a process for seconds.
DEFAULT_WAIT_S = 30.0
POLL_S = 0.1
LOG_TAIL_LINES = 40

# Short rules so that every rule fires within seconds. The sim's flame input
# needs no debouncing, so the holds are short too.
DEFAULT_CONFIG = {
    "device": {"id": "test_stove", "name": "Test stove"},
    "hardware": {"backend": "sim", "temperature_interval": "1s"},
    "burner": [
        {"id": "left", "name": "Left burner", "relay_line": 17, "flame_line": 27,
         "flame_active_low": True, "flame_on_hold_ms": 100, "flame_off_hold_ms": 300,
         "temperature": "hwmon:/sys/class/hwmon/hwmon0/temp1_input"},
        {"id": "right", "name": "Right burner", "relay_line": 22, "flame_line": 23,
         "flame_active_low": True, "flame_on_hold_ms": 100, "flame_off_hold_ms": 300},
    ],
    "presence": {"pir_line": 24},
    "cutoff": {"pulse": "1s", "verify_within": "2s", "retries": 1},
    # A short unattended_after would cut every test's burner within seconds;
    # the tests of that rule shorten it (UNATTENDED_RULES).
    "rules": {"unattended_after": "1h", "warn_for": "2s", "away_grace": "2s",
              "max_on": "2h", "overheat_c": 300},
}


UNATTENDED_RULES = {"unattended_after": "3s"}


def slow(test):
    """Marks a test that runs for minutes (CTest label `slow`)."""
    test.stove_slow = True
    return test


def terminate(proc):
    """SIGTERM, then SIGKILL if it lingers; reaps either way."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def parse_time(text):
    """RFC 3339 time from status/events ('...Z' or '...+01:00')."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    # A JSON string literal is also a valid TOML basic string.
    return json.dumps(str(value))


def to_toml(config):
    """Renders the nested dict above: tables, and lists of tables ([[burner]])."""
    lines = []
    for name, body in config.items():
        for table in body if isinstance(body, list) else [body]:
            lines.append(f"[[{name}]]" if isinstance(body, list) else f"[{name}]")
            lines.extend(f"{key} = {_toml_value(v)}" for key, v in table.items())
            lines.append("")
    return "\n".join(lines)


class StoveTestCase(unittest.TestCase):
    """One temp dir, one config and (once started) one stoved per test."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="stove-it-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.socket_path = os.path.join(self.dir, "control.sock")
        self.state_dir = os.path.join(self.dir, "state")
        self.config_path = os.path.join(self.dir, "stoved.toml")
        self.log_path = os.path.join(self.dir, "stoved.log")
        self.proc = None
        self.log_tail = ""
        self.write_config()

    # --- configuration -------------------------------------------------

    def write_config(self, **sections):
        """Writes DEFAULT_CONFIG with sections replaced or merged (a dict
        updates that table's keys, None drops the table)."""
        config = json.loads(json.dumps(DEFAULT_CONFIG))  # deep copy
        for name, body in sections.items():
            if body is None:
                config.pop(name, None)
            elif isinstance(body, dict):
                config.setdefault(name, {}).update(body)
            else:
                config[name] = body
        config["control"] = {"socket": self.socket_path}
        config["state"] = {"dir": self.state_dir}
        with open(self.config_path, "w", encoding="utf-8") as f:
            f.write(to_toml(config))

    # --- the daemon ----------------------------------------------------

    def start_daemon(self, timeout=DEFAULT_WAIT_S):
        """Starts stoved (stderr appended to the log) and waits until its
        control socket accepts a connection."""
        self.assertIsNone(self.proc, "a daemon is already running")
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"--- starting stoved at {datetime.datetime.now().isoformat()}\n")
            log.flush()
            self.proc = subprocess.Popen([STOVED, "--config", self.config_path],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        self.addCleanup(self._reap, self.proc)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.fail(f"stoved exited with {self.proc.returncode} during start-up"
                          + self.diagnostics())
            if self._socket_accepts():
                return
            time.sleep(POLL_S)
        self.fail(f"stoved's socket did not accept within {timeout}s" + self.diagnostics())

    def _socket_accepts(self):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            try:
                s.connect(self.socket_path)
                return True
            except OSError:
                return False

    def stop_daemon(self, sig=signal.SIGTERM, timeout=DEFAULT_WAIT_S):
        """Sends sig and returns the exit status (SIGKILL: -9)."""
        proc, self.proc = self.proc, None
        self.assertIsNotNone(proc, "no daemon running")
        proc.send_signal(sig)
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.fail(f"stoved ignored signal {sig} for {timeout}s" + self.diagnostics())

    def restart_after_kill(self):
        """kill -9 and start again on the same config and state dir."""
        self.assertEqual(self.stop_daemon(signal.SIGKILL), -signal.SIGKILL)
        self.start_daemon()

    def _reap(self, proc):
        # Always runs, passed or failed: no daemon outlives its test.
        terminate(proc)
        self.log_tail = self.read_log_tail()

    def read_log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def read_log_tail(self, lines=LOG_TAIL_LINES):
        return "\n".join(self.read_log().splitlines()[-lines:])

    def diagnostics(self):
        status = "(unavailable)"
        if self.proc is not None and self.proc.poll() is None:
            code, out, _ = self.ctl("--json", "status")
            status = out.strip() if code == 0 else status
        return (f"\n--- last status: {status}\n--- stoved log tail:\n{self.read_log_tail()}")

    def run(self, result=None):
        # unittest reports failures after cleanups have removed the temp dir;
        # the log tail saved by _reap is printed here so CTest shows it.
        result = result if result is not None else self.defaultTestResult()
        problems_before = len(result.failures) + len(result.errors)
        super().run(result)
        if len(result.failures) + len(result.errors) > problems_before and self.log_tail:
            print(f"\n=== stoved log tail for {self.id()}:\n{self.log_tail}", flush=True)
        return result

    # --- stovectl ------------------------------------------------------

    def ctl(self, *args, timeout=DEFAULT_WAIT_S):
        """Runs stovectl against this test's daemon: (exit code, stdout, stderr)."""
        done = subprocess.run([STOVECTL, "--socket", self.socket_path, *args],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout, check=False)
        return done.returncode, done.stdout, done.stderr

    def ctl_ok(self, *args, timeout=DEFAULT_WAIT_S):
        """stovectl --json ARGS, asserting exit 0; returns the JSON reply."""
        code, out, err = self.ctl("--json", *args, timeout=timeout)
        self.assertEqual(code, 0, f"stovectl {' '.join(args)} failed: {err}{self.diagnostics()}")
        return self.parse_one_object(out)

    def parse_one_object(self, out):
        """--json prints exactly one JSON object on one line."""
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, f"expected one JSON line, got {out!r}")
        reply = json.loads(lines[0])
        self.assertIsInstance(reply, dict)
        return reply

    def status(self):
        return self.ctl_ok("status")

    def burner(self, status, burner_id):
        for b in status["burners"]:
            if b["id"] == burner_id:
                return b
        self.fail(f"no burner {burner_id} in {status}")

    def events(self, n=200):
        """Recent events (stovectl --json events), oldest first."""
        code, out, err = self.ctl("--json", "events", "-n", str(n))
        self.assertEqual(code, 0, err)
        return [json.loads(line) for line in out.splitlines()]

    def wait_for(self, predicate, what, timeout=DEFAULT_WAIT_S):
        """Polls status until predicate(status) is truthy; returns that status."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.status()
            if predicate(status):
                return status
            if time.monotonic() > deadline:
                self.fail(f"timed out after {timeout}s waiting for {what}" + self.diagnostics())
            time.sleep(POLL_S)

    def wait_for_log(self, text, timeout=DEFAULT_WAIT_S):
        deadline = time.monotonic() + timeout
        while text not in self.read_log():
            if time.monotonic() > deadline:
                self.fail(f"timed out after {timeout}s waiting for {text!r} in the log"
                          + self.diagnostics())
            time.sleep(POLL_S)

    # --- the cook ------------------------------------------------------

    def ignite(self, burner_id):
        """Lights a burner and waits until the daemon sees the flame."""
        self.ctl_ok("sim", "ignite", burner_id)
        return self.wait_for(lambda s: self.burner(s, burner_id)["flame"], f"{burner_id} lit")

    def kinds_and_reasons(self, events, burner_id=None):
        return [(e["kind"], e["reason"]) for e in events
                if burner_id is None or e["burner"] == burner_id]
