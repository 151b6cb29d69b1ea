// status().state precedence and the event fields the JSON outputs are built from.
#include <set>

#include "tests/engine/stove_fixture.hpp"

namespace stove::engine::test {
namespace {

constexpr std::size_t kLeft = 0, kRight = 1, kBack = 2;

TEST_CASE("state precedence: fault > cutting > warning > cooking > locked > idle") {
  StoveFixture f([](config::Config& c) { c.rules.sensor_fault = config::SensorFaultPolicy::warn; });
  CHECK(f.state() == StoveState::idle);
  f.act([](Engine& e, Now n) { e.lock(kRight, n); });
  CHECK(f.state() == StoveState::locked);
  f.ignite(kLeft);
  f.ignite(kBack);
  CHECK(f.state() == StoveState::cooking);
  f.run_for(60s);  // both unattended
  CHECK(f.state() == StoveState::warning);
  f.act([](Engine& e, Now n) { e.cut_now(kLeft, n); });
  CHECK(f.engine->status(f.now).warning->burner == "back");
  CHECK(f.state() == StoveState::cutting);
  f.act([](Engine& e, Now n) { e.sensor_fault(kRight, SensorKind::temperature, "gone", n); });
  CHECK(f.state() == StoveState::fault);

  f.act([](Engine& e, Now n) { e.sensor_fault(kRight, SensorKind::temperature, std::nullopt, n); });
  CHECK(f.state() == StoveState::cutting);
  f.run_for(5s);  // left's pulse over; back still warned
  CHECK(f.state() == StoveState::warning);
  f.act([](Engine& e, Now n) { e.here(n); });
  CHECK(f.state() == StoveState::cooking);
  f.turn_off(kBack);
  CHECK(f.state() == StoveState::locked);
  f.act([](Engine& e, Now n) { e.unlock(kRight, n); });
  CHECK(f.state() == StoveState::idle);
}

TEST_CASE("alerting follows warnings and problems") {
  StoveFixture f;
  CHECK_FALSE(f.engine->alerting());
  f.ignite(kLeft);
  f.run_for(60s);
  CHECK(f.engine->alerting());
  f.act([](Engine& e, Now n) { e.motion(n); });
  CHECK_FALSE(f.engine->alerting());
  f.act([](Engine& e, Now n) { e.alarm(AlarmKind::gas, true, n); });
  CHECK(f.engine->alerting());
}

TEST_CASE("events carry the fields of the JSON contract") {
  StoveFixture f;
  f.ignite(kLeft);
  f.run_for(60s);
  const auto warning = f.last(EventKind::warning);
  REQUIRE(warning);
  CHECK(warning->at == f.now.wall);
  CHECK(warning->reason == "unattended");
  CHECK(warning->burner == "left");
  CHECK(warning->cut_at == f.now.wall + 20s);

  f.run_for(20s);
  const auto shutoff = f.last(EventKind::shutoff);
  REQUIRE(shutoff);
  CHECK(shutoff->at == f.now.wall);
  CHECK(shutoff->burner == "left");
  CHECK(reason_from_string(shutoff->reason) == Reason::unattended);

  f.act([](Engine& e, Now n) { e.alarm(AlarmKind::smoke, true, n); });
  const auto fault = f.last(EventKind::fault);
  REQUIRE(fault);
  CHECK_FALSE(fault->burner);  // stove-wide
  CHECK(fault->reason == "alarm");

  // Every kind and reason has a stable name that reads back, and the names
  // the interface lists are among them.
  std::set<std::string> kinds;
  for (auto k : {EventKind::warning, EventKind::cancelled, EventKind::shutoff, EventKind::confirmed,
                 EventKind::retry, EventKind::shutoff_failed, EventKind::expired, EventKind::fault,
                 EventKind::recovered, EventKind::locked, EventKind::unlocked}) {
    CHECK(event_kind_from_string(to_string(k)) == k);
    kinds.emplace(to_string(k));
  }
  for (const char* name : {"warning", "shutoff", "shutoff_failed", "fault", "cancelled"}) {
    CHECK(kinds.count(name) == 1);
  }
  CHECK(kinds.size() == 11);
  for (auto r : {Reason::manual, Reason::timer, Reason::away, Reason::unattended, Reason::max_on,
                 Reason::overheat, Reason::alarm, Reason::sensor_fault}) {
    CHECK(reason_from_string(to_string(r)) == r);
  }
  CHECK(to_string(Reason::max_on) == "max_on");
  CHECK(to_string(Reason::sensor_fault) == "sensor_fault");
  CHECK_FALSE(reason_from_string("boredom"));
  for (const auto& e : f.events) {
    CHECK(event_kind_from_string(to_string(e.kind)) == e.kind);
    CHECK(e.cut_at.has_value() == (e.kind == EventKind::warning));
    if (e.kind == EventKind::shutoff || e.kind == EventKind::warning) CHECK(reason_from_string(e.reason));
  }
}

TEST_CASE("the event log keeps the most recent events - up to its capacity") {
  StoveFixture f;
  for (int i = 0; i < 150; ++i) {
    f.act([](Engine& e, Now n) { e.lock(kLeft, n); });
    f.act([](Engine& e, Now n) { e.unlock(kLeft, n); });
  }
  CHECK(f.engine->event_log().size() == Engine::kLogCapacity);
  CHECK(f.engine->event_log().back().kind == EventKind::unlocked);
  CHECK(f.engine->durable(f.now).events.size() <= Engine::kLogCapacity);
}

}  // namespace
}  // namespace stove::engine::test
