#pragma once
// Paho C 1.3 creates its socket without TCP_NODELAY and offers no hook to set
// it, so a state published right after a command's PUBACK waits for the
// broker's delayed ACK (Nagle): ~40 ms per hop, measured in
// tests/mqtt/latency_test.cpp. This finds Paho's connected socket among the
// process's descriptors (by peer port; one MQTT client per process) and sets
// the option on it.

namespace stove::mqtt {

// Sets TCP_NODELAY on every TCP socket of this process connected to
// `peer_port`; returns how many it set.
int set_nodelay_on_connection(int peer_port);

}  // namespace stove::mqtt
