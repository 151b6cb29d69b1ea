#include "drivers/temperature/plausibility.hpp"

#include <string>
#include <utility>

#include "drivers/temperature/parse.hpp"

namespace stove::drivers::temperature {
namespace {

constexpr double ds18b20_power_on_c = 85.0;

TemperatureReading fault(std::string why) { return TemperatureReading{std::nullopt, std::move(why)}; }

}  // namespace

PlausibilityChecker::PlausibilityChecker(PlausibilityRules rules) : rules_(rules) {}

TemperatureReading PlausibilityChecker::check(const Outcome<double>& read, TimePoint now) {
  if (!read.value) {
    expect_first_value_ = true;
    return fault(read.error);
  }
  const double celsius = *read.value;
  const bool first = std::exchange(expect_first_value_, false);
  const bool frozen = is_frozen(celsius, now);

  if (rules_.reject_power_on_85 && first && celsius == ds18b20_power_on_c) {
    return fault("85.000 °C is the DS18B20 power-on value (no conversion yet)");
  }
  if (celsius < rules_.min_c || celsius > rules_.max_c) {
    return fault(format_celsius(celsius) + " °C is outside the plausible range " +
                 format_celsius(rules_.min_c) + ".." + format_celsius(rules_.max_c) + " °C");
  }
  if (frozen) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - unchanged_since_);
    return fault("value frozen at " + format_celsius(celsius) + " °C for " +
                 std::to_string(minutes.count()) + " min");
  }
  return TemperatureReading{celsius, {}};
}

bool PlausibilityChecker::is_frozen(double celsius, TimePoint now) {
  if (last_value_ != celsius) {
    last_value_ = celsius;
    unchanged_since_ = now;
    return false;
  }
  return rules_.frozen_after > std::chrono::steady_clock::duration::zero() &&
         now - unchanged_since_ >= rules_.frozen_after;
}

}  // namespace stove::drivers::temperature
