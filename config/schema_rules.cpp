// [presence], [alarm], [cutoff], [rules], [control] and [state].

#include "config/duration.hpp"
#include "config/sections.hpp"
#include "config/table_reader.hpp"

namespace stove::config::schema {

void read_presence(const toml::table& table, Presence& presence, Context& context) {
  TableReader reader(table, "presence", "[presence]", context.problems);
  presence.pir = reader.line("pir_line", "pir_active_low");
  if (presence.pir) {
    context.lines.add(presence.pir->offset, LineRole::input, "presence.pir_line", "", reader.position_of("pir_line"));
  }
  presence.mqtt_topic = reader.mqtt_topic("mqtt_topic");
  reader.report_unknown_keys();
}

void read_alarm(const toml::table& table, Alarm& alarm, Context& context) {
  TableReader reader(table, "alarm", "[alarm]", context.problems);
  alarm.smoke_topic = reader.mqtt_topic("smoke_topic");
  alarm.gas_topic = reader.mqtt_topic("gas_topic");
  alarm.line = reader.line("alarm_line", "alarm_active_low");
  if (alarm.line) {
    context.lines.add(alarm.line->offset, LineRole::input, "alarm.alarm_line", "", reader.position_of("alarm_line"));
  }
  reader.report_unknown_keys();
}

void read_cutoff(const toml::table& table, Cutoff& cutoff, Context& context) {
  TableReader reader(table, "cutoff", "[cutoff]", context.problems);
  cutoff.pulse = reader.duration("pulse");
  if (auto verify = reader.duration("verify_within")) cutoff.verify_within = *verify;
  if (auto retries = reader.integer("retries", 0, 10)) cutoff.retries = static_cast<unsigned>(*retries);
  cutoff.max_hold = reader.duration("max_hold");
  reader.report_unknown_keys();
}

void read_rules(const toml::table& table, Rules& rules, Context& context) {
  TableReader reader(table, "rules", "[rules]", context.problems);
  const auto unattended_after = reader.duration("unattended_after");
  const auto warn_for = reader.duration("warn_for");
  const auto away_grace = reader.duration("away_grace");
  const auto max_on = reader.duration("max_on");
  rules.unattended_after = unattended_after.value_or(rules.unattended_after);
  rules.warn_for = warn_for.value_or(rules.warn_for);
  rules.away_grace = away_grace.value_or(rules.away_grace);
  rules.max_on = max_on.value_or(rules.max_on);
  // A malformed value is reported already; comparing its default would only confuse.
  const bool warn_for_valid = warn_for || reader.find("warn_for") == nullptr;
  const bool max_on_valid = max_on || reader.find("max_on") == nullptr;
  if (warn_for_valid && max_on_valid && rules.warn_for >= rules.max_on) {
    reader.problem(warn_for ? "warn_for" : "max_on",
                   "rules.warn_for (" + format_duration(rules.warn_for) + ") must be shorter than rules.max_on (" +
                       format_duration(rules.max_on) + ")");
  }

  constexpr double kMinOverheat = 40;
  constexpr double kMaxOverheat = 1000;
  if (auto overheat = reader.number("overheat_c")) {
    if (*overheat < kMinOverheat || *overheat > kMaxOverheat) {
      reader.problem("overheat_c", "rules.overheat_c must be between 40 and 1000, got " + reader.number_text("overheat_c"));
    } else {
      rules.overheat_c = *overheat;
    }
  }
  if (auto rise = reader.number("overheat_rise_c_per_min")) {
    if (*rise <= 0) {
      reader.problem("overheat_rise_c_per_min",
                     "rules.overheat_rise_c_per_min must be greater than 0, got " +
                         reader.number_text("overheat_rise_c_per_min"));
    } else {
      rules.overheat_rise_c_per_min = *rise;
    }
  }
  if (auto lockout = reader.boolean("away_lockout")) rules.away_lockout = *lockout;
  if (auto guard = reader.boolean("unattended_guard")) rules.unattended_guard = *guard;
  if (auto policy = reader.choice<SensorFaultPolicy>(
          "sensor_fault", {{"warn", SensorFaultPolicy::warn}, {"cut", SensorFaultPolicy::cut}})) {
    rules.sensor_fault = *policy;
  }
  reader.report_unknown_keys();
}

void read_control(const toml::table& table, Control& control, Context& context) {
  TableReader reader(table, "control", "[control]", context.problems);
  if (auto socket = reader.string("socket")) control.socket = *socket;
  reader.report_unknown_keys();
}

void read_state(const toml::table& table, State& state, Context& context) {
  TableReader reader(table, "state", "[state]", context.problems);
  if (auto dir = reader.string("dir")) state.dir = *dir;
  reader.report_unknown_keys();
}

}  // namespace stove::config::schema
