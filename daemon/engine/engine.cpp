#include "daemon/engine/engine.hpp"

#include <algorithm>
#include <utility>

namespace stove::engine {

Engine::Engine(const config::Config& cfg, const DurableState& restored,
               const std::vector<std::optional<bool>>& flames, Now now)
    : cfg_(cfg), unattended_guard_(restored.unattended_guard), last_now_(now.steady) {
  for (std::size_t i = 0; i < cfg.burners.size(); ++i) {
    Burner b;
    b.id = cfg.burners[i].id;
    b.pulse = cfg.burners[i].pulse;
    if (i < flames.size() && flames[i]) {
      b.flame = *flames[i] ? Flame::lit : Flame::out;
      if (*flames[i]) b.lit_since = now.steady;
    }
    burners_.push_back(std::move(b));
  }
  log_.assign(restored.events.begin(), restored.events.end());
  while (log_.size() > kLogCapacity) log_.pop_front();
  last_shutoff_ = restored.last_shutoff;
  if (restored.stove_timer) stove_timer_ = now.steady_at(*restored.stove_timer);
  if (restored.away) {
    away_ = true;
    away_since_ = now.steady;  // the grace restarts: the away time while down is unknown
  }
  for (const auto& rb : restored.burners) {
    auto i = find_burner(rb.id);
    if (!i) continue;  // burner removed from the config
    auto& b = burners_[*i];
    // A timer that passed while the daemon was down is due now.
    if (rb.timer) b.timer = std::max(now.steady, now.steady_at(*rb.timer));
    // The flame may have gone out while the daemon was down: the held relay
    // is only released on a flame seen out, and no edge will report this one.
    b.failed = rb.shutoff_failed && b.flame != Flame::out;
    if (rb.shutoff_failed && !b.failed) {
      event(now, EventKind::confirmed, "shutoff_failed", *i, "flame out at start: relay released");
    }
    if (rb.locks != 0) {
      b.locks = static_cast<std::uint8_t>(rb.locks & ~kLockSensorFault);
      b.hold_since = now.steady;
    }
  }
  if (stove_timer_) stove_timer_ = std::max(now.steady, *stove_timer_);
  for (std::size_t i = 0; i < burners_.size(); ++i) {
    auto& b = burners_[i];
    if (b.locks != 0 && might_be_lit(b)) {
      start_cut(i, lock_shutoff_reason(b.locks), now, "lit while locked at start");
    }
  }
  if (restored.state_unreadable) {
    event(now, EventKind::fault, "state_unreadable", std::nullopt,
          "saved state could not be read: every burner locked until unlocked");
    for (std::size_t i = 0; i < burners_.size(); ++i) add_lock(i, kLockUncertain, now);
  }
}

std::optional<std::size_t> Engine::find_burner(std::string_view id) const {
  for (std::size_t i = 0; i < burners_.size(); ++i) {
    if (burners_[i].id == id) return i;
  }
  return std::nullopt;
}

std::vector<std::size_t> Engine::selected(BurnerSel sel) const {
  if (sel) return {*sel};
  std::vector<std::size_t> all(burners_.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

// ---- inputs ---------------------------------------------------------------

void Engine::flame(std::size_t i, bool lit, Now now) {
  advance(now);
  auto& b = burners_[i];
  const Flame next = lit ? Flame::lit : Flame::out;
  if (b.flame == next) return;
  b.flame = next;
  if (lit) {
    b.lit_since = now.steady;
    if (b.cut) b.cut->confirmed = false;
    if (b.locks != 0) {
      // A lit burner under lockout is cut at once; a lapsed hold re-engages.
      b.hold_since = now.steady;
      b.hold_lapsed = false;
      start_cut(i, lock_shutoff_reason(b.locks), now, "lit while locked");
    }
    check_overheat(i, now);
  } else {
    b.lit_since.reset();
    b.unattended_ext = b.max_on_ext = b.away_ext = Duration{};
    if (b.cut && !b.cut->confirmed) {
      b.cut->confirmed = true;
      event(now, EventKind::confirmed, std::string(to_string(b.cut->reason)), i, "flame out");
      if (!b.cut->pulsing) b.cut.reset();
    }
    if (b.failed) {
      b.failed = false;
      event(now, EventKind::confirmed, "shutoff_failed", i, "flame out at last: relay released");
    }
  }
  evaluate(now);
}

void Engine::temperature(std::size_t i, double celsius, Now now) {
  advance(now);
  auto& b = burners_[i];
  b.temperature = celsius;
  b.history.emplace_back(now.steady, celsius);
  while (b.history.size() > 2 && now.steady - b.history[1].first >= std::chrono::seconds(60)) {
    b.history.pop_front();
  }
  check_overheat(i, now);
  evaluate(now);
}

void Engine::sensor_fault(std::size_t i, SensorKind kind, std::optional<std::string> fault, Now now) {
  advance(now);
  auto& b = burners_[i];
  const bool was = faulted(b);
  auto& slot = kind == SensorKind::flame ? b.flame_fault : b.temperature_fault;
  if (slot == fault) return;
  slot = std::move(fault);
  if (kind == SensorKind::flame && b.flame_fault) {
    b.flame = Flame::unknown;  // the last reading cannot be trusted any more
    b.lit_since.reset();
  }
  if (kind == SensorKind::temperature && b.temperature_fault) {
    b.temperature.reset();
    b.history.clear();
  }
  const std::string what = kind == SensorKind::flame ? "flame" : "temperature";
  if (slot) {
    event(now, EventKind::fault, "sensor_fault", i, what + " sensor: " + *slot);
  } else {
    event(now, EventKind::recovered, "sensor_fault", i, what + " sensor works again");
  }
  if (cfg_.rules.sensor_fault == config::SensorFaultPolicy::cut) {
    if (!was && faulted(b)) add_lock(i, kLockSensorFault, now);
    if (was && !faulted(b)) remove_lock(i, kLockSensorFault, now);
  }
  evaluate(now);
}

void Engine::motion(Now now) {
  advance(now);
  last_motion_ = now.steady;
  for (auto& b : burners_) b.unattended_ext = Duration{};
  evaluate(now);
}

void Engine::presence(bool present, Now now) {
  advance(now);
  if (present_ && !present) last_motion_ = now.steady;  // unattended time runs from now
  present_ = present;
  if (present) {
    for (auto& b : burners_) b.unattended_ext = Duration{};
  }
  evaluate(now);
}

void Engine::alarm(AlarmKind kind, bool active, Now now) {
  advance(now);
  const auto bit = static_cast<std::uint8_t>(kind);
  const bool was = (alarms_ & bit) != 0;
  if (was == active) return;
  const std::string name = kind == AlarmKind::smoke ? "smoke" : kind == AlarmKind::gas ? "gas" : "detector";
  if (active) {
    alarms_ = static_cast<std::uint8_t>(alarms_ | bit);
    event(now, EventKind::fault, "alarm", std::nullopt, name + " alarm");
    for (std::size_t i = 0; i < burners_.size(); ++i) add_lock(i, kLockAlarm, now);
  } else {
    alarms_ = static_cast<std::uint8_t>(alarms_ & ~bit);
    event(now, EventKind::recovered, "alarm", std::nullopt,
          name + " alarm cleared; burners stay locked until a local unlock");
  }
  evaluate(now);
}

void Engine::advance(Now now) {
  last_now_ = std::max(last_now_, now.steady);
  evaluate(now);
}

// ---- commands -------------------------------------------------------------

CommandResult Engine::cut_now(BurnerSel sel, Now now) {
  advance(now);
  unsigned started = 0;
  for (auto i : selected(sel)) {
    auto& b = burners_[i];
    if (b.cut || b.failed || !might_be_lit(b)) continue;
    start_cut(i, Reason::manual, now);
    ++started;
  }
  evaluate(now);
  if (started > 0) return CommandResult::done();
  return CommandResult::done(sel ? burners_[*sel].id + " is not lit" : "no burner is lit");
}

CommandResult Engine::cut_after(BurnerSel sel, Duration after, Now now) {
  advance(now);
  if (after <= Duration::zero()) return CommandResult::refused("the delay must be positive");
  (sel ? burners_[*sel].timer : stove_timer_) = now.steady + after;
  evaluate(now);
  return CommandResult::done();
}

CommandResult Engine::cancel(BurnerSel sel, Now now) {
  advance(now);
  unsigned cancelled = 0;
  auto drop = [&](std::optional<SteadyTime>& timer, std::optional<std::size_t> burner) {
    if (!timer) return;
    event(now, EventKind::cancelled, "timer", burner, "timer cancelled");
    timer.reset();
    ++cancelled;
  };
  if (!sel) drop(stove_timer_, std::nullopt);
  for (auto i : selected(sel)) drop(burners_[i].timer, i);
  evaluate(now);
  if (cancelled == 0) {
    return CommandResult::refused(sel ? "no timer pending for " + burners_[*sel].id
                                      : "no timer pending");
  }
  return CommandResult::done();
}

CommandResult Engine::extend(Duration by, Now now) {
  advance(now);
  if (by <= Duration::zero()) return CommandResult::refused("the extension must be positive");
  // The nearest pending automatic cut: an active warning first ...
  std::optional<std::pair<std::size_t, Candidate>> nearest;
  for (std::size_t i = 0; i < burners_.size(); ++i) {
    auto w = active_warning(burners_[i], now.steady);
    if (w && (!nearest || w->cut < nearest->second.cut)) nearest = {{i, *w}};
  }
  if (nearest) {
    auto& b = burners_[nearest->first];
    switch (nearest->second.reason) {
      case Reason::unattended: b.unattended_ext += by; break;
      case Reason::max_on: b.max_on_ext += by; break;
      default: b.away_ext += by; break;
    }
    evaluate(now);
    return CommandResult::done();
  }
  // ... else the earliest timer.
  std::optional<SteadyTime>* earliest = stove_timer_ ? &stove_timer_ : nullptr;
  for (auto& b : burners_) {
    if (b.timer && (!earliest || *b.timer < **earliest)) earliest = &b.timer;
  }
  if (!earliest) return CommandResult::refused("nothing to extend: no warning and no timer pending");
  **earliest += by;
  evaluate(now);
  return CommandResult::done();
}

CommandResult Engine::here(Now now) {
  motion(now);
  return CommandResult::done();
}

CommandResult Engine::lock(BurnerSel sel, Now now) {
  advance(now);
  for (auto i : selected(sel)) add_lock(i, kLockManual, now);
  evaluate(now);
  return CommandResult::done();
}

CommandResult Engine::unlock(BurnerSel sel, Now now) {
  advance(now);
  if (alarms_ != 0) {
    return CommandResult::refused("a smoke/gas alarm is active: unlock is refused until it clears");
  }
  std::vector<std::string> still;
  for (auto i : selected(sel)) {
    remove_lock(i, kLockManual | kLockAlarm | kLockUncertain, now);
    const auto& b = burners_[i];
    if (b.locks & kLockAway) still.push_back(b.id + " (away mode: turn away off)");
    if (b.locks & kLockSensorFault) still.push_back(b.id + " (sensor fault)");
  }
  evaluate(now);
  if (!still.empty()) {
    std::string why = "still locked:";
    for (const auto& s : still) why += " " + s;
    return CommandResult::refused(why);
  }
  return CommandResult::done();
}

CommandResult Engine::set_away(bool on, Now now) {
  advance(now);
  if (away_ != on) {
    away_ = on;
    away_since_ = now.steady;
    for (std::size_t i = 0; i < burners_.size(); ++i) {
      burners_[i].away_ext = Duration{};
      if (!on) remove_lock(i, kLockAway, now);
    }
  }
  evaluate(now);
  return CommandResult::done();
}

CommandResult Engine::set_unattended_guard(bool on, Now now) {
  advance(now);
  if (on && !unattended_guard_) guard_on_since_ = now.steady;
  unattended_guard_ = on;
  evaluate(now);
  return CommandResult::done();
}

// ---- shared steps ---------------------------------------------------------

void Engine::evaluate(Now now) {
  // Each step may make another due (a timer starts a cut that settles a
  // warning); a handful of passes always reaches a fixed point.
  for (int pass = 0; pass < 8; ++pass) {
    bool acted = step_timers(now);
    for (std::size_t i = 0; i < burners_.size(); ++i) {
      acted = step_cut(i, now) || acted;
      acted = step_hold(i, now) || acted;
      acted = step_rules(i, now) || acted;
    }
    if (!acted) break;
  }
}

void Engine::start_cut(std::size_t i, Reason reason, Now now, std::string detail) {
  auto& b = burners_[i];
  if (b.cut || b.failed) return;  // already cutting, or holding after a failure
  b.cut = Cut{reason, 1, true, now.steady + b.pulse, b.flame == Flame::out};
  b.announced.reset();  // the shutoff event supersedes the warning
  b.unattended_ext = b.max_on_ext = b.away_ext = Duration{};
  last_shutoff_ = ShutoffRecord{b.id, reason, now.wall};
  event(now, EventKind::shutoff, std::string(to_string(reason)), i, std::move(detail));
}

void Engine::add_lock(std::size_t i, std::uint8_t reason, Now now) {
  auto& b = burners_[i];
  const bool was_locked = b.locks != 0;
  const bool new_reason = (b.locks & reason) != reason;
  b.locks = static_cast<std::uint8_t>(b.locks | reason);
  if (new_reason) {
    // A new reason (an alarm on a child-locked burner) holds the relay afresh.
    b.hold_since = now.steady;
    b.hold_lapsed = false;
  }
  if (was_locked) return;
  event(now, EventKind::locked, std::string(to_string(lock_shutoff_reason(b.locks))), i);
  if (might_be_lit(b)) start_cut(i, lock_shutoff_reason(b.locks), now, "locked while lit");
}

void Engine::remove_lock(std::size_t i, std::uint8_t reasons, Now now) {
  auto& b = burners_[i];
  if ((b.locks & reasons) == 0) return;
  b.locks = static_cast<std::uint8_t>(b.locks & ~reasons);
  if (b.locks != 0) return;
  b.hold_since.reset();
  b.hold_lapsed = false;
  event(now, EventKind::unlocked, "", i);
}

Reason Engine::lock_shutoff_reason(std::uint8_t locks) const {
  if (locks & kLockAlarm) return Reason::alarm;
  if (locks & kLockSensorFault) return Reason::sensor_fault;
  if (locks & kLockAway) return Reason::away;
  return Reason::manual;
}

void Engine::record(EventRecord e) {
  log_.push_back(e);
  while (log_.size() > kLogCapacity) log_.pop_front();
  new_events_.push_back(std::move(e));
}

void Engine::event(Now now, EventKind kind, std::string reason, std::optional<std::size_t> burner,
                   std::string detail, std::optional<WallTime> cut_at) {
  record(EventRecord{now.wall, kind, std::move(reason),
                     burner ? std::optional<std::string>(burners_[*burner].id) : std::nullopt,
                     cut_at, std::move(detail)});
}

std::vector<EventRecord> Engine::take_events() { return std::exchange(new_events_, {}); }

}  // namespace stove::engine
