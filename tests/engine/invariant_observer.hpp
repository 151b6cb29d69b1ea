#pragma once
// Watches a StoveFixture step by step and checks the engine's safety
// invariants after every step, from what the test did and the events the
// engine reported, not from the engine's private state.

#include <map>
#include <set>

#include "tests/engine/stove_fixture.hpp"

namespace stove::engine::test {

// What the randomized test did in one step; emergencies are judged by it.
enum class StepKind { time, ignite, turn_off, temperature, flame_fault, temperature_fault, alarm_on, restart, other };

struct Step {
  Step() = default;
  Step(StepKind k, std::optional<std::size_t> b = {}, double c = 0) : kind(k), burner(b), celsius(c) {}
  StepKind kind = StepKind::other;
  std::optional<std::size_t> burner;
  double celsius = 0;
  bool new_fault = false;  // a sensor fault that was not there before
};

class InvariantObserver {
 public:
  explicit InvariantObserver(StoveFixture& f) : f_(f), b_(f.cfg.burners.size()) {}

  // The harness's own model of what it asked for.
  std::map<std::optional<std::size_t>, SteadyTime> timers;  // nullopt: the stove-wide timer
  std::set<std::string> alarms;                             // active alarm problems
  std::vector<bool> flame_fault, temperature_fault, uncertain;

  void reset_model() {
    flame_fault.assign(b_.size(), false);
    temperature_fault.assign(b_.size(), false);
    uncertain.assign(b_.size(), false);
  }

  // Called before each step: the engine's view the emergency rules act on.
  void before() {
    mark_ = f_.mark();
    const auto s = f_.engine->status(f_.now);
    for (std::size_t i = 0; i < b_.size(); ++i) {
      auto& b = b_[i];
      b.might_be_lit = !s.burners[i].flame_known || s.burners[i].flame;
      b.busy = f_.engine->cutting(i) || f_.engine->shutoff_failed(i) || s.burners[i].locked;
    }
  }

  // The daemon restarts from `saved`; the new boot's steady clock runs `shift` ahead
  // of the old one (wall time carries over), and it starts at `boot`.
  void restarting(const DurableState& saved, Duration shift, SteadyTime boot) {
    if (saved.state_unreadable) timers.clear();  // nothing could be read
    for (auto& [sel, due] : timers) due = std::max(due + shift, boot);
    for (auto& b : b_) {
      b.lock_open = b.failed_open = b.cut_open = false;
      b.warning.reset();
      b.lit_since.reset();
    }
    for (const auto& saved_burner : saved.burners) {
      auto& b = b_[index(saved_burner.id)];
      b.lock_open = saved_burner.locks != 0;
      b.failed_open = saved_burner.shutoff_failed;
    }
  }

  void after(const Step& step) {
    INFO("step ", steps, " (kind ", static_cast<int>(step.kind), ") at ", f_.now.steady.time_since_epoch().count());
    const auto fresh = f_.since(mark_);
    const Status s = f_.engine->status(f_.now);
    for (const auto& e : fresh) on_event(e, step, s);
    check_timers_kept(s);
    check_emergencies(step, fresh, s);
    check_state(s);
    ++steps;
  }

  std::size_t steps = 0;
  std::map<std::string, std::size_t> shutoffs;  // per reason, to show the run covered them all
  std::size_t failures = 0;

 private:
  struct Episode {
    SteadyTime since;        // the first warning of an uninterrupted run of warnings
    Reason reason;
    SteadyTime cut;          // what the latest warning promised
  };
  struct Watch {
    bool might_be_lit = false, busy = false;
    bool cut_open = false, lock_open = false, failed_open = false;
    std::optional<Episode> warning;
    std::optional<SteadyTime> lit_since;
    SteadyTime free_since{};  // when a lock or a held failure last ended
    Duration extended{};
  };

  StoveFixture& f_;
  std::vector<Watch> b_;
  std::size_t mark_ = 0;

  std::size_t index(const std::optional<std::string>& id) const {
    REQUIRE(id);
    const auto& burners = f_.cfg.burners;
    const auto it = std::find_if(burners.begin(), burners.end(), [&](const auto& b) { return b.id == *id; });
    REQUIRE(it != burners.end());
    return static_cast<std::size_t>(it - burners.begin());
  }

  void on_event(const EventRecord& e, const Step& step, const Status& s) {
    const SteadyTime at = f_.now.steady_at(e.at);  // no wall jump happens inside a step
    switch (e.kind) {
      case EventKind::warning: {
        const auto reason = reason_from_string(e.reason);
        REQUIRE(reason);
        CHECK(is_warned(*reason));
        REQUIRE(e.cut_at);
        auto& w = b_[index(e.burner)].warning;
        const SteadyTime cut = f_.now.steady_at(*e.cut_at);
        CHECK(cut > at);
        w = Episode{w ? w->since : at, *reason, cut};
        break;
      }
      case EventKind::cancelled:
        if (e.reason == "timer") {
          CHECK(timers.count(e.burner ? std::optional(index(e.burner)) : std::nullopt) == 0);
        } else {
          b_[index(e.burner)].warning.reset();
        }
        break;
      case EventKind::shutoff: on_shutoff(e, at, step, s); break;
      case EventKind::expired: on_timer_fired(e, at); break;
      case EventKind::shutoff_failed: b_[index(e.burner)].failed_open = true; ++failures; break;
      case EventKind::confirmed:
        if (e.reason == "shutoff_failed") {
          b_[index(e.burner)].failed_open = false;
          b_[index(e.burner)].free_since = at;
        }
        break;
      case EventKind::locked: b_[index(e.burner)].lock_open = true; break;
      case EventKind::unlocked:
        b_[index(e.burner)].lock_open = false;
        b_[index(e.burner)].free_since = at;
        break;
      default: break;
    }
  }

  void on_shutoff(const EventRecord& e, SteadyTime at, const Step& step, const Status& s) {
    const auto i = index(e.burner);
    auto& b = b_[i];
    const auto reason = reason_from_string(e.reason);
    REQUIRE(reason);
    ++shutoffs[e.reason];
    b.cut_open = true;
    if (*reason == Reason::timer) on_timer_fired(e, at);
    const bool lock_guard = s.burners[i].locked && *reason == Reason::away;
    if (is_warned(*reason) && !lock_guard) {
      // Announced, for long enough, and cut exactly when the warning said.
      INFO("warned shutoff ", e.reason, " of ", *e.burner);
      REQUIRE(b.warning);
      CHECK(b.warning->reason == *reason);
      CHECK(b.warning->cut == at);
      CHECK(at - b.warning->since >= std::min(f_.cfg.rules.warn_for, f_.cfg.rules.away_grace));
    }
    if (*reason == Reason::overheat || *reason == Reason::alarm || *reason == Reason::sensor_fault) {
      // Emergencies never wait: they come with the input that caused them.
      INFO("emergency shutoff ", e.reason);
      CHECK(step.kind != StepKind::time);
      CHECK(step.kind != StepKind::other);
    }
    b.warning.reset();
  }

  // A timer's event must come exactly at a deadline the test set and did not cancel.
  void on_timer_fired(const EventRecord& e, SteadyTime at) {
    std::optional<std::size_t> sel;
    if (e.burner) sel = index(e.burner);
    const auto own = timers.find(sel);
    const auto wide = timers.find(std::nullopt);
    if (own != timers.end() && own->second == at) {
      timers.erase(own);
    } else if (wide != timers.end() && wide->second == at) {
      timers.erase(wide);
      fired_wide_at_ = at;
    } else if (!fired_wide_at_ || *fired_wide_at_ != at) {
      FAIL("a timer event without a pending timer due then: ", to_string(e.kind), " ",
           e.burner.value_or("(stove)"));
    }
  }
  std::optional<SteadyTime> fired_wide_at_;  // one stove-wide timer cuts several burners

  void check_timers_kept(const Status& s) {
    for (const auto& [sel, due] : timers) {
      INFO("timer of ", sel ? f_.engine->burner_id(*sel) : std::string("the stove"));
      CHECK(due > f_.now.steady);  // else it was lost: due and not fired
      const auto shown = sel ? s.burners[*sel].shutoff_at : s.shutoff_at;
      CHECK(shown == f_.now.wall_at(due));
    }
    if (!timers.count(std::nullopt)) CHECK_FALSE(s.shutoff_at);
    for (std::size_t i = 0; i < b_.size(); ++i) {
      if (!timers.count(i)) CHECK_FALSE(s.burners[i].shutoff_at);
    }
  }

  bool shut_off_now(const std::vector<EventRecord>& fresh, std::size_t i, std::string_view reason) const {
    return std::any_of(fresh.begin(), fresh.end(), [&](const EventRecord& e) {
      return e.kind == EventKind::shutoff && e.reason == reason && e.burner == f_.engine->burner_id(i);
    });
  }

  void check_emergencies(const Step& step, const std::vector<EventRecord>& fresh, const Status& s) {
    const bool cut_policy = f_.cfg.rules.sensor_fault == config::SensorFaultPolicy::cut;
    for (std::size_t i = 0; i < b_.size(); ++i) {
      const auto& b = b_[i];
      if (b.busy) continue;
      const bool here = step.burner == i;
      if (step.kind == StepKind::temperature && here && b.might_be_lit &&
          step.celsius >= f_.cfg.rules.overheat_c) {
        CHECK(shut_off_now(fresh, i, "overheat"));
      }
      if (step.kind == StepKind::alarm_on && step.new_fault && b.might_be_lit) {
        CHECK(shut_off_now(fresh, i, "alarm"));
      }
      const bool fault_step = step.kind == StepKind::flame_fault || step.kind == StepKind::temperature_fault;
      if (fault_step && here && step.new_fault && cut_policy &&
          (b.might_be_lit || step.kind == StepKind::flame_fault)) {
        CHECK(shut_off_now(fresh, i, "sensor_fault"));
      }
    }
    if (step.kind == StepKind::alarm_on) {
      for (const auto& bs : s.burners) CHECK(bs.locked);
    }
  }

  void check_state(const Status& s) {
    const auto next = f_.engine->next_deadline();
    if (next) CHECK(*next > f_.now.steady);  // the shell would spin on a past deadline
    std::set<std::string> problems = alarms;
    bool cutting = false, warning = false, lit = false, locked = false;
    for (std::size_t i = 0; i < b_.size(); ++i) {
      auto& b = b_[i];
      const auto& id = f_.engine->burner_id(i);
      INFO("burner ", id);
      const bool relay = f_.engine->relay_engaged(i);
      if (!f_.engine->cutting(i)) b.cut_open = false;
      CHECK(b.lock_open == s.burners[i].locked);
      CHECK(b.failed_open == f_.engine->shutoff_failed(i));
      CHECK((!relay || b.cut_open || b.lock_open || b.failed_open));  // never engaged without a reason
      check_relay_time(i, b, relay);
      check_lit_time(i, b);
      if (b.failed_open) problems.insert("shutoff_failed:" + id);
      if (flame_fault[i] || temperature_fault[i]) problems.insert("sensor_fault:" + id);
      if (uncertain[i]) problems.insert("state_unreadable");
      cutting = cutting || f_.engine->cutting(i);
      warning = warning || b.warning.has_value();
      lit = lit || f_.seen_lit(i);
      locked = locked || b.lock_open;
    }
    CHECK(std::set<std::string>(s.problems.begin(), s.problems.end()) == problems);
    const auto expected = !problems.empty() ? StoveState::fault
                          : cutting         ? StoveState::cutting
                          : warning         ? StoveState::warning
                          : lit             ? StoveState::cooking
                          : locked          ? StoveState::locked
                                            : StoveState::idle;
    CHECK(s.state == expected);
    CHECK(f_.engine->alerting() == (warning || !problems.empty()));
  }

  // Without a lock or a failure the relay only ever pulses.
  void check_relay_time(std::size_t i, const Watch& b, bool relay) {
    if (!relay || b.lock_open || b.failed_open) return;
    const auto since = f_.relay_since(i);
    REQUIRE(since);
    // A lock or failure that just ended may have held it before the pulse began.
    CHECK(f_.now.steady - std::max(*since, b.free_since) <= f_.cfg.burners[i].pulse);
  }

  // No burner the engine sees lit burns past max_on, its warning, any
  // extension and every pulse and check of the closed loop.
  void check_lit_time(std::size_t i, Watch& b) {
    if (!f_.seen_lit(i)) {
      b.lit_since.reset();
      b.extended = {};
      return;
    }
    if (!b.lit_since) b.lit_since = f_.now.steady;
    if (f_.engine->shutoff_failed(i)) return;
    const auto& c = f_.cfg;
    const Duration loop = (c.cutoff.retries + 1) * (c.burners[i].pulse + c.cutoff.verify_within);
    const Duration limit = c.rules.max_on + c.rules.warn_for + b.extended + loop + kValveDrop;
    CHECK(f_.now.steady - *b.lit_since <= limit);
  }

 public:
  void extended(Duration by) {
    for (std::size_t i = 0; i < b_.size(); ++i) {
      if (f_.seen_lit(i)) b_[i].extended += by;
    }
  }
  bool any_warning() const {
    return std::any_of(b_.begin(), b_.end(), [](const Watch& b) { return b.warning.has_value(); });
  }
};

}  // namespace stove::engine::test
