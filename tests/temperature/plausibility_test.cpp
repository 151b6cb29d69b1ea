#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "drivers/temperature/plausibility.hpp"

using namespace stove::drivers::temperature;
using namespace std::chrono_literals;

namespace {

const PlausibilityChecker::TimePoint t0{};

Outcome<double> value(double celsius) { return Outcome<double>::ok(celsius); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("plausibility: default range is -30..700 °C - inclusive") {
  PlausibilityChecker checker(PlausibilityRules{});
  CHECK(checker.check(value(700.0), t0).celsius == 700.0);
  CHECK(checker.check(value(-30.0), t0 + 1s).celsius == -30.0);
  const auto hot = checker.check(value(700.5), t0 + 2s);
  CHECK_FALSE(hot.celsius);
  CHECK(contains(hot.fault, "700.500 °C is outside the plausible range -30.000..700.000"));
  CHECK_FALSE(checker.check(value(-30.5), t0 + 3s).celsius);
}

TEST_CASE("plausibility: the range is configurable") {
  PlausibilityRules rules;
  rules.min_c = 0.0;
  rules.max_c = 400.0;
  PlausibilityChecker checker(rules);
  CHECK(checker.check(value(399.0), t0).celsius == 399.0);
  CHECK_FALSE(checker.check(value(401.0), t0 + 1s).celsius);
  CHECK_FALSE(checker.check(value(-1.0), t0 + 2s).celsius);
}

TEST_CASE("plausibility: read errors pass through unchanged") {
  PlausibilityChecker checker(PlausibilityRules{});
  const auto reading = checker.check(Outcome<double>::fail("sensor disappeared (/x)"), t0);
  CHECK_FALSE(reading.celsius);
  CHECK(reading.fault == "sensor disappeared (/x)");
}

TEST_CASE("plausibility: the exact same value for the frozen window is a fault") {
  PlausibilityRules rules;
  rules.frozen_after = 15min;
  PlausibilityChecker checker(rules);
  CHECK(checker.check(value(100.0), t0).celsius);
  CHECK(checker.check(value(100.0), t0 + 14min).celsius);
  const auto frozen = checker.check(value(100.0), t0 + 15min);
  CHECK_FALSE(frozen.celsius);
  CHECK(frozen.fault == "value frozen at 100.000 °C for 15 min");
  // One LSB of jitter is life: the value is believed again and the window restarts.
  CHECK(checker.check(value(100.0625), t0 + 16min).celsius == 100.0625);
  CHECK(checker.check(value(100.0625), t0 + 30min).celsius);
  CHECK_FALSE(checker.check(value(100.0625), t0 + 31min).celsius);
}

TEST_CASE("plausibility: read errors do not reset the frozen window") {
  PlausibilityChecker checker(PlausibilityRules{});
  CHECK(checker.check(value(20.0), t0).celsius);
  CHECK_FALSE(checker.check(Outcome<double>::fail("read error"), t0 + 10min).celsius);
  CHECK_FALSE(checker.check(value(20.0), t0 + 15min).celsius);
}

TEST_CASE("plausibility: a zero frozen window turns the rule off") {
  PlausibilityRules rules;
  rules.frozen_after = {};
  PlausibilityChecker checker(rules);
  CHECK(checker.check(value(20.0), t0).celsius);
  CHECK(checker.check(value(20.0), t0 + 24h).celsius);
}

TEST_CASE("plausibility: DS18B20 power-on 85 °C is a fault on the first reading only") {
  PlausibilityRules rules;
  rules.reject_power_on_85 = true;
  PlausibilityChecker checker(rules);
  const auto first = checker.check(value(85.0), t0);
  CHECK_FALSE(first.celsius);
  CHECK(contains(first.fault, "power-on"));
  CHECK(checker.check(value(85.0), t0 + 2s).celsius == 85.0);
  // After a read error the probe may have lost power: the next 85 is suspect again.
  CHECK_FALSE(checker.check(Outcome<double>::fail("CRC error"), t0 + 4s).celsius);
  CHECK_FALSE(checker.check(value(85.0), t0 + 6s).celsius);
  // Only the exact power-on value is suspect.
  PlausibilityChecker other(rules);
  CHECK(other.check(value(85.0625), t0).celsius == 85.0625);
}

TEST_CASE("plausibility: 85 °C is an ordinary value without the power-on rule") {
  PlausibilityChecker checker(PlausibilityRules{});
  CHECK(checker.check(value(85.0), t0).celsius == 85.0);
}
