#pragma once
// Wall-clock text for people and JSON: RFC 3339 with the local offset and
// whole seconds, and "HH:MM" as the next local occurrence.

#include <optional>
#include <string>
#include <string_view>

#include "daemon/engine/time.hpp"

namespace stove::shell {

std::string rfc3339(engine::WallTime t);

// "18:30" -> hour and minute, or std::nullopt for anything else ("25:00", "7:5").
std::optional<std::pair<int, int>> parse_hh_mm(std::string_view text);

// The next local time with that hour and minute strictly after `now`.
engine::WallTime next_local(engine::WallTime now, int hour, int minute);

}  // namespace stove::shell
