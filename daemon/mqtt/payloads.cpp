#include "daemon/mqtt/payloads.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace stove::mqtt {
namespace {

using nlohmann::json;

const char* on_off(bool value) { return value ? "ON" : "OFF"; }

bool flag(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::string text_or_none(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "None";
}

// Whole minutes left, rounded up so "1" shows until the cut; 0 without a timer.
std::string remaining_minutes(const json& status, std::chrono::system_clock::time_point now) {
  const auto it = status.find("shutoff_at");
  if (it == status.end() || !it->is_string()) return "0";
  const auto at = parse_rfc3339(it->get<std::string>());
  if (!at || *at <= now) return "0";
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*at - now).count();
  return std::to_string((seconds + 59) / 60);
}

std::string celsius(const json& burner) {
  const auto it = burner.find("temperature_c");
  if (it == burner.end() || !it->is_number()) return "None";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", it->get<double>());
  return buf;
}

const json* find_burner(const json& status, const std::string& id) {
  const auto list = status.find("burners");
  if (list == status.end() || !list->is_array()) return nullptr;
  for (const auto& b : *list) {
    if (b.is_object() && b.value("id", "") == id) return &b;
  }
  return nullptr;
}

}  // namespace

StatePayloads state_payloads(const json& status, const config::Config& cfg,
                             std::chrono::system_clock::time_point now) {
  StatePayloads out;
  out["state/state"] = status.value("state", "fault");
  out["away/state"] = on_off(flag(status, "away"));
  out["unattended_guard/state"] = on_off(flag(status, "unattended_guard"));
  out["shutoff_at/state"] = text_or_none(status, "shutoff_at");
  out["timer/state"] = remaining_minutes(status, now);

  json problems = json::array();
  if (const auto it = status.find("problems"); it != status.end() && it->is_array()) problems = *it;
  out["problem/state"] = on_off(!problems.empty());
  out["problem/attributes"] = json{{"problems", problems}}.dump();

  bool all_locked = !cfg.burners.empty();
  for (const auto& b : cfg.burners) {
    const json* s = find_burner(status, b.id);
    const json none = json::object();
    const json& burner = s ? *s : none;
    const bool lit = flag(burner, "flame");
    all_locked = all_locked && flag(burner, "locked");
    out[b.id + "_flame/state"] = on_off(lit);
    out[b.id + "_valve/state"] = lit ? "open" : "closed";
    if (b.temperature) out[b.id + "_temperature/state"] = celsius(burner);
  }
  out["lockout/state"] = on_off(all_locked);
  return out;
}

std::optional<EventMessage> event_message(const json& event) {
  if (!event.is_object()) return std::nullopt;
  const std::string kind = event.value("kind", "");
  if (kind != "warning" && kind != "shutoff") return std::nullopt;
  const auto reason = event.find("reason");
  if (reason == event.end() || !reason->is_string()) return std::nullopt;
  json payload = {{"event_type", *reason}, {"burner", event.value("burner", json(nullptr))}};
  if (kind == "warning") payload["cut_at"] = event.value("cut_at", json(nullptr));
  return EventMessage{kind, std::move(payload)};
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::size_t pos = static_cast<std::size_t>(consumed);
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  long offset_s = 0;
  const std::string zone = text.substr(pos);
  if (zone != "Z" && zone != "z") {
    int hours = 0, minutes = 0;
    char sign = 0;
    if (std::sscanf(zone.c_str(), "%c%2d:%2d", &sign, &hours, &minutes) != 3 || (sign != '+' && sign != '-') ||
        zone.size() != 6) {
      return std::nullopt;
    }
    offset_s = (sign == '-' ? -1 : 1) * (hours * 3600L + minutes * 60L);
  }
  const std::time_t utc = timegm(&tm);
  if (utc == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(utc - offset_s);
}

}  // namespace stove::mqtt
