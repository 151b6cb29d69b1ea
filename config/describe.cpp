#include "config/describe.hpp"

#include <sstream>

#include "config/duration.hpp"

namespace stove::config {
namespace {

std::string describe(const Line& line) {
  return "line " + std::to_string(line.offset) + (line.active_low ? " (active low)" : " (active high)");
}

std::string describe(const std::optional<Line>& line) { return line ? describe(*line) : "none"; }

std::string describe(const std::optional<std::string>& text) { return text ? *text : "none"; }

std::string on_off(bool value) { return value ? "on" : "off"; }

void describe_burner(std::ostream& out, const Burner& burner) {
  out << "burner " << burner.id << " (\"" << burner.name << "\"): relay " << describe(burner.relay) << ", "
      << (burner.relay_wiring == RelayWiring::series ? "series" : "shunt") << " wiring, pulse "
      << format_duration(burner.pulse) << "; flame " << describe(burner.flame) << ", lit after "
      << burner.flame_on_hold.count() << " ms, out after " << burner.flame_off_hold.count()
      << " ms; temperature " << describe(burner.temperature) << "\n";
}

void describe_mqtt(std::ostream& out, const std::optional<Mqtt>& mqtt) {
  if (!mqtt) {
    out << "mqtt: none (standalone, full local safety function)\n";
    return;
  }
  const char* password = mqtt->password_file ? "from password_file" : mqtt->password ? "set in the file" : "none";
  out << "mqtt: " << mqtt->url << ", client id " << mqtt->client_id << ", keepalive "
      << format_duration(mqtt->keepalive) << ", user " << describe(mqtt->username) << ", password " << password
      << (mqtt->password_file ? " " + *mqtt->password_file : "") << "\n"
      << "mqtt topics: base " << mqtt->base_topic << ", discovery prefix " << mqtt->discovery_prefix
      << ", away " << describe(mqtt->away_topic) << ", remote unlock "
      << (mqtt->allow_remote_unlock ? "allowed" : "refused") << "\n"
      << "mqtt tls: ca " << describe(mqtt->ca_file) << ", cert " << describe(mqtt->cert_file) << ", key "
      << describe(mqtt->key_file) << "\n";
}

}  // namespace

std::string describe(const Config& config) {
  std::ostringstream out;
  const Hardware& hardware = config.hardware;
  out << "device: " << config.device.id << " (\"" << config.device.name << "\")\n"
      << "hardware: backend " << (hardware.backend == Backend::sim ? "sim" : "gpiod") << ", chip " << hardware.chip
      << ", temperatures read every " << format_duration(hardware.temperature_interval) << ", buzzer "
      << describe(hardware.buzzer) << ", status led " << describe(hardware.status_led) << ", cut button "
      << describe(hardware.cut_button) << "\n";
  for (const Burner& burner : config.burners) describe_burner(out, burner);

  out << "presence: pir " << describe(config.presence.pir) << ", topic " << describe(config.presence.mqtt_topic)
      << "\n"
      << "alarm: smoke topic " << describe(config.alarm.smoke_topic) << ", gas topic "
      << describe(config.alarm.gas_topic) << ", contact " << describe(config.alarm.line) << "\n";

  const Cutoff& cutoff = config.cutoff;
  out << "cutoff: flame must be out within " << format_duration(cutoff.verify_within) << " of a pulse, "
      << cutoff.retries << " retries, lockouts hold the relay "
      << (cutoff.max_hold ? "at most " + format_duration(*cutoff.max_hold) : std::string("as long as they last"))
      << "\n";

  const Rules& rules = config.rules;
  out << "rules: unattended after " << format_duration(rules.unattended_after) << " (guard "
      << on_off(rules.unattended_guard) << "), warn for " << format_duration(rules.warn_for) << ", away grace "
      << format_duration(rules.away_grace) << " (away lockout " << on_off(rules.away_lockout) << "), max on "
      << format_duration(rules.max_on) << ", overheat at " << rules.overheat_c << " C, rise limit ";
  if (rules.overheat_rise_c_per_min) {
    out << *rules.overheat_rise_c_per_min << " C/min";
  } else {
    out << "off";
  }
  out << ", sensor fault " << (rules.sensor_fault == SensorFaultPolicy::cut ? "cuts" : "warns") << "\n";

  describe_mqtt(out, config.mqtt);
  out << "control socket: " << config.control.socket << "\n"
      << "state dir: " << config.state.dir << "\n";
  return out.str();
}

}  // namespace stove::config
