#include <nlohmann/json.hpp>
#include <stdexcept>

#include "daemon/state/state_file.hpp"

namespace stove::state {
namespace {

using nlohmann::json;
using engine::WallTime;

// Milliseconds since the epoch: time-zone free, and fine enough that a
// timer does not creep earlier by a truncated fraction on every restart.
json time_json(const std::optional<WallTime>& t) {
  if (!t) return nullptr;
  return std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count();
}

// Up to the year 2200: far enough for any timer, small enough that the
// conversion to the clock's nanoseconds cannot overflow.
constexpr std::int64_t kMaxTimeMs = 7'258'118'400'000;

std::optional<WallTime> time_from(const json& j) {
  if (j.is_null()) return std::nullopt;
  if (!j.is_number_integer()) throw std::runtime_error("a time must be whole milliseconds, got " + j.dump());
  const auto ms = j.get<std::int64_t>();
  if (ms < 0 || ms > kMaxTimeMs) throw std::runtime_error("time out of range: " + j.dump());
  return WallTime{std::chrono::duration_cast<WallTime::duration>(std::chrono::milliseconds{ms})};
}

std::int64_t integer_in(const json& j, std::int64_t low, std::int64_t high, const char* what) {
  if (!j.is_number_integer() || j.get<std::int64_t>() < low || j.get<std::int64_t>() > high) {
    throw std::runtime_error(std::string(what) + " must be a whole number from " + std::to_string(low) +
                             " to " + std::to_string(high) + ", got " + j.dump());
  }
  return j.get<std::int64_t>();
}

WallTime required_time(const json& j) {
  auto t = time_from(j);
  if (!t) throw std::runtime_error("a required time is null");
  return *t;
}

json event_json(const engine::EventRecord& e) {
  return {{"at", time_json(e.at)},
          {"kind", engine::to_string(e.kind)},
          {"reason", e.reason},
          {"burner", e.burner ? json(*e.burner) : json(nullptr)},
          {"cut_at", time_json(e.cut_at)},
          {"detail", e.detail}};
}

engine::EventRecord event_from(const json& j) {
  engine::EventRecord e;
  e.at = required_time(j.at("at"));
  auto kind = engine::event_kind_from_string(j.at("kind").get<std::string>());
  if (!kind) throw std::runtime_error("unknown event kind " + j.at("kind").dump());
  e.kind = *kind;
  e.reason = j.at("reason").get<std::string>();
  if (!j.at("burner").is_null()) e.burner = j.at("burner").get<std::string>();
  e.cut_at = time_from(j.at("cut_at"));
  e.detail = j.at("detail").get<std::string>();
  return e;
}

}  // namespace

std::string to_json(const engine::DurableState& s) {
  json burners = json::array();
  for (const auto& b : s.burners) {
    burners.push_back({{"id", b.id},
                       {"timer", time_json(b.timer)},
                       {"locks", b.locks},
                       {"shutoff_failed", b.shutoff_failed}});
  }
  json events = json::array();
  for (const auto& e : s.events) events.push_back(event_json(e));
  json last = nullptr;
  if (s.last_shutoff) {
    last = {{"burner", s.last_shutoff->burner},
            {"reason", engine::to_string(s.last_shutoff->reason)},
            {"at", time_json(s.last_shutoff->at)}};
  }
  json j = {{"version", 2},
            {"away", s.away},
            {"unattended_guard", s.unattended_guard},
            {"stove_timer", time_json(s.stove_timer)},
            {"burners", burners},
            {"last_shutoff", last},
            {"events", events}};
  return j.dump(1) + "\n";
}

engine::DurableState from_json(const std::string& text) {
  try {
    const json j = json::parse(text);
    if (integer_in(j.at("version"), 0, 1000, "version") != 2) {
      throw std::runtime_error("unsupported version " + j.at("version").dump());
    }
    engine::DurableState s;
    s.away = j.at("away").get<bool>();
    s.unattended_guard = j.at("unattended_guard").get<bool>();
    s.stove_timer = time_from(j.at("stove_timer"));
    for (const auto& b : j.at("burners")) {
      s.burners.push_back({b.at("id").get<std::string>(), time_from(b.at("timer")),
                           static_cast<std::uint8_t>(integer_in(b.at("locks"), 0, 31, "locks")),
                           b.at("shutoff_failed").get<bool>()});
    }
    if (const auto& l = j.at("last_shutoff"); !l.is_null()) {
      auto reason = engine::reason_from_string(l.at("reason").get<std::string>());
      if (!reason) throw std::runtime_error("unknown shutoff reason");
      s.last_shutoff = engine::ShutoffRecord{l.at("burner").get<std::string>(), *reason,
                                             required_time(l.at("at"))};
    }
    for (const auto& e : j.at("events")) s.events.push_back(event_from(e));
    return s;
  } catch (const json::exception& e) {
    throw std::runtime_error(e.what());
  }
}

}  // namespace stove::state
