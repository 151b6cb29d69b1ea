#pragma once
// Command payloads from Home Assistant -> control-socket requests. Pure, so
// every malformed-payload class is table-tested without a broker.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace stove::mqtt {

// Longest command payload looked at; anything longer is refused unread.
inline constexpr std::size_t kMaxCommandPayload = 256;
// The timer number's range in minutes (a day), 0 cancels.
inline constexpr long kMaxTimerMinutes = 1440;

struct Rejected {
  std::string why;  // for the log line
};

// The request for a command on <base>/<key>/set, or why none is made.
std::variant<nlohmann::json, Rejected> parse_command(std::string_view key, std::string_view payload,
                                                     const config::Config& cfg);

// ON/OFF of a switch command or an input topic (presence, alarm, away);
// nothing for anything else.
std::optional<bool> parse_on_off(std::string_view payload);

}  // namespace stove::mqtt
