#pragma once
// Home Assistant MQTT discovery: which entities a configuration has, and the
// config payload of each. Pure functions of (entity, config) so tests compare
// them with checked-in JSON without a broker.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace stove::mqtt {

enum class EntityKind {
  state, cut_now, timer, shutoff_at, away, lockout, here, unattended_guard, problem,
  warning, shutoff,
  // one per burner
  flame, temperature, cut, valve,
};

struct Entity {
  EntityKind kind;
  std::string key;                    // "state", "left_flame": topic level and unique_id suffix
  std::optional<std::string> burner;  // the burner id for per-burner kinds
};

// Home Assistant's platform ("component") of an entity kind.
std::string_view component(EntityKind kind);

// Whether the entity accepts commands on <base>/<key>/set.
bool has_command(EntityKind kind);

// Every entity of a configuration, stove-wide ones first, then burners in config order.
std::vector<Entity> entities(const config::Config& cfg);

// The retained discovery payload; cfg.mqtt must be set.
nlohmann::json discovery_payload(const Entity& entity, const config::Config& cfg);

// The shutoff reasons and the subset that is preceded by a warning (interfaces.md §1).
const std::vector<std::string>& shutoff_reasons();
const std::vector<std::string>& warning_reasons();

// Shown as the origin's support link in Home Assistant's MQTT info dialog.
inline constexpr const char* kSupportUrl = "https://github.com/stoveguard/stoveguard";

}  // namespace stove::mqtt
