// Rules 2-4: unattended flame, away mode and max on-time, each warned
// before it cuts (rules: unattended 60 s, warn 20 s, away grace 10 s, max on 600 s).
#include "tests/engine/stove_fixture.hpp"

namespace stove::engine::test {
namespace {

constexpr std::size_t kLeft = 0, kRight = 1;

TEST_CASE("an unattended flame is warned for warn_for - then cut") {
  StoveFixture f;
  f.ignite(kLeft);
  const auto lit_wall = f.now.wall;
  f.run_for(59s);
  CHECK(f.count(EventKind::warning, "unattended") == 0);
  CHECK(f.state() == StoveState::cooking);

  f.run_for(1s);
  REQUIRE(f.count(EventKind::warning, "unattended", "left") == 1);
  CHECK(f.last(EventKind::warning)->cut_at == lit_wall + 80s);
  CHECK(f.state() == StoveState::warning);
  CHECK(f.engine->alerting());
  const auto w = f.engine->status(f.now).warning;
  REQUIRE(w);
  CHECK(w->reason == Reason::unattended);
  CHECK(w->burner == "left");

  f.run_for(19s);
  CHECK(f.count(EventKind::shutoff, "unattended") == 0);
  f.run_for(1s);
  CHECK(f.count(EventKind::shutoff, "unattended", "left") == 1);
  CHECK(f.state() == StoveState::cutting);
  f.run_for(10s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK(f.state() == StoveState::idle);
  CHECK_FALSE(f.engine->alerting());
}

TEST_CASE("presence during the unattended warning cancels it and restarts the unattended time") {
  StoveFixture f;
  f.ignite(kLeft);
  f.run_for(70s);  // 10 s into the warning
  REQUIRE(f.state() == StoveState::warning);

  SUBCASE("motion") { f.act([](Engine& e, Now n) { e.motion(n); }); }
  SUBCASE("here") { CHECK(f.act([](Engine& e, Now n) { return e.here(n); }).ok); }
  SUBCASE("presence ON, then OFF") {
    f.act([](Engine& e, Now n) { e.presence(true, n); });
    f.run_for(300s);  // while present the unattended time stands still
    CHECK(f.count(EventKind::warning, "unattended") == 1);
    f.act([](Engine& e, Now n) { e.presence(false, n); });  // it runs from now
  }
  CHECK(f.count(EventKind::cancelled, "unattended", "left") == 1);
  CHECK(f.state() == StoveState::cooking);
  CHECK_FALSE(f.engine->alerting());

  const auto restart = f.mark();
  f.run_for(59s);
  CHECK(f.count(EventKind::warning, "unattended", {}, restart) == 0);
  f.run_for(1s);
  CHECK(f.count(EventKind::warning, "unattended", "left", restart) == 1);
  CHECK(f.count(EventKind::shutoff, "unattended") == 0);
  CHECK(f.lit(kLeft));
}

TEST_CASE("the unattended guard can be switched off and on at run time") {
  StoveFixture f;
  f.ignite(kLeft);
  f.run_for(65s);
  REQUIRE(f.state() == StoveState::warning);
  f.act([](Engine& e, Now n) { e.set_unattended_guard(false, n); });
  CHECK(f.count(EventKind::cancelled, "unattended", "left") == 1);
  CHECK_FALSE(f.engine->status(f.now).unattended_guard);
  f.run_for(300s);
  CHECK(f.count(EventKind::shutoff, "unattended") == 0);
  CHECK(f.lit(kLeft));

  // Switched back on long after the burner was lit: the person still gets the
  // full warning, not a cut out of the blue.
  f.act([](Engine& e, Now n) { e.set_unattended_guard(true, n); });
  CHECK(f.count(EventKind::shutoff, "unattended") == 0);
  f.run_for(500s);
  REQUIRE(f.count(EventKind::shutoff, "unattended", "left") == 1);
  const auto warned = f.last(EventKind::warning);
  REQUIRE(warned);
  CHECK(warned->reason == "unattended");
  const auto shutoff = f.last(EventKind::shutoff);
  CHECK(shutoff->at - warned->at >= 20s);
}

TEST_CASE("away with a lit burner warns for away_grace - then cuts with reason away") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kLeft);
  f.run_for(30s);
  f.act([](Engine& e, Now n) { e.set_away(true, n); });
  REQUIRE(f.count(EventKind::warning, "away", "left") == 1);
  CHECK(f.last(EventKind::warning)->cut_at == f.now.wall + 10s);
  CHECK(f.engine->status(f.now).away);
  f.run_for(9s);
  CHECK(f.count(EventKind::shutoff, "away") == 0);
  f.run_for(1s);
  CHECK(f.count(EventKind::shutoff, "away", "left") == 1);
  CHECK(f.engine->status(f.now).last_shutoff->reason == Reason::away);
}

TEST_CASE("a burner lit while away is cut after the same grace") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.set_away(true, n); });
  f.run_for(300s);
  CHECK(f.count(EventKind::warning, "away") == 0);
  f.ignite(kRight);
  CHECK(f.count(EventKind::warning, "away", "right") == 1);
  f.run_for(10s);
  CHECK(f.count(EventKind::shutoff, "away", "right") == 1);
}

TEST_CASE("away off during the grace cancels the warning") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.set_away(true, n); });
  f.run_for(5s);
  f.act([](Engine& e, Now n) { e.set_away(false, n); });
  CHECK(f.count(EventKind::cancelled, "away", "left") == 1);
  f.run_for(200s);
  CHECK(f.count(EventKind::shutoff, "away") == 0);
  CHECK(f.lit(kLeft));
}

TEST_CASE("away_lockout holds every relay while away - away off releases them") {
  StoveFixture f([](config::Config& c) { c.rules.away_lockout = true; }, 2);
  f.act([](Engine& e, Now n) { e.set_away(true, n); });
  for (std::size_t b = 0; b < 2; ++b) {
    CHECK(f.engine->relay_engaged(b));
    CHECK(f.engine->status(f.now).burners[b].locked);
  }
  CHECK(f.state() == StoveState::locked);
  // Lighting against the lock: the burner is cut at once and goes out.
  f.ignite(kLeft);
  CHECK(f.count(EventKind::shutoff, "away", "left") == 1);
  f.run_for(10s);
  CHECK_FALSE(f.lit(kLeft));

  f.act([](Engine& e, Now n) { e.set_away(false, n); });
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK_FALSE(f.engine->relay_engaged(kRight));
  CHECK(f.state() == StoveState::idle);
}

TEST_CASE("away_lockout with a lit burner: the warning and the cut come first - then the lock") {
  StoveFixture f([](config::Config& c) { c.rules.away_lockout = true; }, 2);
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.set_away(true, n); });
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK(f.engine->relay_engaged(kRight));  // the unlit one is locked at once
  f.run_for(10s);
  CHECK(f.count(EventKind::shutoff, "away", "left") == 1);
  f.run_for(10s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK(f.engine->status(f.now).burners[kLeft].locked);
}

TEST_CASE("max on-time warns - then cuts even with someone present") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kLeft);
  f.run_for(599s);
  CHECK(f.count(EventKind::warning, "max_on") == 0);
  f.run_for(1s);
  REQUIRE(f.count(EventKind::warning, "max_on", "left") == 1);
  CHECK(f.last(EventKind::warning)->cut_at == f.now.wall + 20s);
  // Presence is no answer to max on-time.
  f.act([](Engine& e, Now n) { e.motion(n); });
  f.act([](Engine& e, Now n) { e.here(n); });
  CHECK(f.count(EventKind::cancelled, "max_on") == 0);
  f.run_for(20s);
  CHECK(f.count(EventKind::shutoff, "max_on", "left") == 1);
}

TEST_CASE("extend during a max_on warning pushes the cut back by that much") {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  f.ignite(kLeft);
  f.run_for(605s);
  REQUIRE(f.state() == StoveState::warning);
  REQUIRE(f.act([](Engine& e, Now n) { return e.extend(60s, n); }).ok);
  f.run_for(74s);  // the original cut was at 620 s
  CHECK(f.count(EventKind::shutoff, "max_on") == 0);
  f.run_for(1s);  // 620 + 60
  CHECK(f.count(EventKind::shutoff, "max_on", "left") == 1);
  // The cut that came was announced by a warning with that deadline.
  CHECK(f.last(EventKind::warning)->cut_at == f.last(EventKind::shutoff)->at);
}

TEST_CASE("each automatic non-emergency cut is preceded by a warning for that burner") {
  StoveFixture f;
  f.ignite(kLeft);
  f.ignite(kRight);
  f.act([](Engine& e, Now n) { e.set_away(true, n); });
  f.run_for(700s);
  for (const auto& e : f.events) {
    if (e.kind != EventKind::shutoff) continue;
    CHECK(is_warned(*reason_from_string(e.reason)));
    const auto warned = std::find_if(f.events.begin(), f.events.end(), [&](const EventRecord& w) {
      return w.kind == EventKind::warning && w.burner == e.burner && w.reason == e.reason &&
             w.cut_at == e.at;
    });
    CHECK(warned != f.events.end());
  }
  CHECK(f.count(EventKind::shutoff, "away") == 2);
}

}  // namespace
}  // namespace stove::engine::test
