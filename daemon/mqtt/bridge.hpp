#pragma once
// The Home Assistant MQTT bridge: publishes discovery, states, events and
// availability; turns command and input topics into calls on the daemon.
// Every public method runs on the daemon's Asio loop thread; Paho's threads
// only post onto that loop.

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace stove::mqtt {

struct BridgeHooks {
  // The control socket's request handler. Returns {"ok":true,...} or {"ok":false,"error":"..."}.
  std::function<nlohmann::json(const nlohmann::json& request)> request;
  std::function<void(bool present)> presence;                       // presence.mqtt_topic ON/OFF
  std::function<void(const std::string& kind, bool active)> alarm;  // kind "smoke" | "gas"
  std::function<void(bool away)> away_input;                        // mqtt.away_topic ON/OFF (optional)
};

class Bridge {
 public:
  // cfg.mqtt must be set; cfg is copied.
  Bridge(boost::asio::io_context& io, const config::Config& cfg, BridgeHooks hooks);
  ~Bridge();
  Bridge(const Bridge&) = delete;
  Bridge& operator=(const Bridge&) = delete;

  void start();  // connects in the background; never blocks, never throws on network errors
  void stop();   // publishes "offline" (retained) and disconnects, within about 2 s
  void update_status(const nlohmann::json& status);  // full status snapshot; publishes what changed
  void publish_event(const nlohmann::json& event);

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace stove::mqtt
