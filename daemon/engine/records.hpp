#pragma once
// What the engine reports: reasons, the event log, problems.

#include <optional>
#include <string>
#include <string_view>

#include "daemon/engine/time.hpp"

namespace stove::engine {

// Why a burner was cut (interfaces.md §1). Also the MQTT event types.
enum class Reason { manual, timer, away, unattended, max_on, overheat, alarm, sensor_fault };

// Warnings precede only these; everything else happens at once.
constexpr bool is_warned(Reason r) {
  return r == Reason::away || r == Reason::unattended || r == Reason::max_on;
}

enum class EventKind {
  warning,         // a warned cut is pending (cut_at set)
  cancelled,       // a warning or timer ended without a cut
  shutoff,         // the relay was engaged to cut a burner
  confirmed,       // the flame was seen out after a cut
  retry,           // the flame survived a pulse: pulsing again
  shutoff_failed,  // the flame survived every retry: relay held, problem raised
  expired,         // a timer fired with nothing lit to cut
  fault,           // a sensor, alarm or state problem was raised
  recovered,       // ... and cleared
  locked,
  unlocked,
};

struct EventRecord {
  WallTime at;
  EventKind kind;
  std::string reason;                 // a Reason name, or e.g. "smoke", "state_unreadable"
  std::optional<std::string> burner;  // burner id; none for stove-wide events
  std::optional<WallTime> cut_at;     // warnings and timers
  std::string detail;                 // human text, may be empty
};

std::string_view to_string(Reason r);
std::optional<Reason> reason_from_string(std::string_view s);
std::string_view to_string(EventKind k);
std::optional<EventKind> event_kind_from_string(std::string_view s);

}  // namespace stove::engine
