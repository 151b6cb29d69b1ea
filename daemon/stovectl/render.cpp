#include "daemon/stovectl/render.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace stove::ctl {
namespace {

using nlohmann::json;

std::string text(const json& j, const char* key, const char* none = "-") {
  if (!j.contains(key) || j[key].is_null()) return none;
  if (j[key].is_string()) return j[key].get<std::string>();
  return j[key].dump();
}

std::string pad(std::string s, std::size_t width) {
  s.resize(std::max(s.size() + 1, width), ' ');
  return s;
}

std::string temperature(const json& b) {
  if (!b.contains("temperature_c") || b["temperature_c"].is_null()) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.1f °C", b["temperature_c"].get<double>());
  return buf;
}

}  // namespace

std::string render_status(const json& s) {
  std::ostringstream out;
  out << "state: " << text(s, "state") << "    away: " << (s.value("away", false) ? "on" : "off")
      << "    unattended guard: " << (s.value("unattended_guard", true) ? "on" : "off") << '\n';
  for (const auto& b : s.value("burners", json::array())) {
    std::string flame = b.value("flame_known", true) ? (b.value("flame", false) ? "lit" : "out") : "unknown";
    out << "  " << pad(text(b, "id"), 10) << pad(flame, 8) << temperature(b);
    if (b.value("cutting", false)) out << "  cutting";
    if (b.value("relay_engaged", false)) out << "  relay engaged";
    if (b.value("locked", false)) out << "  locked";
    if (!b["shutoff_at"].is_null()) out << "  cut at " << text(b, "shutoff_at");
    out << '\n';
  }
  if (!s["shutoff_at"].is_null()) out << "stove-wide cut at " << text(s, "shutoff_at") << '\n';
  if (const auto& w = s["warning"]; !w.is_null()) {
    out << "WARNING: " << text(w, "reason") << " on " << text(w, "burner", "every burner")
        << ", cut at " << text(w, "cut_at") << "  (stovectl here / extend)\n";
  }
  if (!s["problems"].empty()) {
    out << "PROBLEMS:";
    for (const auto& p : s["problems"]) out << ' ' << p.get<std::string>();
    out << '\n';
  }
  if (const auto& l = s["last_shutoff"]; !l.is_null()) {
    out << "last shutoff: " << text(l, "burner") << " (" << text(l, "reason") << ") at " << text(l, "at") << '\n';
  }
  return out.str();
}

std::string render_event(const json& e) {
  std::ostringstream out;
  out << text(e, "at") << "  " << text(e, "kind") << "  " << text(e, "reason", "") << "  "
      << text(e, "burner", "all");
  if (e.contains("cut_at")) out << "  cut at " << text(e, "cut_at");
  if (e.contains("detail")) out << "  (" << text(e, "detail") << ")";
  return out.str();
}

}  // namespace stove::ctl
