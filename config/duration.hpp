#pragma once
// Human durations such as "90s", "20m", "1h30m", "2h": the only duration
// syntax in configuration files, on the command line and over MQTT.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace stove::config {

struct DurationError {
  std::string message;
};

// Parses a positive whole-second duration made of descending units
// (h, m, s), each at most once. Zero, negative and empty input are errors.
std::optional<std::chrono::seconds> parse_duration(std::string_view text,
                                                   std::string* error = nullptr);

// The canonical spelling: 5400s -> "1h30m", 0 -> "0s".
std::string format_duration(std::chrono::seconds d);

}  // namespace stove::config
