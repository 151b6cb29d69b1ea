#pragma once
// What the daemon's status snapshot and events look like on MQTT: pure
// translations of the control-socket JSON into per-topic payloads.

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace stove::mqtt {

// Retained state payloads keyed by topic relative to the base
// ("state/state", "left_flame/state", "problem/attributes").
using StatePayloads = std::map<std::string, std::string>;

// `now` only feeds the timer number's remaining minutes.
StatePayloads state_payloads(const nlohmann::json& status, const config::Config& cfg,
                             std::chrono::system_clock::time_point now);

struct EventMessage {
  std::string key;            // the event entity: "warning" | "shutoff"
  nlohmann::json payload;     // {"event_type": reason, "burner": ..., ...}
};

// The event entity message for a daemon event; nothing for event kinds that
// Home Assistant sees through states instead (shutoff_failed, fault -> problem).
std::optional<EventMessage> event_message(const nlohmann::json& event);

// RFC 3339 with 'Z' or a numeric offset, whole or fractional seconds.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text);

}  // namespace stove::mqtt
