// A seeded random walk through inputs, commands, time and restarts, with
// the safety invariants checked after every step (invariant_observer.hpp).
// STOVE_FUZZ_SEED=<n> replays or varies a run; the seed is printed.
#include <cstdlib>
#include <random>

#include "tests/engine/invariant_observer.hpp"

namespace stove::engine::test {
namespace {

constexpr std::uint64_t kDefaultSeed = 20261204;
constexpr std::size_t kSteps = 100000;

std::uint64_t fuzz_seed() {
  const char* env = std::getenv("STOVE_FUZZ_SEED");
  return env && *env ? std::strtoull(env, nullptr, 10) : kDefaultSeed;
}

class RandomWalk {
 public:
  RandomWalk(std::uint64_t seed) : rng_(seed), f_(config_for(rng_)), watch_(f_) {
    watch_.reset_model();
    temps_.assign(f_.cfg.burners.size(), 20.0);
  }

  void run(std::size_t steps) {
    for (std::size_t n = 0; n < steps; ++n) {
      watch_.before();
      const Step step = one_step();
      watch_.after(step);
    }
  }

  const InvariantObserver& observer() const { return watch_; }
  std::size_t events() const { return f_.events.size(); }
  std::size_t restarts = 0;

 private:
  std::mt19937_64 rng_;
  StoveFixture f_;
  InvariantObserver watch_;
  std::vector<double> temps_;
  bool present_ = false;

  // Options the seed varies, so that different seeds cover different rule sets.
  static StoveFixture config_for(std::mt19937_64& rng) {
    const auto bits = rng();
    return StoveFixture([bits](config::Config& c) {
      c.rules.away_lockout = bits & 1;
      c.rules.sensor_fault = bits & 2 ? config::SensorFaultPolicy::warn : config::SensorFaultPolicy::cut;
      if (bits & 4) c.cutoff.max_hold = 120s;
      c.rules.overheat_rise_c_per_min = 60.0;
    });
  }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::size_t burner() { return pick(f_.cfg.burners.size()); }
  BurnerSel selection() { return chance(0.3) ? BurnerSel{} : BurnerSel{burner()}; }
  Duration seconds(std::int64_t lo, std::int64_t hi) {
    return Seconds{std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_)};
  }
  // Mostly short hops, sometimes minutes, now and then a long quiet stretch.
  Duration time_step() {
    const auto r = pick(100);
    if (r < 60) return std::chrono::milliseconds{std::uniform_int_distribution<int>(1, 5000)(rng_)};
    if (r < 95) return seconds(5, 120);
    return seconds(120, 1200);
  }

  Step one_step() {
    const auto r = pick(1000);
    if (r < 350) {
      f_.run_for(time_step());
      return {StepKind::time};
    }
    if (r < 440) {
      const auto b = burner();
      f_.ignite(b);
      return {StepKind::ignite, b};
    }
    if (r < 480) {
      const auto b = burner();
      f_.turn_off(b);
      return {StepKind::turn_off, b};
    }
    if (r < 560) return temperature();
    if (r < 600) {
      f_.act([](Engine& e, Now n) { e.motion(n); });
      return {};
    }
    if (r < 630) {
      present_ = !present_;
      f_.act([this](Engine& e, Now n) { e.presence(present_, n); });
      return {};
    }
    if (r < 650) {
      CHECK(f_.act([](Engine& e, Now n) { return e.here(n); }).ok);
      return {};
    }
    if (r < 665) return sensor_fault();
    if (r < 670) return alarm();
    if (r < 770) return command();
    if (r < 780) {
      const auto b = burner();
      f_.set_stuck(b, !f_.stuck(b));
      return {};
    }
    if (r < 785) {
      f_.jump_wall(chance(0.5) ? Duration{1h} : Duration{-1h});
      f_.act([](Engine& e, Now n) { e.advance(n); });
      return {};
    }
    if (r < 788) return restart();
    f_.run_for(time_step());
    return {StepKind::time};
  }

  Step temperature() {
    const auto b = burner();
    auto& t = temps_[b];
    t = chance(0.03) ? 240.0 + static_cast<double>(pick(80)) : std::clamp(t + static_cast<double>(pick(41)) - 20.0, 15.0, 245.0);
    // As stoved does: a reading clears a temperature fault, then counts.
    f_.act([&](Engine& e, Now n) {
      e.sensor_fault(b, SensorKind::temperature, std::nullopt, n);
      e.temperature(b, t, n);
    });
    watch_.temperature_fault[b] = false;
    return {StepKind::temperature, b, t};
  }

  Step sensor_fault() {
    const auto b = burner();
    const bool was = watch_.flame_fault[b] || watch_.temperature_fault[b];
    Step step{chance(0.5) ? StepKind::flame_fault : StepKind::temperature_fault, b};
    if (step.kind == StepKind::flame_fault) {
      const bool fault = !watch_.flame_fault[b];
      f_.flame_sensor(b, fault ? std::optional<std::string>("no signal") : std::nullopt);
      watch_.flame_fault[b] = fault;
    } else {
      const bool fault = !watch_.temperature_fault[b];
      f_.act([&](Engine& e, Now n) {
        e.sensor_fault(b, SensorKind::temperature, fault ? std::optional<std::string>("read error") : std::nullopt, n);
      });
      watch_.temperature_fault[b] = fault;
    }
    step.new_fault = !was && (watch_.flame_fault[b] || watch_.temperature_fault[b]);
    return step;
  }

  Step alarm() {
    static constexpr std::pair<AlarmKind, const char*> kinds[] = {
        {AlarmKind::smoke, "alarm:smoke"}, {AlarmKind::gas, "alarm:gas"}, {AlarmKind::contact, "alarm:detector"}};
    // Alarms are rare and short: mostly the step clears one that is active.
    auto choice = pick(3);
    if (!watch_.alarms.empty() && chance(0.8)) {
      while (watch_.alarms.count(kinds[choice].second) == 0) choice = (choice + 1) % 3;
    }
    const auto& [kind, problem] = kinds[choice];
    const bool on = watch_.alarms.count(problem) == 0;
    const bool first = watch_.alarms.empty();
    f_.act([&](Engine& e, Now n) { e.alarm(kind, on, n); });
    if (on) watch_.alarms.insert(problem);
    else watch_.alarms.erase(problem);
    Step step{on ? StepKind::alarm_on : StepKind::other};
    step.new_fault = on && first;
    return step;
  }

  Step command() {
    auto& timers = watch_.timers;
    switch (pick(9)) {
      case 0: f_.act([&, sel = selection()](Engine& e, Now n) { e.cut_now(sel, n); }); break;
      case 1: {
        const auto sel = selection();
        const auto after = seconds(1, 900);
        CHECK(f_.act([&](Engine& e, Now n) { return e.cut_after(sel, after, n); }).ok);
        timers[sel] = f_.now.steady + after;
        break;
      }
      case 2: {
        const auto sel = selection();
        const bool pending = sel ? timers.count(sel) > 0 : !timers.empty();
        CHECK(f_.act([&](Engine& e, Now n) { return e.cancel(sel, n); }).ok == pending);
        if (sel) timers.erase(sel);
        else timers.clear();
        break;
      }
      case 3: extend(); break;
      case 4: f_.act([&, sel = selection()](Engine& e, Now n) { e.lock(sel, n); }); break;
      case 5:
      case 6: unlock(); break;
      case 7: f_.act([on = chance(0.5)](Engine& e, Now n) { e.set_away(on, n); }); break;
      default: f_.act([on = chance(0.7)](Engine& e, Now n) { e.set_unattended_guard(on, n); }); break;
    }
    return {};
  }

  void extend() {
    const auto by = seconds(1, 300);
    const bool warning = watch_.any_warning();
    auto& timers = watch_.timers;
    const auto ok = f_.act([&](Engine& e, Now n) { return e.extend(by, n); }).ok;
    CHECK(ok == (warning || !timers.empty()));
    if (!ok) return;
    watch_.extended(by);
    if (warning) return;
    // The earliest timer moves; on a tie the stove-wide one, then the first burner.
    auto earliest = timers.begin();
    for (auto it = timers.begin(); it != timers.end(); ++it) {
      if (it->second < earliest->second) earliest = it;
    }
    earliest->second += by;
  }

  void unlock() {
    const auto sel = selection();
    f_.act([&](Engine& e, Now n) { e.unlock(sel, n); });
    if (!watch_.alarms.empty()) return;  // refused
    for (std::size_t b = 0; b < f_.cfg.burners.size(); ++b) {
      if (!sel || *sel == b) watch_.uncertain[b] = false;
    }
  }

  Step restart() {
    ++restarts;
    DurableState saved = f_.shut_down();
    if (chance(0.1)) {
      saved = {};
      saved.state_unreadable = true;
    }
    // The stove lives on while the daemon is down.
    for (std::size_t b = 0; b < f_.cfg.burners.size(); ++b) {
      if (chance(0.3)) chance(0.5) ? f_.ignite(b) : f_.turn_off(b);
    }
    const Duration down = seconds(0, 1200), shift = seconds(1, 100000);
    watch_.restarting(saved, shift, f_.now.steady + down + shift);
    if (saved.state_unreadable) std::fill(watch_.uncertain.begin(), watch_.uncertain.end(), true);
    f_.boot(saved, down, shift);
    // As stoved does at start: live inputs are read again, they are not state.
    if (present_) f_.act([](Engine& e, Now n) { e.presence(true, n); });
    for (std::size_t b = 0; b < f_.cfg.burners.size(); ++b) {
      if (watch_.flame_fault[b]) f_.flame_sensor(b, "no signal");
      if (watch_.temperature_fault[b]) {
        f_.act([&](Engine& e, Now n) { e.sensor_fault(b, SensorKind::temperature, "read error", n); });
      }
    }
    for (const auto& problem : watch_.alarms) {
      const auto kind = problem == "alarm:smoke" ? AlarmKind::smoke
                        : problem == "alarm:gas" ? AlarmKind::gas
                                                 : AlarmKind::contact;
      f_.act([&](Engine& e, Now n) { e.alarm(kind, true, n); });
    }
    return {StepKind::restart};
  }
};

TEST_CASE("random walk: the safety invariants hold after every step") {
  const auto seed = fuzz_seed();
  MESSAGE("STOVE_FUZZ_SEED=" << seed);
  RandomWalk walk(seed);
  walk.run(kSteps);
  const auto& seen = walk.observer();
  MESSAGE("steps " << seen.steps << ", events " << walk.events() << ", restarts " << walk.restarts
                   << ", shutoff_failed " << seen.failures);
  std::string per_reason;
  for (const auto& [reason, n] : seen.shutoffs) per_reason += reason + "=" + std::to_string(n) + " ";
  MESSAGE("shutoffs: " << per_reason);
  // The walk must have reached every rule, or its invariants proved little.
  for (const char* reason : {"manual", "timer", "away", "unattended", "max_on", "overheat", "alarm"}) {
    CHECK_MESSAGE(seen.shutoffs.count(reason) == 1, "no shutoff with reason ", reason);
  }
  CHECK(walk.restarts > 0);
  CHECK(seen.failures > 0);
}

}  // namespace
}  // namespace stove::engine::test
