// Rules 5, 6 and 8: overheat, smoke/gas alarm and sensor faults cut at once,
// never after a warning.
#include "tests/engine/stove_fixture.hpp"

namespace stove::engine::test {
namespace {

constexpr std::size_t kLeft = 0, kRight = 1, kBack = 2;

void temperature(StoveFixture& f, std::size_t b, double c) {
  f.act([&](Engine& e, Now n) { e.temperature(b, c, n); });
}

TEST_CASE("a temperature at the overheat limit cuts at once - without a warning") {
  StoveFixture f;
  f.ignite(kLeft);
  temperature(f, kLeft, 249.9);
  CHECK(f.count(EventKind::shutoff, "overheat") == 0);
  f.run_for(2s);
  temperature(f, kLeft, 250.0);
  CHECK(f.count(EventKind::shutoff, "overheat", "left") == 1);
  CHECK(f.engine->relay_engaged(kLeft));  // in the same step as the reading
  CHECK(f.count(EventKind::warning, "overheat") == 0);
  CHECK(f.engine->status(f.now).burners[kLeft].temperature_c == 250.0);
}

TEST_CASE("a hot pan on an unlit burner cuts nothing until the burner is lit") {
  StoveFixture f;
  temperature(f, kRight, 280.0);
  CHECK(f.count(EventKind::shutoff, "overheat") == 0);
  f.ignite(kRight);
  CHECK(f.count(EventKind::shutoff, "overheat", "right") == 1);
  CHECK(f.engine->relay_engaged(kRight));
}

TEST_CASE("a temperature rising faster than overheat_rise_c_per_min cuts at once") {
  StoveFixture f([](config::Config& c) { c.rules.overheat_rise_c_per_min = 30.0; });
  f.ignite(kLeft);
  temperature(f, kLeft, 100.0);
  f.run_for(10s);
  temperature(f, kLeft, 130.0);  // steep, but 10 s is too short to call it a trend
  CHECK(f.count(EventKind::shutoff, "overheat") == 0);
  f.run_for(20s);
  temperature(f, kLeft, 110.0);  // 10 °C in 30 s: 20 °C/min
  CHECK(f.count(EventKind::shutoff, "overheat") == 0);
  f.run_for(15s);
  temperature(f, kLeft, 131.0);  // 31 °C in 45 s: 41 °C/min
  CHECK(f.count(EventKind::shutoff, "overheat", "left") == 1);
  CHECK(f.engine->relay_engaged(kLeft));
  CHECK(f.count(EventKind::warning, "overheat") == 0);
}

TEST_CASE("the rise rate is off unless configured") {
  StoveFixture f;
  f.ignite(kLeft);
  temperature(f, kLeft, 20.0);
  f.run_for(40s);
  temperature(f, kLeft, 200.0);
  CHECK(f.count(EventKind::shutoff, "overheat") == 0);
}

TEST_CASE("a smoke alarm cuts every lit burner at once and latches a lockout") {
  StoveFixture f;
  f.ignite(kLeft);
  f.ignite(kBack);
  f.act([](Engine& e, Now n) { e.alarm(AlarmKind::smoke, true, n); });
  CHECK(f.count(EventKind::shutoff, "alarm", "left") == 1);
  CHECK(f.count(EventKind::shutoff, "alarm", "back") == 1);
  CHECK(f.count(EventKind::shutoff, "alarm", "right") == 0);  // it was not lit
  CHECK(f.count(EventKind::warning, "alarm") == 0);
  for (std::size_t b = 0; b < 3; ++b) CHECK(f.engine->relay_engaged(b));
  const auto s = f.engine->status(f.now);
  CHECK(s.state == StoveState::fault);
  CHECK(std::find(s.problems.begin(), s.problems.end(), "alarm:smoke") != s.problems.end());

  f.run_for(60s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK_FALSE(f.lit(kBack));
  CHECK(f.engine->relay_engaged(kLeft));  // the latch holds after the pulse

  SUBCASE("unlock is refused while the alarm is active") {
    CHECK_FALSE(f.act([](Engine& e, Now n) { return e.unlock(std::nullopt, n); }).ok);
    CHECK(f.engine->relay_engaged(kRight));
  }
  SUBCASE("the latch outlives the alarm until a person unlocks") {
    f.act([](Engine& e, Now n) { e.alarm(AlarmKind::smoke, false, n); });
    CHECK(f.count(EventKind::recovered, "alarm") == 1);
    f.run_for(600s);
    for (std::size_t b = 0; b < 3; ++b) CHECK(f.engine->relay_engaged(b));
    CHECK(f.state() == StoveState::locked);
    CHECK(f.act([](Engine& e, Now n) { return e.unlock(std::nullopt, n); }).ok);
    for (std::size_t b = 0; b < 3; ++b) CHECK_FALSE(f.engine->relay_engaged(b));
    CHECK(f.state() == StoveState::idle);
  }
  SUBCASE("with two alarms, clearing one is not enough") {
    f.act([](Engine& e, Now n) { e.alarm(AlarmKind::gas, true, n); });
    f.act([](Engine& e, Now n) { e.alarm(AlarmKind::smoke, false, n); });
    CHECK_FALSE(f.act([](Engine& e, Now n) { return e.unlock(std::nullopt, n); }).ok);
    f.act([](Engine& e, Now n) { e.alarm(AlarmKind::gas, false, n); });
    CHECK(f.act([](Engine& e, Now n) { return e.unlock(std::nullopt, n); }).ok);
  }
}

TEST_CASE("an alarm during a cut keeps the relay held after the pulse") {
  StoveFixture f;
  f.ignite(kLeft);
  f.ignite(kRight);
  f.act([](Engine& e, Now n) { e.cut_now(kLeft, n); });
  f.run_for(2s);  // the left burner is out, its pulse still running
  REQUIRE(f.engine->cutting(kLeft));
  f.act([](Engine& e, Now n) { e.alarm(AlarmKind::gas, true, n); });
  CHECK(f.count(EventKind::shutoff, "alarm", "right") == 1);
  f.run_for(60s);
  CHECK(f.engine->relay_engaged(kLeft));
  CHECK(f.engine->status(f.now).burners[kLeft].locked);
  CHECK_FALSE(f.engine->cutting(kLeft));
  CHECK_FALSE(f.engine->shutoff_failed(kLeft));
}

TEST_CASE("sensor fault policy cut: the burner is cut at once and locked while faulted") {
  StoveFixture f;
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.sensor_fault(kLeft, SensorKind::temperature, "read error", n); });
  CHECK(f.count(EventKind::fault, "sensor_fault", "left") == 1);
  CHECK(f.count(EventKind::shutoff, "sensor_fault", "left") == 1);
  CHECK(f.engine->relay_engaged(kLeft));
  auto s = f.engine->status(f.now);
  CHECK(s.state == StoveState::fault);
  CHECK(s.problems == std::vector<std::string>{"sensor_fault:left"});
  CHECK_FALSE(s.burners[kLeft].temperature_c);

  f.run_for(120s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK(f.engine->relay_engaged(kLeft));  // still faulted: still locked
  // The lock is not the user's to lift while the fault lasts.
  CHECK_FALSE(f.act([](Engine& e, Now n) { return e.unlock(kLeft, n); }).ok);

  f.act([](Engine& e, Now n) { e.sensor_fault(kLeft, SensorKind::temperature, std::nullopt, n); });
  CHECK(f.count(EventKind::recovered, "sensor_fault", "left") == 1);
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK(f.state() == StoveState::idle);
}

TEST_CASE("a flame sensor fault with policy cut holds the burner until the sensor reads again") {
  StoveFixture f;
  f.ignite(kRight);
  f.flame_sensor(kRight, "no signal");
  CHECK(f.count(EventKind::shutoff, "sensor_fault", "right") == 1);
  CHECK(f.engine->relay_engaged(kRight));
  f.run_for(300s);
  CHECK_FALSE(f.lit(kRight));             // the stove itself went out
  CHECK(f.engine->relay_engaged(kRight));  // the engine cannot know: it keeps holding
  f.flame_sensor(kRight, std::nullopt);
  CHECK_FALSE(f.engine->relay_engaged(kRight));
  CHECK(f.engine->status(f.now).problems.empty());
}

TEST_CASE("sensor fault policy warn only raises the problem") {
  StoveFixture f([](config::Config& c) { c.rules.sensor_fault = config::SensorFaultPolicy::warn; });
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kBack);
  f.act([](Engine& e, Now n) { e.sensor_fault(kBack, SensorKind::temperature, "unplugged", n); });
  CHECK(f.count(EventKind::fault, "sensor_fault", "back") == 1);
  CHECK(f.count(EventKind::shutoff, "sensor_fault") == 0);
  CHECK_FALSE(f.engine->relay_engaged(kBack));
  CHECK(f.state() == StoveState::fault);
  CHECK(f.engine->alerting());
  f.run_for(100s);
  CHECK(f.lit(kBack));
  CHECK_FALSE(f.engine->status(f.now).burners[kBack].locked);
}

}  // namespace
}  // namespace stove::engine::test
