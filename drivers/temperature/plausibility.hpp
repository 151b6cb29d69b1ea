#pragma once
// Decides whether a value read from a sensor can be believed. Pure: time is an
// argument, so every rule is tested with explicit instants.
//
// Rules, in order:
//  1. a read error passes through as a fault (its text unchanged);
//  2. power-on value (DS18B20 only): an exact 85.000 °C as the first value
//     since start or since the last read error is a fault — the chip reports
//     85 °C until its first conversion, which is what a probe that just got
//     power (or a flaky bus reset) shows. The next 85.000 is believed, so a
//     probe truly sitting at 85 °C is only one interval late;
//  3. range: outside [min_c, max_c] is a fault;
//  4. frozen: the exact same value for frozen_after or longer is a fault. Real
//     converters jitter by at least their last bit even in boiling water, so a
//     value that does not move at all for minutes points at a dead driver or
//     a stuck cache. The trade-off: a probe in a perfectly still, cold room can
//     also sit on one value, so the window is long (15 min) and a zero window
//     turns the rule off.

#include <chrono>
#include <optional>

#include "drivers/temperature/outcome.hpp"
#include "drivers/temperature_source.hpp"

namespace stove::drivers::temperature {

struct PlausibilityRules {
  double min_c = -30.0;
  double max_c = 700.0;
  std::chrono::steady_clock::duration frozen_after = std::chrono::minutes(15);  // zero: off
  bool reject_power_on_85 = false;  // set for w1_therm (DS18B20) sources
};

class PlausibilityChecker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit PlausibilityChecker(PlausibilityRules rules);

  TemperatureReading check(const Outcome<double>& read, TimePoint now);

 private:
  bool is_frozen(double celsius, TimePoint now);

  PlausibilityRules rules_;
  bool expect_first_value_ = true;
  std::optional<double> last_value_;
  TimePoint unchanged_since_{};
};

}  // namespace stove::drivers::temperature
