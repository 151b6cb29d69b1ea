#pragma once
// The building blocks of an input's filter chain, in the style of ESPHome's
// binary-sensor filters. Filters are pure: time is an argument, so every
// decision can be replayed in a test with explicit instants, and the adapter
// that owns the chain arms one timer for next_deadline().

#include <chrono>
#include <optional>

namespace stove::drivers::filters {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;

class Filter {
 public:
  virtual ~Filter() = default;
  // A new input value seen at `now`. Returns the output to pass on at once,
  // or nothing when the filter holds (or drops) the value.
  virtual std::optional<bool> new_value(bool value, TimePoint now) = 0;
  // When a held value becomes due; nothing when none is pending.
  virtual std::optional<TimePoint> next_deadline() const = 0;
  // Called at or after next_deadline(); returns the value that became due.
  virtual std::optional<bool> on_deadline(TimePoint now) = 0;
};

}  // namespace stove::drivers::filters
