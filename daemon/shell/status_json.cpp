#include "daemon/shell/status_json.hpp"

#include "daemon/shell/time_format.hpp"

namespace stove::shell {
namespace {

using nlohmann::json;

json time_or_null(const std::optional<engine::WallTime>& t) {
  return t ? json(rfc3339(*t)) : json(nullptr);
}

}  // namespace

json status_json(const engine::Status& s) {
  json burners = json::array();
  for (const auto& b : s.burners) {
    burners.push_back({{"id", b.id},
                       {"flame", b.flame},
                       {"flame_known", b.flame_known},
                       {"temperature_c", b.temperature_c ? json(*b.temperature_c) : json(nullptr)},
                       {"relay_engaged", b.relay_engaged},
                       {"locked", b.locked},
                       {"cutting", b.cutting},
                       {"lit_since", time_or_null(b.lit_since)},
                       {"shutoff_at", time_or_null(b.shutoff_at)}});
  }
  json warning = nullptr;
  if (s.warning) {
    warning = {{"reason", engine::to_string(s.warning->reason)},
               {"burner", s.warning->burner ? json(*s.warning->burner) : json(nullptr)},
               {"cut_at", rfc3339(s.warning->cut_at)}};
  }
  json last = nullptr;
  if (s.last_shutoff) {
    last = {{"burner", s.last_shutoff->burner},
            {"reason", engine::to_string(s.last_shutoff->reason)},
            {"at", rfc3339(s.last_shutoff->at)}};
  }
  return {{"ok", true},
          {"state", engine::to_string(s.state)},
          {"away", s.away},
          {"unattended_guard", s.unattended_guard},
          {"shutoff_at", time_or_null(s.shutoff_at)},
          {"warning", warning},
          {"problems", s.problems},
          {"burners", burners},
          {"last_shutoff", last}};
}

json event_json(const engine::EventRecord& e) {
  json j = {{"at", rfc3339(e.at)},
            {"kind", engine::to_string(e.kind)},
            {"reason", e.reason},
            {"burner", e.burner ? json(*e.burner) : json(nullptr)}};
  if (e.cut_at) j["cut_at"] = rfc3339(*e.cut_at);
  if (!e.detail.empty()) j["detail"] = e.detail;
  return j;
}

}  // namespace stove::shell
