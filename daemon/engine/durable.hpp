#pragma once
// The part of the engine's state that must survive a restart (SIGKILL and
// power loss included). Times are absolute wall-clock times: a restart never
// re-arms a timer from the restart time.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "daemon/engine/records.hpp"

namespace stove::engine {

// Why a burner is locked; several can hold at once, and each ends its own way.
enum LockReason : std::uint8_t {
  kLockManual = 1,       // stovectl lock / HA lockout: ends with unlock
  kLockAway = 2,         // rules.away_lockout while away: ends with away off
  kLockAlarm = 4,        // smoke/gas alarm latch: ends with a local unlock after the alarm cleared
  kLockSensorFault = 8,  // sensor_fault policy "cut": ends when the fault clears
  kLockUncertain = 16,   // state could not be restored: ends with unlock
};

struct ShutoffRecord {
  std::string burner;
  Reason reason = Reason::manual;
  WallTime at;
};

struct DurableBurner {
  std::string id;
  std::optional<WallTime> timer;
  std::uint8_t locks = 0;       // LockReason bits, without kLockSensorFault (re-derived)
  bool shutoff_failed = false;  // relay held until the flame is seen out
};

struct DurableState {
  bool away = false;
  bool unattended_guard = true;
  std::optional<WallTime> stove_timer;
  std::vector<DurableBurner> burners;
  std::optional<ShutoffRecord> last_shutoff;
  std::deque<EventRecord> events;  // oldest first
  bool state_unreadable = false;   // set by the loader when the file was corrupt
};

}  // namespace stove::engine
