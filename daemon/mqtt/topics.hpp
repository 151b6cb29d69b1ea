#pragma once
// Where every message of one stoveguard device lives (interfaces.md §3):
// states, commands and events under the base topic, discovery configs under
// Home Assistant's discovery prefix.

#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace stove::mqtt {

class Topics {
 public:
  // cfg.mqtt must be set.
  explicit Topics(const config::Config& cfg);

  std::string availability() const { return base_ + "/availability"; }
  std::string state(std::string_view key) const { return join(key, "state"); }
  std::string command(std::string_view key) const { return join(key, "set"); }
  std::string event(std::string_view key) const { return join(key, "event"); }
  std::string attributes(std::string_view key) const { return join(key, "attributes"); }
  std::string command_filter() const { return base_ + "/+/set"; }
  std::string discovery(std::string_view component, std::string_view key) const;
  // Home Assistant's birth/last-will topic.
  std::string ha_status() const { return prefix_ + "/status"; }

  // The entity key of a command topic, or nothing for any other topic.
  std::optional<std::string> command_key(std::string_view topic) const;

  // A topic relative to the base ("left_flame/state") made absolute.
  std::string absolute(std::string_view relative) const { return base_ + "/" + std::string(relative); }

 private:
  std::string join(std::string_view key, std::string_view leaf) const;

  std::string base_;
  std::string prefix_;
  std::string device_id_;
};

}  // namespace stove::mqtt
