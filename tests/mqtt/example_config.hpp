#pragma once
// The interfaces.md §2 example configuration, as the config loader fills it.

#include <string>

#include "config/config.hpp"

namespace stove::mqtt::test {

inline config::Config example_config(const std::string& url = "tcp://127.0.0.1:1883") {
  config::Config cfg;
  cfg.device = {"kitchen_stove", "Kitchen stove"};
  config::Burner left;
  left.id = "left";
  left.name = "Left burner";
  left.temperature = "hwmon:/sys/class/hwmon/hwmon2/temp1_input";
  config::Burner right;
  right.id = "right";
  right.name = "Right burner";
  cfg.burners = {left, right};
  config::Mqtt mqtt;
  mqtt.url = url;
  mqtt.base_topic = "stoveguard/kitchen_stove";
  mqtt.client_id = "stoved-kitchen_stove";
  cfg.mqtt = mqtt;
  return cfg;
}

}  // namespace stove::mqtt::test
