// [device], [hardware] and [[burner]].

#include <map>

#include "config/sections.hpp"
#include "config/table_reader.hpp"

namespace stove::config::schema {
namespace {

constexpr std::size_t kMaxBurners = 8;

void add_line(Context& context, TableReader& reader, const std::optional<Line>& line, std::string_view key,
              LineRole role, std::string owner) {
  if (!line) return;
  std::string what = owner.empty() ? reader.name(key) : std::string(key);
  context.lines.add(line->offset, role, std::move(what), std::move(owner), reader.position_of(key));
}

// The kernel interfaces a temperature can be read from; sim accepts them too.
bool is_temperature_source(const std::string& spec) {
  for (std::string_view prefix : {"hwmon:", "iio:", "w1:"}) {
    if (spec.starts_with(prefix) && spec.size() > prefix.size() && spec[prefix.size()] == '/') return true;
  }
  return false;
}

Seconds effective_pulse(std::optional<Seconds> own, const Cutoff& cutoff, RelayWiring wiring) {
  if (own) return *own;
  if (cutoff.pulse) return *cutoff.pulse;
  return wiring == RelayWiring::series ? kSeriesPulseDefault : kShuntPulseDefault;
}

Burner read_burner(const toml::table& table, std::size_t index, const Cutoff& cutoff, Context& context) {
  TableReader reader(table, "burner[" + std::to_string(index) + "]", "[[burner]]", context.problems);
  Burner burner;
  reader.require("id");
  if (auto id = reader.identifier("id")) burner.id = *id;
  burner.name = reader.string("name").value_or(burner.id);
  const std::string owner = burner.id.empty() ? "burner[" + std::to_string(index) + "]" : "burner '" + burner.id + "'";

  reader.require("relay_line");
  const auto relay = reader.line("relay_line", "relay_active_low");
  if (relay) burner.relay = *relay;
  add_line(context, reader, relay, "relay_line", LineRole::relay, owner);
  if (auto wiring = reader.choice<RelayWiring>("relay_wiring",
                                               {{"series", RelayWiring::series}, {"shunt", RelayWiring::shunt}})) {
    burner.relay_wiring = *wiring;
  }

  reader.require("flame_line");
  const auto flame = reader.line("flame_line", "flame_active_low");
  if (flame) burner.flame = *flame;
  add_line(context, reader, flame, "flame_line", LineRole::input, owner);
  if (auto ms = reader.integer("flame_on_hold_ms", 0, 10'000)) burner.flame_on_hold = std::chrono::milliseconds{*ms};
  if (auto ms = reader.integer("flame_off_hold_ms", 0, 60'000)) burner.flame_off_hold = std::chrono::milliseconds{*ms};

  if (auto spec = reader.string("temperature")) {
    if (is_temperature_source(*spec)) {
      burner.temperature = *spec;
    } else {
      reader.problem("temperature", reader.name("temperature") +
                                        " must be \"hwmon:/absolute/path\", \"iio:/absolute/path\" or "
                                        "\"w1:/absolute/path\", got \"" + *spec + "\"");
    }
  }
  burner.pulse = effective_pulse(reader.duration("pulse"), cutoff, burner.relay_wiring);
  reader.report_unknown_keys();
  return burner;
}

}  // namespace

void read_device(const toml::table& table, Device& device, Context& context) {
  TableReader reader(table, "device", "[device]", context.problems);
  reader.require("id");
  if (auto id = reader.identifier("id")) device.id = *id;
  device.name = reader.string("name").value_or(device.id);
  reader.report_unknown_keys();
}

void read_hardware(const toml::table& table, Hardware& hardware, Context& context) {
  TableReader reader(table, "hardware", "[hardware]", context.problems);
  reader.require("backend");
  if (auto backend = reader.choice<Backend>("backend", {{"sim", Backend::sim}, {"gpiod", Backend::gpiod}})) {
    hardware.backend = *backend;
  }
  if (auto chip = reader.string("chip")) hardware.chip = *chip;
  if (auto interval = reader.duration("temperature_interval")) hardware.temperature_interval = *interval;

  hardware.buzzer = reader.line("buzzer_line", "buzzer_active_low");
  add_line(context, reader, hardware.buzzer, "buzzer_line", LineRole::output, "");
  hardware.status_led = reader.line("status_led_line", "status_led_active_low");
  add_line(context, reader, hardware.status_led, "status_led_line", LineRole::output, "");
  hardware.cut_button = reader.line("cut_button_line", "cut_button_active_low");
  add_line(context, reader, hardware.cut_button, "cut_button_line", LineRole::input, "");
  reader.report_unknown_keys();
}

void read_burners(const toml::array& tables, const Cutoff& cutoff, std::vector<Burner>& burners, Context& context) {
  std::map<std::string, toml::source_position> first_id_at;
  for (std::size_t index = 0; index < tables.size(); ++index) {
    const toml::table& table = *tables[index].as_table();
    if (index == kMaxBurners) {
      context.problems.add(table.source().begin, "at most " + std::to_string(kMaxBurners) +
                                                     " [[burner]] tables are supported");
    }
    Burner burner = read_burner(table, index, cutoff, context);
    if (!burner.id.empty()) {
      const toml::source_position at = table.get("id")->source().begin;
      const auto [first, fresh] = first_id_at.emplace(burner.id, at);
      if (!fresh) {
        context.problems.add(at, "duplicate burner id '" + burner.id + "' (first defined at " +
                                     to_string(first->second) + ")");
      }
    }
    burners.push_back(std::move(burner));
  }
}

}  // namespace stove::config::schema
