#pragma once
// The engine under a fake clock, driven the way stoved drives it, next to a
// small physical stove: a burner's flame goes out about a second after its
// relay opens the thermocouple circuit, unless its valve is stuck. Scenario
// tests and the randomized test both use it, so both see realistic feedback.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/engine/engine.hpp"

namespace stove::engine::test {

using namespace std::chrono_literals;

// Two or three burners and short rules, so scenarios read in seconds.
inline config::Config short_rules_config(std::size_t burners = 3) {
  config::Config cfg;
  cfg.device = {"test_stove", "Test stove"};
  const char* ids[] = {"left", "right", "back"};
  for (std::size_t i = 0; i < burners; ++i) {
    config::Burner b;
    b.id = ids[i];
    b.name = ids[i];
    b.pulse = 5s;
    cfg.burners.push_back(b);
  }
  cfg.cutoff.verify_within = 10s;
  cfg.cutoff.retries = 2;
  cfg.rules.unattended_after = 60s;
  cfg.rules.warn_for = 20s;
  cfg.rules.away_grace = 10s;
  cfg.rules.max_on = 600s;
  cfg.rules.overheat_c = 250.0;
  return cfg;
}

// What the valve does on its own: the thermocouple magnet lets go this long
// after the relay opens the circuit.
inline constexpr Duration kValveDrop = 1s;

class StoveFixture {
 public:
  using Tweak = std::function<void(config::Config&)>;

  explicit StoveFixture(const Tweak& tweak = {}, std::size_t burners = 3)
      : cfg(short_rules_config(burners)) {
    if (tweak) tweak(cfg);
    phys_.resize(cfg.burners.size());
    start({});
  }

  config::Config cfg;
  // An arbitrary boot: steady time far from zero, wall time a winter evening.
  Now now{SteadyTime{100h}, WallTime{std::chrono::sys_days{std::chrono::December / 4 / 2026}} + 17h};
  std::optional<Engine> engine;
  std::vector<EventRecord> events;  // every event taken so far, oldest first

  // (Re)starts the engine the way stoved does: current flame readings, then advance.
  void start(const DurableState& restored) {
    std::vector<std::optional<bool>> flames;
    for (const auto& p : phys_) flames.push_back(p.sensor_ok ? std::optional<bool>(p.lit) : std::nullopt);
    engine.emplace(cfg, restored, flames, now);
    for (auto& p : phys_) p.relay_since.reset();  // a restart releases every relay
    after_step();
    engine->advance(now);
    after_step();
  }

  // The daemon stops (SIGKILL, power loss): its durable state as last saved.
  // Until boot() the relays are released and the stove is on its own.
  DurableState shut_down() {
    DurableState saved = engine->durable(now);
    engine.reset();
    for (auto& p : phys_) p.relay_since.reset();
    return saved;
  }
  // The daemon starts again `down` after shut_down(). The steady clock of the
  // new boot starts elsewhere; only wall time carries over.
  void boot(const DurableState& saved, Duration down, Duration new_boot_shift = 12345s) {
    now.wall += std::chrono::duration_cast<WallTime::duration>(down);
    now.steady += down + new_boot_shift;
    start(saved);
  }
  void restart(Duration down) { boot(shut_down(), down); }

  // A person lights / turns off a burner.
  void ignite(std::size_t b) {
    phys_[b].lit = true;
    phys_[b].lit_at = now.steady;
    report_flame(b);
    after_step();
  }
  void turn_off(std::size_t b) {
    phys_[b].lit = false;
    report_flame(b);
    after_step();
  }
  void set_stuck(std::size_t b, bool stuck) {
    if (phys_[b].stuck && !stuck) phys_[b].freed_at = now.steady;
    phys_[b].stuck = stuck;
  }
  bool lit(std::size_t b) const { return phys_[b].lit; }
  bool stuck(std::size_t b) const { return phys_[b].stuck; }
  // Since when the relay has been engaged without a break, as seen after every engine call.
  std::optional<SteadyTime> relay_since(std::size_t b) const { return phys_[b].relay_since; }
  bool sensor_ok(std::size_t b) const { return phys_[b].sensor_ok; }
  // What the engine has been told: lit, with a working flame sensor.
  bool seen_lit(std::size_t b) const { return phys_[b].lit && phys_[b].sensor_ok; }

  // The flame sensor fails or recovers. While it is faulted the engine hears
  // nothing from it; on recovery it gets the current reading, as from stoved.
  void flame_sensor(std::size_t b, std::optional<std::string> fault) {
    phys_[b].sensor_ok = !fault;
    engine->sensor_fault(b, SensorKind::flame, std::move(fault), now);
    report_flame(b);
    after_step();
  }

  // Any engine call made by a test: run it at the current time, then let the
  // stove react and collect the events.
  template <typename F>
  auto act(F&& f) {
    if constexpr (std::is_void_v<decltype(f(*engine, now))>) {
      f(*engine, now);
      after_step();
    } else {
      auto r = f(*engine, now);
      after_step();
      return r;
    }
  }

  // What the shell does: sleep until next_deadline() and call advance, with
  // the stove's own flame-outs in between, until `t`. Time then stands at t.
  void run_until(SteadyTime t) {
    for (;;) {
      const auto next = next_wakeup();
      if (!next || *next > t) break;
      REQUIRE(*next > now.steady);  // a deadline in the past would make the shell spin
      move_clock(*next);
      flame_outs_due();
      engine->advance(now);  // harmless after a flame report; needed when the deadline was the engine's
      after_step();
    }
    move_clock(t);
  }
  void run_for(Duration d) { run_until(now.steady + d); }

  // The wall clock jumps (NTP, a manual `date`); the steady clock does not.
  void jump_wall(Duration by) { now.wall += std::chrono::duration_cast<WallTime::duration>(by); }

  std::size_t mark() const { return events.size(); }
  std::vector<EventRecord> since(std::size_t mark) const {
    return {events.begin() + static_cast<std::ptrdiff_t>(mark), events.end()};
  }
  std::size_t count(EventKind kind, std::string_view reason, std::optional<std::string> burner = {},
                    std::size_t from = 0) const {
    return static_cast<std::size_t>(
        std::count_if(events.begin() + static_cast<std::ptrdiff_t>(from), events.end(),
                      [&](const EventRecord& e) {
                        return e.kind == kind && e.reason == reason && (!burner || e.burner == burner);
                      }));
  }
  std::optional<EventRecord> last(EventKind kind) const {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->kind == kind) return *it;
    }
    return std::nullopt;
  }
  StoveState state() const { return engine->status(now).state; }
  // The steady time at which a wall-clock time shown by the engine falls.
  SteadyTime steady_of(WallTime t) const { return now.steady_at(t); }

 private:
  struct PhysicalBurner {
    bool lit = false;
    bool stuck = false;  // the valve does not close (welded contact, bridged thermocouple)
    SteadyTime lit_at{};
    SteadyTime freed_at{};  // when a stuck valve last came free
    std::optional<SteadyTime> relay_since;
    bool sensor_ok = true;
  };
  std::vector<PhysicalBurner> phys_;

  void move_clock(SteadyTime t) {
    now.wall += std::chrono::duration_cast<WallTime::duration>(t - now.steady);
    now.steady = t;
  }

  std::optional<SteadyTime> flame_out_at(const PhysicalBurner& p) const {
    if (!p.lit || p.stuck || !p.relay_since) return std::nullopt;
    return std::max({*p.relay_since, p.lit_at, p.freed_at}) + kValveDrop;
  }

  std::optional<SteadyTime> next_wakeup() const {
    auto next = engine->next_deadline();
    for (const auto& p : phys_) {
      const auto t = flame_out_at(p);
      if (t && (!next || *t < *next)) next = t;
    }
    return next;
  }

  void flame_outs_due() {
    for (std::size_t b = 0; b < phys_.size(); ++b) {
      const auto t = flame_out_at(phys_[b]);
      if (t && *t <= now.steady) {
        phys_[b].lit = false;
        report_flame(b);
      }
    }
  }

  void report_flame(std::size_t b) {
    if (engine && phys_[b].sensor_ok) engine->flame(b, phys_[b].lit, now);
  }

  void after_step() {
    if (!engine) return;
    for (std::size_t b = 0; b < phys_.size(); ++b) {
      auto& p = phys_[b];
      if (!engine->relay_engaged(b)) p.relay_since.reset();
      else if (!p.relay_since) p.relay_since = now.steady;
    }
    auto fresh = engine->take_events();
    events.insert(events.end(), fresh.begin(), fresh.end());
  }
};

}  // namespace stove::engine::test
