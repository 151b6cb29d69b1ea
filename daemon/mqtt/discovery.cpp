#include "daemon/mqtt/discovery.hpp"

#include "daemon/mqtt/topics.hpp"
#include "version.hpp"

namespace stove::mqtt {
namespace {

using nlohmann::json;

const config::Burner& burner_of(const Entity& entity, const config::Config& cfg) {
  for (const auto& b : cfg.burners) {
    if (b.id == entity.burner) return b;
  }
  throw std::invalid_argument("entity " + entity.key + " names an unknown burner");
}

json device_block(const config::Config& cfg) {
  return {{"identifiers", json::array({cfg.device.id})},
          {"name", cfg.device.name.empty() ? cfg.device.id : cfg.device.name},
          {"manufacturer", "stoveguard"},
          {"model", "stoveguard gas hob guard"},
          {"sw_version", stove::kVersion}};
}

json origin_block() {
  return {{"name", "stoveguard"}, {"sw_version", stove::kVersion}, {"support_url", kSupportUrl}};
}

// Platform-specific keys; common ones are added by discovery_payload.
json kind_fields(const Entity& e, const config::Config& cfg, const Topics& topics) {
  const auto state = topics.state(e.key);
  const auto command = topics.command(e.key);
  switch (e.kind) {
    case EntityKind::state:
      return {{"name", "State"}, {"state_topic", state}, {"device_class", "enum"},
              {"options", {"idle", "cooking", "warning", "cutting", "locked", "fault"}},
              {"icon", "mdi:stove"}};
    case EntityKind::cut_now:
      return {{"name", "Cut all burners"}, {"command_topic", command}, {"payload_press", "PRESS"},
              {"icon", "mdi:fire-off"}};
    case EntityKind::timer:
      return {{"name", "Shut-off timer"}, {"command_topic", command}, {"state_topic", state},
              {"min", 0}, {"max", 1440}, {"step", 1}, {"mode", "box"},
              {"unit_of_measurement", "min"}, {"icon", "mdi:timer-outline"}};
    case EntityKind::shutoff_at:
      return {{"name", "Shut-off at"}, {"state_topic", state}, {"device_class", "timestamp"},
              {"icon", "mdi:timer-alert-outline"}};
    case EntityKind::away:
      return {{"name", "Away"}, {"command_topic", command}, {"state_topic", state},
              {"payload_on", "ON"}, {"payload_off", "OFF"}, {"icon", "mdi:home-export-outline"}};
    case EntityKind::lockout:
      return {{"name", "Lockout"}, {"command_topic", command}, {"state_topic", state},
              {"payload_on", "ON"}, {"payload_off", "OFF"}, {"icon", "mdi:lock"}};
    case EntityKind::here:
      return {{"name", "I'm here"}, {"command_topic", command}, {"payload_press", "PRESS"},
              {"icon", "mdi:hand-wave"}};
    case EntityKind::unattended_guard:
      return {{"name", "Unattended guard"}, {"command_topic", command}, {"state_topic", state},
              {"payload_on", "ON"}, {"payload_off", "OFF"}, {"entity_category", "config"},
              {"icon", "mdi:shield-account"}};
    case EntityKind::problem:
      return {{"name", "Problem"}, {"state_topic", state}, {"device_class", "problem"},
              {"payload_on", "ON"}, {"payload_off", "OFF"},
              {"json_attributes_topic", topics.attributes(e.key)}};
    case EntityKind::warning:
      return {{"name", "Warning"}, {"state_topic", topics.event(e.key)},
              {"event_types", warning_reasons()}, {"icon", "mdi:alert"}};
    case EntityKind::shutoff:
      return {{"name", "Shut-off"}, {"state_topic", topics.event(e.key)},
              {"event_types", shutoff_reasons()}, {"icon", "mdi:fire-off"}};
    case EntityKind::flame:
      return {{"name", burner_of(e, cfg).name + " flame"}, {"state_topic", state},
              {"payload_on", "ON"}, {"payload_off", "OFF"}, {"icon", "mdi:fire"}};
    case EntityKind::temperature:
      return {{"name", burner_of(e, cfg).name + " temperature"}, {"state_topic", state},
              {"device_class", "temperature"}, {"unit_of_measurement", "°C"},
              {"state_class", "measurement"}, {"suggested_display_precision", 1}};
    case EntityKind::cut:
      return {{"name", burner_of(e, cfg).name + " cut"}, {"command_topic", command},
              {"payload_press", "PRESS"}, {"icon", "mdi:fire-off"}};
    case EntityKind::valve:
      // Close-only: a null open payload removes "open" from the entity's
      // features; only a person at the knob can re-open the gas.
      return {{"name", burner_of(e, cfg).name + " gas"}, {"command_topic", command},
              {"state_topic", state}, {"device_class", "gas"}, {"payload_open", nullptr},
              {"payload_close", "CLOSE"}, {"payload_stop", nullptr}, {"reports_position", false},
              {"state_open", "open"}, {"state_closed", "closed"}, {"optimistic", false}};
  }
  return {};
}

}  // namespace

std::string_view component(EntityKind kind) {
  switch (kind) {
    case EntityKind::state:
    case EntityKind::shutoff_at:
    case EntityKind::temperature: return "sensor";
    case EntityKind::cut_now:
    case EntityKind::here:
    case EntityKind::cut: return "button";
    case EntityKind::timer: return "number";
    case EntityKind::away:
    case EntityKind::lockout:
    case EntityKind::unattended_guard: return "switch";
    case EntityKind::problem:
    case EntityKind::flame: return "binary_sensor";
    case EntityKind::warning:
    case EntityKind::shutoff: return "event";
    case EntityKind::valve: return "valve";
  }
  return "sensor";
}

bool has_command(EntityKind kind) {
  switch (kind) {
    case EntityKind::cut_now:
    case EntityKind::timer:
    case EntityKind::away:
    case EntityKind::lockout:
    case EntityKind::here:
    case EntityKind::unattended_guard:
    case EntityKind::cut:
    case EntityKind::valve: return true;
    default: return false;
  }
}

std::vector<Entity> entities(const config::Config& cfg) {
  std::vector<Entity> out = {
      {EntityKind::state, "state", {}},       {EntityKind::cut_now, "cut_now", {}},
      {EntityKind::timer, "timer", {}},       {EntityKind::shutoff_at, "shutoff_at", {}},
      {EntityKind::away, "away", {}},         {EntityKind::lockout, "lockout", {}},
      {EntityKind::here, "here", {}},         {EntityKind::unattended_guard, "unattended_guard", {}},
      {EntityKind::problem, "problem", {}},   {EntityKind::warning, "warning", {}},
      {EntityKind::shutoff, "shutoff", {}},
  };
  for (const auto& b : cfg.burners) {
    out.push_back({EntityKind::flame, b.id + "_flame", b.id});
    if (b.temperature) out.push_back({EntityKind::temperature, b.id + "_temperature", b.id});
    out.push_back({EntityKind::cut, b.id + "_cut", b.id});
    out.push_back({EntityKind::valve, b.id + "_valve", b.id});
  }
  return out;
}

nlohmann::json discovery_payload(const Entity& entity, const config::Config& cfg) {
  const Topics topics(cfg);
  json payload = kind_fields(entity, cfg, topics);
  payload["unique_id"] = cfg.device.id + "_" + entity.key;
  payload["default_entity_id"] = std::string(component(entity.kind)) + "." + cfg.device.id + "_" + entity.key;
  payload["availability_topic"] = topics.availability();
  payload["device"] = device_block(cfg);
  payload["origin"] = origin_block();
  if (has_command(entity.kind)) {
    payload["qos"] = 1;
    payload["retain"] = false;  // commands are never retained: no ghost cut after a reboot
  }
  return payload;
}

const std::vector<std::string>& shutoff_reasons() {
  static const std::vector<std::string> reasons = {"manual", "timer", "away", "unattended",
                                                   "max_on", "overheat", "alarm", "sensor_fault"};
  return reasons;
}

const std::vector<std::string>& warning_reasons() {
  static const std::vector<std::string> reasons = {"unattended", "away", "max_on"};
  return reasons;
}

}  // namespace stove::mqtt
