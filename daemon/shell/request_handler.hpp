#pragma once
// One handler for every request, whether it came over the control socket
// (stovectl) or from Home Assistant over MQTT, so the two cannot drift apart.
// Requests and replies are the JSON objects of docs/interfaces.md §5.

#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "config/config.hpp"
#include "daemon/engine/engine.hpp"

namespace stove::drivers::sim {
class SimStove;
}

namespace stove::shell {

// Local requests come from the control socket (group-restricted, on the
// machine); remote ones from MQTT, which may only make the stove safer.
enum class Source { local, remote };

struct Reply {
  nlohmann::json body;
  std::vector<std::size_t> wait_for;  // `off --wait`: answer once these burners' cuts are over
  bool follow = false;                // `events --follow`: stream events after the reply
};

class RequestHandler {
 public:
  RequestHandler(engine::Engine& engine, const config::Config& cfg, drivers::sim::SimStove* sim,
                 std::function<engine::Now()> clock);

  Reply handle(const nlohmann::json& request, Source source);

  // The reply to an `off --wait` whose burners are no longer cutting.
  nlohmann::json wait_result(const std::vector<std::size_t>& burners) const;

 private:
  Reply off(const nlohmann::json& req, engine::BurnerSel burner);
  Reply sim(const nlohmann::json& req);
  Reply events(const nlohmann::json& req) const;
  nlohmann::json result(const engine::CommandResult& r) const;

  engine::Engine& engine_;
  const config::Config& cfg_;
  drivers::sim::SimStove* sim_;
  std::function<engine::Now()> clock_;
};

}  // namespace stove::shell
