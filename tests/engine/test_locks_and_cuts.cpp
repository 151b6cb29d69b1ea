// Rule 7 (lockout, max_hold) and the closed loop every cut goes through
// (pulse 5 s, verify within 10 s, 2 retries).
#include "tests/engine/stove_fixture.hpp"

namespace stove::engine::test {
namespace {

constexpr std::size_t kLeft = 0, kRight = 1, kBack = 2;

TEST_CASE("lock on a lit burner cuts it with reason manual and holds the relay until unlock") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kLeft);
  REQUIRE(f.act([](Engine& e, Now n) { return e.lock(kLeft, n); }).ok);
  CHECK(f.count(EventKind::shutoff, "manual", "left") == 1);
  CHECK(f.count(EventKind::locked, "manual", "left") == 1);
  f.run_for(60s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK(f.engine->relay_engaged(kLeft));
  CHECK(f.state() == StoveState::locked);
  CHECK_FALSE(f.engine->relay_engaged(kRight));

  // Lighting against the lock: cut again at once.
  f.ignite(kLeft);
  CHECK(f.count(EventKind::shutoff, "manual", "left") == 2);
  f.run_for(10s);
  CHECK_FALSE(f.lit(kLeft));

  CHECK(f.act([](Engine& e, Now n) { return e.unlock(kLeft, n); }).ok);
  CHECK(f.count(EventKind::unlocked, "", "left") == 1);
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK(f.state() == StoveState::idle);
}

TEST_CASE("lock during a warning cuts at once with reason manual and ends the warning") {
  StoveFixture f;
  f.ignite(kRight);
  f.run_for(65s);
  REQUIRE(f.state() == StoveState::warning);
  f.act([](Engine& e, Now n) { e.lock(std::nullopt, n); });
  CHECK(f.count(EventKind::shutoff, "manual", "right") == 1);
  CHECK_FALSE(f.engine->status(f.now).warning);
  f.run_for(300s);
  CHECK(f.count(EventKind::shutoff, "unattended") == 0);
  CHECK(f.state() == StoveState::locked);
  for (std::size_t b = 0; b < 3; ++b) CHECK(f.engine->relay_engaged(b));
}

TEST_CASE("max_hold lets the hold lapse - the burner is then guarded by re-cutting any flame") {
  StoveFixture f([](config::Config& c) { c.cutoff.max_hold = 60s; });
  f.act([](Engine& e, Now n) { e.lock(kBack, n); });
  f.run_for(59s);
  CHECK(f.engine->relay_engaged(kBack));
  f.run_for(1s);
  CHECK_FALSE(f.engine->relay_engaged(kBack));  // released, but still locked
  CHECK(f.engine->status(f.now).burners[kBack].locked);

  f.run_for(100s);
  f.ignite(kBack);
  CHECK(f.engine->relay_engaged(kBack));
  CHECK(f.count(EventKind::shutoff, "manual", "back") == 1);
  f.run_for(10s);
  CHECK_FALSE(f.lit(kBack));
  CHECK(f.engine->relay_engaged(kBack));  // a fresh hold ...
  f.run_for(50s);
  CHECK_FALSE(f.engine->relay_engaged(kBack));  // ... lapses again after max_hold
}

TEST_CASE("a new lock reason (an alarm) holds a lapsed relay afresh") {
  StoveFixture f([](config::Config& c) { c.cutoff.max_hold = 60s; });
  f.act([](Engine& e, Now n) { e.lock(kBack, n); });
  f.run_for(61s);
  REQUIRE_FALSE(f.engine->relay_engaged(kBack));  // the manual hold lapsed
  f.act([](Engine& e, Now n) { e.alarm(AlarmKind::smoke, true, n); });
  CHECK(f.engine->relay_engaged(kBack));
  f.run_for(59s);
  CHECK(f.engine->relay_engaged(kBack));
  f.run_for(1s);
  CHECK_FALSE(f.engine->relay_engaged(kBack));  // the new hold lapses after max_hold too
}

TEST_CASE("cut: the flame goes out during the pulse - the cut is confirmed - the relay is released") {
  StoveFixture f;
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_now(kLeft, n); });
  CHECK(f.state() == StoveState::cutting);
  f.run_for(4s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK(f.count(EventKind::confirmed, "manual", "left") == 1);
  CHECK(f.engine->relay_engaged(kLeft));  // the whole pulse, so the valve surely closed
  f.run_for(1s);
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK_FALSE(f.engine->cutting(kLeft));
  CHECK(f.count(EventKind::retry, "manual") == 0);
  CHECK(f.state() == StoveState::idle);
}

TEST_CASE("cut: a flame that survives is pulsed again - then shutoff_failed holds the relay") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kLeft);
  f.set_stuck(kLeft, true);
  f.act([](Engine& e, Now n) { e.cut_now(kLeft, n); });
  f.run_for(5s);
  CHECK_FALSE(f.engine->relay_engaged(kLeft));  // released to watch the flame
  CHECK(f.engine->cutting(kLeft));
  f.run_for(10s);
  CHECK(f.count(EventKind::retry, "manual", "left") == 1);
  CHECK(f.engine->relay_engaged(kLeft));
  f.run_for(15s);
  CHECK(f.count(EventKind::retry, "manual", "left") == 2);
  CHECK(f.count(EventKind::shutoff_failed, "manual") == 0);
  f.run_for(15s);
  CHECK(f.count(EventKind::shutoff_failed, "manual", "left") == 1);
  CHECK(f.engine->shutoff_failed(kLeft));
  CHECK(f.engine->relay_engaged(kLeft));
  auto s = f.engine->status(f.now);
  CHECK(s.state == StoveState::fault);
  CHECK(s.problems == std::vector<std::string>{"shutoff_failed:left"});
  CHECK(f.engine->alerting());
  // Nothing else gets a go at this burner while it is held.
  CHECK(f.act([](Engine& e, Now n) { return e.cut_now(kLeft, n); }).ok);
  CHECK(f.count(EventKind::shutoff, "manual", "left") == 1);

  f.run_for(300s);
  CHECK(f.engine->relay_engaged(kLeft));
  f.set_stuck(kLeft, false);  // the valve finally lets go
  f.run_for(2s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK(f.count(EventKind::confirmed, "shutoff_failed", "left") == 1);
  CHECK_FALSE(f.engine->shutoff_failed(kLeft));
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK(f.state() == StoveState::idle);
}

TEST_CASE("cut: a flame that goes out while being watched needs no retry") {
  StoveFixture f;
  f.ignite(kBack);
  f.set_stuck(kBack, true);
  f.act([](Engine& e, Now n) { e.cut_now(kBack, n); });
  f.run_for(8s);  // past the pulse, inside verify_within
  f.turn_off(kBack);
  CHECK(f.count(EventKind::confirmed, "manual", "back") == 1);
  CHECK_FALSE(f.engine->cutting(kBack));
  f.run_for(60s);
  CHECK(f.count(EventKind::retry, "manual") == 0);
  CHECK_FALSE(f.engine->relay_engaged(kBack));
}

TEST_CASE("cut_now on unlit burners starts nothing and says so") {
  StoveFixture f;
  const auto r = f.act([](Engine& e, Now n) { return e.cut_now(std::nullopt, n); });
  CHECK(r.ok);
  CHECK(r.note == "no burner is lit");
  CHECK(f.count(EventKind::shutoff, "manual") == 0);
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
}

TEST_CASE("a stove-wide cut records one shutoff per lit burner - last_shutoff is one of them") {
  StoveFixture f;
  f.ignite(kLeft);
  f.ignite(kBack);
  f.act([](Engine& e, Now n) { e.cut_now(std::nullopt, n); });
  CHECK(f.count(EventKind::shutoff, "manual") == 2);
  const auto last = f.engine->status(f.now).last_shutoff;
  REQUIRE(last);
  CHECK(last->reason == Reason::manual);
  CHECK(last->at == f.now.wall);
  CHECK((last->burner == "left" || last->burner == "back"));
}

}  // namespace
}  // namespace stove::engine::test
