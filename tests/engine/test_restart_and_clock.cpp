// Durable state across restarts, a corrupt state file, and wall-clock jumps.
#include "tests/engine/stove_fixture.hpp"

namespace stove::engine::test {
namespace {

constexpr std::size_t kLeft = 0, kRight = 1, kBack = 2;

// Presence is a live input, not durable: switch the unattended rule off (that
// is durable) so only the rule under test cuts.
StoveFixture without_unattended_rule() {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.set_unattended_guard(false, n); });
  return f;
}

TEST_CASE("a restart mid-timer cuts at the original time - not restart + delay") {
  auto f = without_unattended_rule();
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 600s, n); });
  const auto due = f.now.wall + 600s;
  f.run_for(200s);
  f.restart(100s);
  CHECK(f.engine->status(f.now).burners[kLeft].shutoff_at == due);
  CHECK_FALSE(f.engine->status(f.now).unattended_guard);
  f.run_for(299s);
  CHECK(f.count(EventKind::shutoff, "timer") == 0);
  f.run_for(1s);
  CHECK(f.now.wall == due);
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 1);
}

TEST_CASE("a timer that passed while the daemon was down fires at start") {
  auto f = without_unattended_rule();
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 60s, n); });
  f.act([](Engine& e, Now n) { e.cut_after(kRight, 60s, n); });
  f.act([](Engine& e, Now n) { e.cut_after(std::nullopt, 90s, n); });
  f.run_for(10s);
  f.restart(1h);
  // Lit: cut at once. Unlit: expired. Stove-wide: nothing left to cut.
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 1);
  CHECK(f.engine->relay_engaged(kLeft));
  CHECK(f.count(EventKind::expired, "timer", "right") == 1);
  CHECK(f.count(EventKind::expired, "timer") == 2);
  CHECK_FALSE(f.engine->status(f.now).shutoff_at);
}

TEST_CASE("locks - away - the alarm latch and the event log survive a restart") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.lock(kRight, n); });
  f.act([](Engine& e, Now n) { e.alarm(AlarmKind::smoke, true, n); });
  f.act([](Engine& e, Now n) { e.alarm(AlarmKind::smoke, false, n); });
  f.act([](Engine& e, Now n) { e.set_away(true, n); });
  const auto logged = f.engine->event_log().size();
  f.restart(10min);
  const auto s = f.engine->status(f.now);
  CHECK(s.away);
  for (std::size_t b = 0; b < 3; ++b) {
    CHECK(s.burners[b].locked);
    CHECK(f.engine->relay_engaged(b));
  }
  CHECK(f.engine->event_log().size() == logged);
  // The alarm latch still wants a local unlock; the alarm itself is gone.
  CHECK(f.act([](Engine& e, Now n) { return e.unlock(std::nullopt, n); }).ok);
  for (std::size_t b = 0; b < 3; ++b) CHECK_FALSE(f.engine->relay_engaged(b));
}

TEST_CASE("a locked burner found lit at start is cut") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.lock(kBack, n); });
  const auto saved = f.shut_down();
  f.ignite(kBack);  // lit by hand while the daemon was down and the relay released
  f.boot(saved, 5min);
  CHECK(f.count(EventKind::shutoff, "manual", "back") == 1);
  f.run_for(10s);
  CHECK_FALSE(f.lit(kBack));
}

TEST_CASE("shutoff_failed survives a restart while the flame burns on") {
  StoveFixture f;
  f.ignite(kLeft);
  f.set_stuck(kLeft, true);
  f.act([](Engine& e, Now n) { e.cut_now(kLeft, n); });
  f.run_for(60s);
  REQUIRE(f.engine->shutoff_failed(kLeft));
  f.restart(1min);
  CHECK(f.engine->shutoff_failed(kLeft));
  CHECK(f.engine->relay_engaged(kLeft));
  CHECK(f.state() == StoveState::fault);
}

TEST_CASE("shutoff_failed clears at start when the flame is seen out") {
  StoveFixture f;
  f.ignite(kLeft);
  f.set_stuck(kLeft, true);
  f.act([](Engine& e, Now n) { e.cut_now(kLeft, n); });
  f.run_for(60s);
  REQUIRE(f.engine->shutoff_failed(kLeft));
  const auto saved = f.shut_down();
  f.turn_off(kLeft);  // someone turned the knob while the daemon was down
  f.boot(saved, 1min);
  CHECK_FALSE(f.engine->shutoff_failed(kLeft));
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK(f.engine->status(f.now).problems.empty());
}

TEST_CASE("a corrupt state locks every burner and raises state_unreadable") {
  StoveFixture f;
  f.ignite(kRight);
  f.shut_down();
  DurableState corrupt;
  corrupt.state_unreadable = true;
  f.boot(corrupt, 1min);
  CHECK(f.count(EventKind::fault, "state_unreadable") == 1);
  CHECK(f.count(EventKind::shutoff, "manual", "right") == 1);  // the lit one is cut
  auto s = f.engine->status(f.now);
  CHECK(s.state == StoveState::fault);
  CHECK(s.problems == std::vector<std::string>{"state_unreadable"});
  for (std::size_t b = 0; b < 3; ++b) {
    CHECK(s.burners[b].locked);
    CHECK(f.engine->relay_engaged(b));
  }
  f.run_for(30s);
  CHECK(f.act([](Engine& e, Now n) { return e.unlock(std::nullopt, n); }).ok);
  CHECK(f.state() == StoveState::idle);
  CHECK(f.engine->status(f.now).problems.empty());
}

TEST_CASE("a wall-clock jump neither fires a timer early nor loses it") {
  auto f = without_unattended_rule();
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 10min, n); });
  f.run_for(2min);
  SUBCASE("forward an hour") { f.jump_wall(1h); }
  SUBCASE("back an hour") { f.jump_wall(-1h); }
  f.act([](Engine& e, Now n) { e.advance(n); });
  f.run_for(8min - 1s);
  CHECK(f.count(EventKind::shutoff, "timer") == 0);
  f.run_for(1s);  // ten steady minutes after the timer was set
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 1);
}

}  // namespace
}  // namespace stove::engine::test
