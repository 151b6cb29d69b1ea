#include "daemon/shell/request_handler.hpp"

#include <stdexcept>

#include "daemon/shell/status_json.hpp"
#include "daemon/shell/time_format.hpp"
#include "drivers/sim/sim_stove.hpp"

namespace stove::shell {
namespace {

using nlohmann::json;

// A request that cannot be carried out; the message goes back to the client.
struct Refusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr std::int64_t kMaxDelaySeconds = 7 * 24 * 3600;

json refused(const std::string& why) { return {{"ok", false}, {"error", why}}; }

bool bool_field(const json& req, const char* key) {
  if (!req.contains(key)) throw Refusal(std::string("missing '") + key + "'");
  if (!req[key].is_boolean()) throw Refusal(std::string("'") + key + "' must be true or false");
  return req[key].get<bool>();
}

std::optional<std::int64_t> seconds_field(const json& req, const char* key) {
  if (!req.contains(key) || req[key].is_null()) return std::nullopt;
  const auto& v = req[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() <= 0 || v.get<std::int64_t>() > kMaxDelaySeconds) {
    throw Refusal(std::string("'") + key + "' must be a whole number of seconds from 1 to 604800");
  }
  return v.get<std::int64_t>();
}

}  // namespace

RequestHandler::RequestHandler(engine::Engine& engine, const config::Config& cfg,
                               drivers::sim::SimStove* sim, std::function<engine::Now()> clock)
    : engine_(engine), cfg_(cfg), sim_(sim), clock_(std::move(clock)) {}

json RequestHandler::result(const engine::CommandResult& r) const {
  if (!r.ok) return refused(r.error);
  json out = {{"ok", true}};
  if (!r.note.empty()) out["note"] = r.note;
  return out;
}

Reply RequestHandler::handle(const json& req, Source source) {
  try {
    if (!req.is_object() || !req.contains("cmd") || !req["cmd"].is_string()) {
      throw Refusal("a request is a JSON object with a string 'cmd'");
    }
    const std::string cmd = req["cmd"].get<std::string>();
    engine::BurnerSel burner;
    if (req.contains("burner") && !req["burner"].is_null()) {
      if (!req["burner"].is_string()) throw Refusal("'burner' must be a burner id");
      const auto id = req["burner"].get<std::string>();
      burner = engine_.find_burner(id);
      if (!burner) {
        std::string valid;
        for (std::size_t i = 0; i < engine_.burner_count(); ++i) {
          valid += (i ? ", " : "") + engine_.burner_id(i);
        }
        throw Refusal("unknown burner '" + id + "' (burners: " + valid + ")");
      }
    }
    const auto now = clock_();
    if (cmd == "status") return {status_json(engine_.status(now)), {}, false};
    if (cmd == "off") return off(req, burner);
    if (cmd == "cancel") return {result(engine_.cancel(burner, now)), {}, false};
    if (cmd == "extend") {
      const auto s = seconds_field(req, "seconds");
      if (!s) throw Refusal("missing 'seconds'");
      auto body = result(engine_.extend(std::chrono::seconds(*s), now));
      return {body, {}, false};
    }
    if (cmd == "here") return {result(engine_.here(now)), {}, false};
    if (cmd == "lock") return {result(engine_.lock(burner, now)), {}, false};
    if (cmd == "unlock") {
      if (source == Source::remote && !(cfg_.mqtt && cfg_.mqtt->allow_remote_unlock)) {
        throw Refusal("remote unlock is not allowed (mqtt.allow_remote_unlock = false): unlock at the stove");
      }
      return {result(engine_.unlock(burner, now)), {}, false};
    }
    if (cmd == "away") return {result(engine_.set_away(bool_field(req, "on"), now)), {}, false};
    if (cmd == "guard") {
      return {result(engine_.set_unattended_guard(bool_field(req, "on"), now)), {}, false};
    }
    if (cmd == "events") return events(req);
    if (cmd == "sim") {
      if (source == Source::remote) throw Refusal("sim commands are local only");
      return sim(req);
    }
    throw Refusal("unknown command '" + cmd + "'");
  } catch (const Refusal& r) {
    return {refused(r.what()), {}, false};
  } catch (const json::exception& e) {
    return {refused(std::string("malformed request: ") + e.what()), {}, false};
  }
}

Reply RequestHandler::off(const json& req, engine::BurnerSel burner) {
  const auto now = clock_();
  const auto after = seconds_field(req, "after_s");
  const bool has_at = req.contains("at") && !req["at"].is_null();
  if (after && has_at) throw Refusal("give either 'after_s' or 'at', not both");
  if (after || has_at) {
    std::chrono::seconds delay{};
    if (after) {
      delay = std::chrono::seconds(*after);
    } else {
      const auto hm = req["at"].is_string() ? parse_hh_mm(req["at"].get<std::string>()) : std::nullopt;
      if (!hm) throw Refusal("'at' must be a local time HH:MM (00:00 to 23:59)");
      const auto when = next_local(now.wall, hm->first, hm->second);
      delay = std::chrono::ceil<std::chrono::seconds>(when - now.wall);
    }
    auto body = result(engine_.cut_after(burner, delay, now));
    if (body["ok"] == true) body["shutoff_at"] = rfc3339(now.wall + delay);
    return {body, {}, false};
  }
  const bool wait = req.contains("wait") && req["wait"].is_boolean() && req["wait"].get<bool>();
  auto body = result(engine_.cut_now(burner, now));
  json cut = json::array();
  std::vector<std::size_t> cutting;
  for (std::size_t i = 0; i < engine_.burner_count(); ++i) {
    if ((!burner || *burner == i) && engine_.cutting(i)) {
      cut.push_back(engine_.burner_id(i));
      cutting.push_back(i);
    }
  }
  body["cutting"] = cut;
  if (wait && !cutting.empty()) return {body, cutting, false};
  return {body, {}, false};
}

json RequestHandler::wait_result(const std::vector<std::size_t>& burners) const {
  json failed = json::array();
  for (auto i : burners) {
    if (engine_.shutoff_failed(i)) failed.push_back(engine_.burner_id(i));
  }
  if (failed.empty()) return {{"ok", true}, {"note", "flame confirmed out"}};
  return {{"ok", false},
          {"error", "shutoff failed: flame still seen on " + failed.dump() + "; relay held"},
          {"failed", failed}};
}

Reply RequestHandler::events(const json& req) const {
  std::size_t n = 20;
  if (req.contains("n")) {
    if (!req["n"].is_number_integer() || req["n"].get<std::int64_t>() < 0 ||
        req["n"].get<std::int64_t>() > static_cast<std::int64_t>(engine::Engine::kLogCapacity)) {
      throw Refusal("'n' must be a whole number from 0 to 200");
    }
    n = req["n"].get<std::size_t>();
  }
  const auto& log = engine_.event_log();
  json list = json::array();
  for (auto it = log.size() > n ? log.end() - static_cast<std::ptrdiff_t>(n) : log.begin(); it != log.end(); ++it) {
    list.push_back(event_json(*it));
  }
  const bool follow = req.contains("follow") && req["follow"].is_boolean() && req["follow"].get<bool>();
  return {{{"ok", true}, {"events", list}}, {}, follow};
}

Reply RequestHandler::sim(const json& req) {
  if (!sim_) throw Refusal("sim commands need hardware.backend = \"sim\"");
  if (!req.contains("action") || !req["action"].is_string()) throw Refusal("missing 'action'");
  const auto action = req["action"].get<std::string>();
  if (action == "motion") {
    sim_->motion();
    return {{{"ok", true}}, {}, false};
  }
  if (!req.contains("burner") || !req["burner"].is_string()) throw Refusal("sim " + action + " needs a burner");
  const auto b = *engine_.find_burner(req["burner"].get<std::string>());
  std::optional<std::string> error;
  if (action == "ignite") {
    error = sim_->ignite(b);
  } else if (action == "extinguish") {
    error = sim_->extinguish(b);
  } else if (action == "temp") {
    if (!req.contains("celsius") || !req["celsius"].is_number()) throw Refusal("sim temp needs 'celsius'");
    error = sim_->set_temperature(b, req["celsius"].get<double>());
  } else if (action == "fault") {
    if (!req.contains("fault") || !req["fault"].is_string()) throw Refusal("sim fault needs 'fault'");
    error = sim_->fault(b, req["fault"].get<std::string>());
  } else {
    throw Refusal("unknown sim action '" + action + "'");
  }
  if (error) throw Refusal(*error);
  return {{{"ok", true}}, {}, false};
}

}  // namespace stove::shell
