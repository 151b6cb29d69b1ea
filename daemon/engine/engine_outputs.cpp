// What the engine shows: relay wishes, the next deadline, status, durable state.
#include "daemon/engine/engine.hpp"

namespace stove::engine {

std::string_view to_string(StoveState s) {
  switch (s) {
    case StoveState::idle: return "idle";
    case StoveState::cooking: return "cooking";
    case StoveState::warning: return "warning";
    case StoveState::cutting: return "cutting";
    case StoveState::locked: return "locked";
    case StoveState::fault: return "fault";
  }
  return "fault";
}

bool Engine::relay_engaged(std::size_t i) const {
  const auto& b = burners_[i];
  return (b.cut && b.cut->pulsing) || b.failed || (b.locks != 0 && !b.hold_lapsed);
}

bool Engine::cutting(std::size_t i) const { return burners_[i].cut.has_value(); }

bool Engine::shutoff_failed(std::size_t i) const { return burners_[i].failed; }

bool Engine::alerting() const {
  for (const auto& b : burners_) {
    if (b.announced) return true;
  }
  return !problems().empty();
}

std::vector<std::string> Engine::problems() const {
  std::vector<std::string> out;
  bool uncertain = false;
  for (const auto& b : burners_) {
    if (b.failed) out.push_back("shutoff_failed:" + b.id);
    if (faulted(b)) out.push_back("sensor_fault:" + b.id);
    uncertain = uncertain || (b.locks & kLockUncertain) != 0;
  }
  if (alarms_ & static_cast<std::uint8_t>(AlarmKind::smoke)) out.emplace_back("alarm:smoke");
  if (alarms_ & static_cast<std::uint8_t>(AlarmKind::gas)) out.emplace_back("alarm:gas");
  if (alarms_ & static_cast<std::uint8_t>(AlarmKind::contact)) out.emplace_back("alarm:detector");
  if (uncertain) out.emplace_back("state_unreadable");
  return out;
}

std::optional<SteadyTime> Engine::next_deadline() const {
  std::optional<SteadyTime> best;
  auto consider = [&](std::optional<SteadyTime> t) {
    if (t && (!best || *t < *best)) best = t;
  };
  consider(stove_timer_);
  for (const auto& b : burners_) {
    consider(b.timer);
    if (b.cut) consider(b.cut->until);
    if (b.locks != 0 && b.hold_since && !b.hold_lapsed && cfg_.cutoff.max_hold) {
      consider(*b.hold_since + *cfg_.cutoff.max_hold);
    }
    for (const auto& c : candidates(b)) consider(last_now_ < c.start ? c.start : c.cut);
  }
  return best;
}

Status Engine::status(Now now) const {
  Status s;
  s.away = away_;
  s.unattended_guard = unattended_guard_;
  if (stove_timer_) s.shutoff_at = now.wall_at(*stove_timer_);
  s.problems = problems();
  s.last_shutoff = last_shutoff_;
  bool cutting_any = false, warning_any = false, lit_any = false, locked_any = false;
  std::optional<SteadyTime> warning_cut;
  for (const auto& b : burners_) {
    BurnerStatus bs;
    bs.id = b.id;
    bs.flame = b.flame == Flame::lit;
    bs.flame_known = b.flame != Flame::unknown;
    bs.temperature_c = b.temperature;
    bs.relay_engaged = relay_engaged(static_cast<std::size_t>(&b - burners_.data()));
    bs.locked = b.locks != 0;
    bs.cutting = b.cut.has_value();
    if (b.timer) bs.shutoff_at = now.wall_at(*b.timer);
    if (b.lit_since) bs.lit_since = now.wall_at(*b.lit_since);
    if (b.announced && (!warning_cut || b.announced->cut < *warning_cut)) {
      warning_cut = b.announced->cut;
      s.warning = WarningStatus{b.announced->reason, b.id, now.wall_at(b.announced->cut)};
    }
    cutting_any = cutting_any || bs.cutting;
    warning_any = warning_any || b.announced.has_value();
    lit_any = lit_any || bs.flame;
    locked_any = locked_any || bs.locked;
    s.burners.push_back(std::move(bs));
  }
  if (!s.problems.empty()) s.state = StoveState::fault;
  else if (cutting_any) s.state = StoveState::cutting;
  else if (warning_any) s.state = StoveState::warning;
  else if (lit_any) s.state = StoveState::cooking;
  else if (locked_any) s.state = StoveState::locked;
  else s.state = StoveState::idle;
  return s;
}

DurableState Engine::durable(Now now) const {
  DurableState d;
  d.away = away_;
  d.unattended_guard = unattended_guard_;
  if (stove_timer_) d.stove_timer = now.wall_at(*stove_timer_);
  for (const auto& b : burners_) {
    DurableBurner db;
    db.id = b.id;
    if (b.timer) db.timer = now.wall_at(*b.timer);
    db.locks = static_cast<std::uint8_t>(b.locks & ~kLockSensorFault);
    db.shutoff_failed = b.failed;
    d.burners.push_back(std::move(db));
  }
  d.last_shutoff = last_shutoff_;
  constexpr std::size_t kKept = 100;
  auto first = log_.size() > kKept ? log_.end() - kKept : log_.begin();
  d.events.assign(first, log_.end());
  return d;
}

}  // namespace stove::engine
