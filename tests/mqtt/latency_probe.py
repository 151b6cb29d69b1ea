#!/usr/bin/python3
"""Command -> state round trips through the broker, as Home Assistant sees them.

Toggles <base>/away/set and times until <base>/away/state echoes the value.
Writes {"samples": [ms, ...]} to the output file. Usage: PORT BASE COUNT OUTFILE
"""
import json
import socket
import sys
import threading
import time

import paho.mqtt.client as mqtt

port, base, count, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
seen = threading.Condition()
latest = {"value": None}


def on_message(_client, _userdata, msg):
    with seen:
        latest["value"] = msg.payload.decode()
        seen.notify_all()


client = mqtt.Client(client_id="latency-probe", clean_session=True)
client.on_message = on_message
client.connect("127.0.0.1", port)
client.subscribe(base + "/away/state", qos=1)
# Only the bridge and the broker are measured: keep Nagle out of the probe.
client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
client.loop_start()
time.sleep(0.5)
samples = []
for i in range(count):
    want = "ON" if i % 2 == 0 else "OFF"
    with seen:
        latest["value"] = None
    start = time.monotonic()
    client.publish(base + "/away/set", want, qos=1)
    with seen:
        if seen.wait_for(lambda: latest["value"] == want, timeout=5):
            samples.append((time.monotonic() - start) * 1000.0)
client.loop_stop()
client.disconnect()
with open(out, "w") as f:
    json.dump({"samples": samples}, f)
