#pragma once
// One reader per configuration table. Each fills its part of Config, reports
// what is wrong with it and registers the GPIO lines it claims; load.cpp
// strings them together and runs the checks that span tables.

#include "config/config.hpp"
#include "config/gpio_lines.hpp"
#include "config/problems.hpp"

namespace stove::config::schema {

struct Context {
  Problems& problems;
  GpioLines& lines;
};

void read_device(const toml::table& table, Device& device, Context& context);
void read_hardware(const toml::table& table, Hardware& hardware, Context& context);
// Needs the [cutoff] table already read: it settles each burner's pulse.
void read_burners(const toml::array& tables, const Cutoff& cutoff, std::vector<Burner>& burners,
                  Context& context);
void read_presence(const toml::table& table, Presence& presence, Context& context);
void read_alarm(const toml::table& table, Alarm& alarm, Context& context);
void read_cutoff(const toml::table& table, Cutoff& cutoff, Context& context);
void read_rules(const toml::table& table, Rules& rules, Context& context);
// Defaults of base_topic and client_id derive from the device id.
void read_mqtt(const toml::table& table, const std::string& device_id, Mqtt& mqtt, Context& context);
void read_control(const toml::table& table, Control& control, Context& context);
void read_state(const toml::table& table, State& state, Context& context);

}  // namespace stove::config::schema
