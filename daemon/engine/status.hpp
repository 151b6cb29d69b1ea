#pragma once
// A snapshot of everything `stovectl status` and Home Assistant show.

#include <optional>
#include <string>
#include <vector>

#include "daemon/engine/durable.hpp"

namespace stove::engine {

enum class StoveState { idle, cooking, warning, cutting, locked, fault };
std::string_view to_string(StoveState s);

struct WarningStatus {
  Reason reason;
  std::optional<std::string> burner;
  WallTime cut_at;
};

struct BurnerStatus {
  std::string id;
  bool flame = false;
  bool flame_known = false;
  std::optional<double> temperature_c;
  bool relay_engaged = false;
  bool locked = false;
  bool cutting = false;
  std::optional<WallTime> shutoff_at;
  std::optional<WallTime> lit_since;
};

struct Status {
  StoveState state = StoveState::idle;
  bool away = false;
  bool unattended_guard = true;
  std::optional<WallTime> shutoff_at;
  std::optional<WarningStatus> warning;  // the one that cuts first
  std::vector<std::string> problems;
  std::vector<BurnerStatus> burners;
  std::optional<ShutoffRecord> last_shutoff;
};

}  // namespace stove::engine
