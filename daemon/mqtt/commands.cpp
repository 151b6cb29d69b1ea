#include "daemon/mqtt/commands.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "daemon/mqtt/discovery.hpp"

namespace stove::mqtt {
namespace {

using nlohmann::json;

// Whitespace around a payload is forgiven (hand-typed mosquitto_pub lines end
// in a newline); control bytes or non-ASCII anywhere mean garbage.
std::optional<std::string_view> clean_text(std::string_view payload) {
  const bool printable = std::all_of(payload.begin(), payload.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 0x20 && u < 0x7f) || c == '\n' || c == '\r' || c == '\t';
  });
  if (!printable) return std::nullopt;
  const auto first = payload.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::string_view{};
  const auto last = payload.find_last_not_of(" \t\r\n");
  return payload.substr(first, last - first + 1);
}

// A whole number of minutes; HA's number entity may send "20" or "20.0".
std::optional<long> parse_minutes(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
  if (value != std::floor(value) || value < 0 || value > static_cast<double>(kMaxTimerMinutes)) return std::nullopt;
  return static_cast<long>(value);
}

Rejected expected(std::string_view key, std::string_view what) {
  return {std::string(key) + ": expected " + std::string(what)};
}

}  // namespace

std::optional<bool> parse_on_off(std::string_view payload) {
  const auto text = clean_text(payload);
  if (!text) return std::nullopt;
  if (*text == "ON") return true;
  if (*text == "OFF") return false;
  return std::nullopt;
}

std::variant<json, Rejected> parse_command(std::string_view key, std::string_view payload,
                                           const config::Config& cfg) {
  if (payload.size() > kMaxCommandPayload) {
    return Rejected{std::string(key) + ": payload of " + std::to_string(payload.size()) + " bytes ignored"};
  }
  const auto text = clean_text(payload);
  if (!text) return Rejected{std::string(key) + ": binary payload ignored"};

  const auto all = entities(cfg);
  const auto found = std::find_if(all.begin(), all.end(), [&](const Entity& e) { return e.key == key; });
  if (found == all.end() || !has_command(found->kind)) {
    return Rejected{"no command entity '" + std::string(key) + "'"};
  }
  const auto on_off = parse_on_off(*text);
  switch (found->kind) {
    case EntityKind::cut_now:
      if (*text != "PRESS") return expected(key, "PRESS");
      return json{{"cmd", "off"}};
    case EntityKind::here:
      if (*text != "PRESS") return expected(key, "PRESS");
      return json{{"cmd", "here"}};
    case EntityKind::timer: {
      const auto minutes = parse_minutes(*text);
      if (!minutes) return expected(key, "whole minutes 0..1440");
      if (*minutes == 0) return json{{"cmd", "cancel"}};
      return json{{"cmd", "off"}, {"after_s", *minutes * 60}};
    }
    case EntityKind::away:
      if (!on_off) return expected(key, "ON or OFF");
      return json{{"cmd", "away"}, {"on", *on_off}};
    case EntityKind::unattended_guard:
      if (!on_off) return expected(key, "ON or OFF");
      return json{{"cmd", "guard"}, {"on", *on_off}};
    case EntityKind::lockout:
      if (!on_off) return expected(key, "ON or OFF");
      return json{{"cmd", *on_off ? "lock" : "unlock"}};
    case EntityKind::cut:
      if (*text != "PRESS") return expected(key, "PRESS");
      return json{{"cmd", "off"}, {"burner", *found->burner}};
    case EntityKind::valve:
      if (*text != "CLOSE") return expected(key, "CLOSE (the valve cannot be opened remotely)");
      return json{{"cmd", "off"}, {"burner", *found->burner}};
    default:
      break;
  }
  return Rejected{"no command entity '" + std::string(key) + "'"};
}

}  // namespace stove::mqtt
