// Rule 1: timed cuts per burner and stove-wide; cancel, extend, replace.
#include "tests/engine/stove_fixture.hpp"

namespace stove::engine::test {
namespace {

constexpr std::size_t kLeft = 0, kRight = 1, kBack = 2;

// Someone stays in the kitchen, so only the timers cut.
StoveFixture attended() {
  StoveFixture f;
  f.act([](Engine& e, Now n) { e.presence(true, n); });
  return f;
}

TEST_CASE("a burner timer cuts its lit burner on time - not earlier") {
  auto f = attended();
  f.ignite(kLeft);
  f.ignite(kRight);
  REQUIRE(f.act([](Engine& e, Now n) { return e.cut_after(kLeft, 120s, n); }).ok);
  CHECK(f.engine->status(f.now).burners[kLeft].shutoff_at == f.now.wall + 120s);

  f.run_for(119s);
  CHECK(f.count(EventKind::shutoff, "timer") == 0);
  CHECK_FALSE(f.engine->relay_engaged(kLeft));

  f.run_for(1s);
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 1);
  CHECK(f.engine->relay_engaged(kLeft));
  CHECK(f.engine->status(f.now).last_shutoff->reason == Reason::timer);

  f.run_for(30s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK(f.lit(kRight));  // only the timer's own burner
  CHECK(f.count(EventKind::confirmed, "timer", "left") == 1);
  CHECK_FALSE(f.engine->relay_engaged(kLeft));
  CHECK_FALSE(f.engine->status(f.now).burners[kLeft].shutoff_at);
}

TEST_CASE("a timer on an unlit burner expires and says so") {
  auto f = attended();
  f.act([](Engine& e, Now n) { e.cut_after(kRight, 30s, n); });
  f.run_for(30s);
  CHECK(f.count(EventKind::expired, "timer", "right") == 1);
  CHECK(f.count(EventKind::shutoff, "timer") == 0);
  CHECK_FALSE(f.engine->relay_engaged(kRight));
  CHECK_FALSE(f.engine->status(f.now).burners[kRight].shutoff_at);
  CHECK_FALSE(f.engine->next_deadline());
}

TEST_CASE("a timer set on an unlit burner cuts it if it is lit by then") {
  auto f = attended();
  f.act([](Engine& e, Now n) { e.cut_after(kBack, 60s, n); });
  f.run_for(40s);
  f.ignite(kBack);
  f.run_for(20s);
  CHECK(f.count(EventKind::shutoff, "timer", "back") == 1);
  CHECK(f.count(EventKind::expired, "timer") == 0);
}

TEST_CASE("a cancelled timer never fires") {
  auto f = attended();
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 60s, n); });
  f.run_for(30s);
  CHECK(f.act([](Engine& e, Now n) { return e.cancel(kLeft, n); }).ok);
  CHECK(f.count(EventKind::cancelled, "timer", "left") == 1);
  f.run_for(300s);
  CHECK(f.count(EventKind::shutoff, "timer") == 0);
  CHECK(f.count(EventKind::expired, "timer") == 0);
  CHECK(f.lit(kLeft));
  // Nothing left to cancel is a refusal the user hears about.
  CHECK_FALSE(f.act([](Engine& e, Now n) { return e.cancel(kLeft, n); }).ok);
}

TEST_CASE("extend pushes the earliest timer back by the given time") {
  auto f = attended();
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 60s, n); });
  f.act([](Engine& e, Now n) { e.cut_after(kRight, 600s, n); });
  f.run_for(10s);
  REQUIRE(f.act([](Engine& e, Now n) { return e.extend(30s, n); }).ok);
  f.run_for(79s);  // 89 s after setting: the original 60 s have long passed
  CHECK(f.count(EventKind::shutoff, "timer") == 0);
  f.run_for(1s);
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 1);
  // The other timer was not the nearest and did not move.
  CHECK(f.engine->status(f.now).burners[kRight].shutoff_at == f.now.wall + 510s);
}

TEST_CASE("extend with nothing pending is refused") {
  auto f = attended();
  f.ignite(kLeft);
  CHECK_FALSE(f.act([](Engine& e, Now n) { return e.extend(60s, n); }).ok);
}

TEST_CASE("a new timer replaces the old one") {
  auto f = attended();
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 60s, n); });
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 200s, n); });
  f.run_for(199s);
  CHECK(f.count(EventKind::shutoff, "timer") == 0);
  f.run_for(1s);
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 1);
  // ... and a shorter one replaces a longer one too.
  f.run_for(30s);  // the cut is over
  f.ignite(kLeft);
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 500s, n); });
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 50s, n); });
  f.run_for(50s);
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 2);
}

TEST_CASE("the stove-wide timer cuts every lit burner - one shutoff each - and has its own slot") {
  auto f = attended();
  f.ignite(kLeft);
  f.ignite(kBack);
  f.act([](Engine& e, Now n) { e.cut_after(std::nullopt, 90s, n); });
  f.act([](Engine& e, Now n) { e.cut_after(kLeft, 300s, n); });
  const auto s = f.engine->status(f.now);
  CHECK(s.shutoff_at == f.now.wall + 90s);
  CHECK(s.burners[kLeft].shutoff_at == f.now.wall + 300s);  // only the burner's own timer
  CHECK_FALSE(s.burners[kBack].shutoff_at);

  // Cancelling one burner's timer leaves the stove-wide one.
  f.act([](Engine& e, Now n) { e.cancel(kLeft, n); });
  f.run_for(90s);
  CHECK(f.count(EventKind::shutoff, "timer", "left") == 1);
  CHECK(f.count(EventKind::shutoff, "timer", "back") == 1);
  CHECK(f.count(EventKind::shutoff, "timer", "right") == 0);
  f.run_for(20s);
  CHECK_FALSE(f.lit(kLeft));
  CHECK_FALSE(f.lit(kBack));
}

TEST_CASE("cancel without a burner drops the stove-wide and every burner timer") {
  auto f = attended();
  f.act([](Engine& e, Now n) { e.cut_after(std::nullopt, 90s, n); });
  f.act([](Engine& e, Now n) { e.cut_after(kRight, 30s, n); });
  CHECK(f.act([](Engine& e, Now n) { return e.cancel(std::nullopt, n); }).ok);
  CHECK(f.count(EventKind::cancelled, "timer") == 2);
  CHECK_FALSE(f.engine->next_deadline());
}

TEST_CASE("a zero or negative delay is refused") {
  auto f = attended();
  CHECK_FALSE(f.act([](Engine& e, Now n) { return e.cut_after(kLeft, 0s, n); }).ok);
  CHECK_FALSE(f.act([](Engine& e, Now n) { return e.cut_after(kLeft, -5s, n); }).ok);
  CHECK_FALSE(f.engine->next_deadline());
}

}  // namespace
}  // namespace stove::engine::test
