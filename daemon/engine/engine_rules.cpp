// The time-driven half of the engine: warned rules, timers, the closed-loop
// cut and lockout holds. engine.cpp holds the inputs and commands.
#include <algorithm>
#include <cstdio>

#include "daemon/engine/engine.hpp"

namespace stove::engine {
namespace {

std::string celsius_text(double c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", c);
  return buf;
}

}  // namespace

std::vector<Engine::Candidate> Engine::candidates(const Burner& b) const {
  // A locked burner is the lock's business; a cut one is already going out.
  if (b.flame != Flame::lit || !b.lit_since || b.locks != 0 || b.cut || b.failed) return {};
  const auto& r = cfg_.rules;
  const SteadyTime lit = *b.lit_since;
  std::vector<Candidate> out;
  if (unattended_guard_ && !present_) {
    const SteadyTime ref = std::max(lit, last_motion_.value_or(lit));
    // Switched on long after the burner was lit, the guard still gives the
    // full warning instead of cutting at once.
    const SteadyTime start = std::max(ref + r.unattended_after, guard_on_since_) + b.unattended_ext;
    out.push_back({Reason::unattended, start, start + r.warn_for});
  }
  const SteadyTime max_on_start = lit + r.max_on + b.max_on_ext;
  out.push_back({Reason::max_on, max_on_start, max_on_start + r.warn_for});
  if (away_) {
    const SteadyTime start = std::max(away_since_, lit) + b.away_ext;
    out.push_back({Reason::away, start, start + r.away_grace});
  }
  return out;
}

std::optional<Engine::Candidate> Engine::active_warning(const Burner& b, SteadyTime now) const {
  std::optional<Candidate> best;
  for (const auto& c : candidates(b)) {
    if (now >= c.start && (!best || c.cut < best->cut)) best = c;
  }
  return best;
}

bool Engine::step_rules(std::size_t i, Now now) {
  auto& b = burners_[i];
  bool acted = false;
  if (away_ && cfg_.rules.away_lockout && b.flame == Flame::out && !(b.locks & kLockAway)) {
    add_lock(i, kLockAway, now);
    acted = true;
  }
  const auto w = active_warning(b, now.steady);
  if (w && (!b.announced || b.announced->reason != w->reason || b.announced->cut != w->cut)) {
    event(now, EventKind::warning, std::string(to_string(w->reason)), i, {}, now.wall_at(w->cut));
    b.announced = w;
  } else if (!w && b.announced) {
    event(now, EventKind::cancelled, std::string(to_string(b.announced->reason)), i,
          "warning ended without a cut");
    b.announced.reset();
  }
  for (const auto& c : candidates(b)) {
    if (now.steady >= c.cut) {
      start_cut(i, c.reason, now);
      return true;
    }
  }
  return acted;
}

bool Engine::step_cut(std::size_t i, Now now) {
  auto& b = burners_[i];
  if (!b.cut || now.steady < b.cut->until) return false;
  auto& c = *b.cut;
  if (c.pulsing) {
    if (b.flame == Flame::out) {
      if (!c.confirmed) event(now, EventKind::confirmed, std::string(to_string(c.reason)), i, "flame out");
      b.cut.reset();
      return true;
    }
    c.pulsing = false;  // release and watch: the valve may need a moment more
    c.until = now.steady + cfg_.cutoff.verify_within;
    return true;
  }
  if (c.attempt <= cfg_.cutoff.retries) {
    ++c.attempt;
    c.pulsing = true;
    c.until = now.steady + b.pulse;
    event(now, EventKind::retry, std::string(to_string(c.reason)), i,
          "flame not confirmed out after the pulse: attempt " + std::to_string(c.attempt));
    return true;
  }
  // Holding the circuit open is the best remaining action.
  b.failed = true;
  event(now, EventKind::shutoff_failed, std::string(to_string(c.reason)), i,
        "flame not confirmed out after " + std::to_string(c.attempt) + " pulses: relay held");
  b.cut.reset();
  return true;
}

bool Engine::step_timers(Now now) {
  bool acted = false;
  auto fire = [&](BurnerSel sel) {
    unsigned cut = 0;
    for (auto i : selected(sel)) {
      auto& b = burners_[i];
      if (b.cut || b.failed || !might_be_lit(b)) continue;
      start_cut(i, Reason::timer, now);
      ++cut;
    }
    if (cut == 0) event(now, EventKind::expired, "timer", sel, "timer fired with nothing lit to cut");
    acted = true;
  };
  if (stove_timer_ && now.steady >= *stove_timer_) {
    stove_timer_.reset();
    fire(std::nullopt);
  }
  for (std::size_t i = 0; i < burners_.size(); ++i) {
    if (burners_[i].timer && now.steady >= *burners_[i].timer) {
      burners_[i].timer.reset();
      fire(i);
    }
  }
  return acted;
}

bool Engine::step_hold(std::size_t i, Now now) {
  auto& b = burners_[i];
  const auto& max_hold = cfg_.cutoff.max_hold;
  if (b.locks == 0 || !b.hold_since || b.hold_lapsed || !max_hold) return false;
  if (now.steady < *b.hold_since + *max_hold) return false;
  // The relay may not stay energised longer: release it and guard the burner
  // by cutting again as soon as a flame is seen.
  b.hold_lapsed = true;
  return true;
}

void Engine::check_overheat(std::size_t i, Now now) {
  auto& b = burners_[i];
  if (!b.temperature || b.cut || b.failed || !might_be_lit(b)) return;
  const auto& r = cfg_.rules;
  if (*b.temperature >= r.overheat_c) {
    start_cut(i, Reason::overheat, now,
              celsius_text(*b.temperature) + " °C reached the limit of " + celsius_text(r.overheat_c) + " °C");
    return;
  }
  if (!r.overheat_rise_c_per_min || b.history.size() < 2) return;
  const auto& [t0, c0] = b.history.front();
  const double minutes = std::chrono::duration<double, std::ratio<60>>(now.steady - t0).count();
  if (minutes < 0.5) return;  // too short a window to tell a trend from noise
  const double rate = (*b.temperature - c0) / minutes;
  if (rate >= *r.overheat_rise_c_per_min) {
    start_cut(i, Reason::overheat, now, "rising " + celsius_text(rate) + " °C/min");
  }
}

}  // namespace stove::engine
