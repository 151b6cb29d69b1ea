"""Test rig for the MQTT end-to-end tests: a real mosquitto and a real stoved
(sim backend) per test, each in the test's own temp dir, and an MQTT client
that plays Home Assistant.

Binaries come from the environment (STOVED, STOVECTL) as CTest passes them.
Every wait is a bounded poll with a generous limit (the machine is shared and
noisy); tests assert what happens and in which order, never how fast.
Every process started here is SIGTERMed, then SIGKILLed, by addCleanup.
"""

import copy
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import paho.mqtt.client as paho
import toml

# The simulated stove and process handling are shared with the integration tests.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import stovetest  # noqa: E402
from stovetest import terminate  # noqa: E402

STOVED = os.environ.get("STOVED", "stoved")
STOVECTL = os.environ.get("STOVECTL", "stovectl")
MOSQUITTO = "/usr/sbin/mosquitto"

WAIT_S = 20.0
POLL_S = 0.05
DEVICE = "e2e_stove"
BASE = "stoveguard/" + DEVICE
PREFIX = "homeassistant"

# Two burners, only `left` with a temperature source, and rules short enough
# that every cut and warning happens within seconds.
DEFAULT_CONFIG = {
    "device": {"id": DEVICE, "name": "E2E stove"},
    "hardware": {"backend": "sim", "temperature_interval": "1s"},
    "burner": copy.deepcopy(stovetest.DEFAULT_CONFIG["burner"]),
    "presence": {"mqtt_topic": "e2e/kitchen/occupancy"},
    "alarm": {"smoke_topic": "e2e/kitchen/smoke", "gas_topic": "e2e/kitchen/gas"},
    "cutoff": {"pulse": "1s", "verify_within": "2s", "retries": 1},
    "rules": {"unattended_after": "1h", "warn_for": "30s", "away_grace": "30s",
              "max_on": "4h", "overheat_c": 300},
}


def state_topic(key):
    return f"{BASE}/{key}/state"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepting(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def poll(predicate, timeout=WAIT_S):
    """predicate()'s first truthy value within timeout, else None."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(POLL_S)


class Broker:
    """mosquitto on a fixed loopback port; with `persistence` it keeps its
    retained messages in the temp dir across a stop and start."""

    def __init__(self, directory, port, persistence=False):
        self.port = port
        self.log_path = os.path.join(directory, "mosquitto.log")
        self.conf_path = os.path.join(directory, "mosquitto.conf")
        self.proc = None
        # Started as root, mosquitto would switch to its own user and lose
        # access to the temp dir: it stays whoever runs the tests.
        user = subprocess.run(["id", "-un"], capture_output=True, text=True, check=True).stdout.strip()
        with open(self.conf_path, "w", encoding="utf-8") as f:
            f.write(f"user {user}\nlog_dest stderr\nlistener {port} 127.0.0.1\nallow_anonymous true\n")
            if persistence:
                f.write(f"persistence true\npersistence_location {directory}/\n")
            else:
                f.write("persistence false\n")

    def start(self):
        with open(self.log_path, "a", encoding="utf-8") as log:
            self.proc = subprocess.Popen([MOSQUITTO, "-c", self.conf_path], stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=log)
        if not poll(lambda: accepting(self.port), timeout=10):
            raise RuntimeError(f"mosquitto did not start on {self.port}, see {self.log_path}")

    def kill(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def stop(self):
        if self.proc is not None:
            terminate(self.proc)
            self.proc = None


class Message:
    def __init__(self, msg):
        self.topic = msg.topic
        self.payload = msg.payload
        self.retain = bool(msg.retain)
        self.text = msg.payload.decode("utf-8", errors="replace")


class HomeAssistant:
    """One MQTT client subscribed to everything: records every message it
    receives and publishes commands the way Home Assistant does."""

    def __init__(self, port, name):
        self.messages = []
        self.cond = threading.Condition()
        self.client = paho.Client(client_id=name, clean_session=True)
        self.client.on_message = self._on_message
        subscribed = threading.Event()
        self.client.on_subscribe = lambda *_: subscribed.set()
        self.client.connect("127.0.0.1", port, keepalive=30)
        self.client.loop_start()
        self.client.subscribe([("#", 1)])
        if not subscribed.wait(10):
            raise RuntimeError("subscription not acknowledged")

    def _on_message(self, _client, _userdata, msg):
        with self.cond:
            self.messages.append(Message(msg))
            self.cond.notify_all()

    def close(self):
        self.client.loop_stop()
        self.client.disconnect()

    def publish(self, topic, payload, retain=False):
        info = self.client.publish(topic, payload, qos=1, retain=retain)
        info.wait_for_publish(10)

    def on(self, topic):
        with self.cond:
            return [m for m in self.messages if m.topic == topic]

    def latest(self, topic):
        found = self.on(topic)
        return found[-1].text if found else None

    def mark(self):
        """A position in the message list: wait_for(after=mark) looks only past it."""
        with self.cond:
            return len(self.messages)

    def wait_for(self, predicate, timeout=WAIT_S, after=0):
        """The first message past `after` for which predicate(msg) holds, or None."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for m in self.messages[after:]:
                    if predicate(m):
                        return m
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def wait_value(self, topic, text, timeout=WAIT_S, after=0):
        return self.wait_for(lambda m: m.topic == topic and m.text == text, timeout, after)


class E2ECase(unittest.TestCase):
    """One temp dir, one broker, one stoved (sim) per test."""

    broker_persistence = False

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="stove-e2e-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.port = free_port()
        self.broker = Broker(self.dir, self.port, persistence=self.broker_persistence)
        self.addCleanup(self.broker.stop)
        self.socket_path = os.path.join(self.dir, "control.sock")
        self.config_path = os.path.join(self.dir, "stoved.toml")
        self.log_path = os.path.join(self.dir, "stoved.log")
        self.daemon = None

    # --- processes -----------------------------------------------------

    def write_config(self, **sections):
        """DEFAULT_CONFIG with tables merged (dict), replaced (list) or dropped (None)."""
        config = copy.deepcopy(DEFAULT_CONFIG)
        config["mqtt"] = {"url": f"tcp://127.0.0.1:{self.port}", "discovery_prefix": PREFIX}
        for name, body in sections.items():
            if body is None:
                config.pop(name, None)
            elif isinstance(body, list):
                config[name] = body
            else:
                config.setdefault(name, {}).update(body)
        config["control"] = {"socket": self.socket_path}
        config["state"] = {"dir": os.path.join(self.dir, "state")}
        with open(self.config_path, "w", encoding="utf-8") as f:
            toml.dump(config, f)

    def start_stoved(self, **sections):
        self.write_config(**sections)
        with open(self.log_path, "a", encoding="utf-8") as log:
            self.daemon = subprocess.Popen([STOVED, "--config", self.config_path],
                                           stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        self.addCleanup(terminate, self.daemon)
        if not poll(self._socket_accepts):
            self.fail("stoved's control socket never accepted" + self.log_tail())

    def _socket_accepts(self):
        if self.daemon.poll() is not None:
            self.fail(f"stoved exited with {self.daemon.returncode}" + self.log_tail())
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            return s.connect_ex(self.socket_path) == 0

    def start_all(self, **sections):
        """Broker, then a Home Assistant client, then stoved; returns the
        client once stoved's availability says online."""
        self.broker.start()
        ha = self.home_assistant()
        self.start_stoved(**sections)
        self.assertIsNotNone(ha.wait_value(BASE + "/availability", "online"),
                             "stoved never came online" + self.log_tail())
        return ha

    def home_assistant(self, name="home-assistant"):
        ha = HomeAssistant(self.port, f"{name}-{os.getpid()}-{time.monotonic_ns()}")
        self.addCleanup(ha.close)
        return ha

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return "\n--- stoved log:\n" + "\n".join(f.read().splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    # --- stovectl ------------------------------------------------------

    def ctl(self, *args):
        done = subprocess.run([STOVECTL, "--socket", self.socket_path, "--json", *args],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=WAIT_S, check=False)
        return done.returncode, done.stdout, done.stderr

    def ctl_ok(self, *args):
        code, out, err = self.ctl(*args)
        self.assertEqual(code, 0, f"stovectl {' '.join(args)}: {out} {err}" + self.log_tail())
        return json.loads(out)

    def status(self):
        return self.ctl_ok("status")

    def events(self):
        """The daemon's recent events, oldest first."""
        code, out, err = self.ctl("events", "-n", "100")
        self.assertEqual(code, 0, err)
        return [json.loads(line) for line in out.splitlines()]

    def burner(self, status, burner_id):
        return next(b for b in status["burners"] if b["id"] == burner_id)

    def wait_status(self, predicate, what, timeout=WAIT_S):
        found = poll(lambda: (lambda s: s if predicate(s) else None)(self.status()), timeout)
        if not found:
            self.fail(f"timed out waiting for {what}; status {self.status()}" + self.log_tail())
        return found

    def ignite(self, *burners):
        for b in burners:
            self.ctl_ok("sim", "ignite", b)
        return self.wait_status(lambda s: all(self.burner(s, b)["flame"] for b in burners),
                                f"{burners} lit")

    # --- Home Assistant's side -----------------------------------------

    def command(self, ha, key, payload, retain=False):
        ha.publish(f"{BASE}/{key}/set", payload, retain)

    def expect_state(self, ha, key, value, after=0, timeout=WAIT_S):
        topic = state_topic(key)
        found = ha.wait_value(topic, value, timeout, after)
        self.assertIsNotNone(found, f"{topic} never said {value!r} (latest {ha.latest(topic)!r})"
                             + self.log_tail())
        return found

    def wait_announced(self, ha, entities, after=0):
        """Waits until `ha` has seen `entities` discovery configs and a state
        on every state topic they name (states follow discovery, after a
        file write that may take a while on a loaded machine)."""
        def announced():
            with ha.cond:
                seen = ha.messages[after:]
            configs = {m.topic: m.text for m in seen
                       if m.topic.startswith(PREFIX + "/") and m.topic.endswith("/config") and m.text}
            wanted = {json.loads(text).get("state_topic") for text in configs.values()}
            wanted = {t for t in wanted if t and not t.endswith("/event")}
            return len(configs) >= entities and wanted <= {m.topic for m in seen}
        self.assertTrue(poll(announced, timeout=40), "discovery and states incomplete" + self.log_tail())

    def retained(self):
        """What a client connecting now gets: the broker's retained messages
        (a fresh subscriber sees them with the retain flag; nothing else
        arrives within the short settle time in a quiet test)."""
        fresh = self.home_assistant("probe")
        time.sleep(0.5)
        with fresh.cond:
            return {m.topic: m for m in fresh.messages if m.retain}
