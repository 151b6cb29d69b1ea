#pragma once
// The imperative shell around the engine: one io_context on one thread. It
// feeds the engine every input and command stamped with the time, then
// applies what the engine wants (relays, buzzer), saves durable state,
// publishes status and events, and arms the one timer for the engine's next
// deadline. No polling loop anywhere.

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/engine/engine.hpp"
#include "daemon/shell/control_server.hpp"
#include "daemon/shell/request_handler.hpp"
#include "drivers/hardware.hpp"

namespace stove::drivers::sim {
class SimStove;
}
namespace stove::mqtt {
class Bridge;
}

namespace stove::shell {

class Daemon {
 public:
  // Throws drivers::SetupError / std::runtime_error when the hardware or the
  // control socket cannot be set up; nothing has been left engaged then.
  Daemon(boost::asio::io_context& io, config::Config cfg);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  void stop();

 private:
  static engine::Now now();
  void wire_inputs();
  void settle_flames();
  void sync();
  void arm_deadline();
  void arm_watchdog(std::chrono::microseconds interval);
  void dispatch(const nlohmann::json& request, const std::shared_ptr<ControlSession>& session);
  nlohmann::json remote_request(const nlohmann::json& request);
  void apply_outputs();
  void save_state();
  void deliver_events();
  void answer_waiters();

  boost::asio::io_context& io_;
  config::Config cfg_;
  std::unique_ptr<drivers::sim::SimStove> sim_;  // declared before hw_: outlives the devices
  drivers::Hardware hw_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<RequestHandler> handler_;
  std::unique_ptr<ControlServer> control_;
  std::unique_ptr<mqtt::Bridge> bridge_;
  boost::asio::steady_timer deadline_;
  boost::asio::steady_timer watchdog_;
  boost::asio::steady_timer settle_;
  boost::asio::signal_set signals_;
  std::string saved_state_;
  nlohmann::json published_status_;
  struct Waiter {
    std::weak_ptr<ControlSession> session;
    std::vector<std::size_t> burners;
  };
  std::vector<Waiter> waiters_;
  std::vector<std::weak_ptr<ControlSession>> followers_;
  bool stopped_ = false;
};

}  // namespace stove::shell
