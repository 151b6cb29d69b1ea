#include "daemon/shell/daemon.hpp"

#include <systemd/sd-daemon.h>

#include <filesystem>
#include <sstream>

#include "config/describe.hpp"
#include "daemon/mqtt/bridge.hpp"
#include "daemon/shell/log.hpp"
#include "daemon/shell/status_json.hpp"
#include "daemon/state/state_file.hpp"
#include "drivers/gpiod/open_hardware.hpp"
#include "drivers/sim/sim_stove.hpp"
#include "version.hpp"

namespace stove::shell {

using nlohmann::json;

Daemon::Daemon(boost::asio::io_context& io, config::Config cfg)
    : io_(io),
      cfg_(std::move(cfg)),
      deadline_(io),
      watchdog_(io),
      settle_(io),
      signals_(io, SIGINT, SIGTERM) {
  log::info(std::string("stoved ") + kVersion + " starting; effective configuration:");
  std::istringstream described(config::describe(cfg_));
  for (std::string line; std::getline(described, line);) log::info("  " + line);
  std::filesystem::create_directories(cfg_.state.dir);
  auto loaded = state::load(cfg_.state.dir);
  if (loaded.problem) log::error("state: " + *loaded.problem + "; every burner stays locked until unlocked");
  if (!loaded.found) loaded.state.unattended_guard = cfg_.rules.unattended_guard;

  if (cfg_.hardware.backend == config::Backend::sim) {
    sim_ = std::make_unique<drivers::sim::SimStove>(io_, cfg_, cfg_.state.dir + "/sim-stove.json");
    hw_ = sim_->hardware();
  } else {
    hw_ = drivers::open_gpiod_hardware(io_, cfg_);
  }
  // The sim knows its flames at once. A real flame input only reads lit once
  // its on-hold has passed, so until then the engine treats every burner as
  // possibly lit (a due timer cuts) and learns the settled values below.
  std::vector<std::optional<bool>> flames;
  for (const auto& b : hw_.burners) flames.push_back(sim_ ? std::optional<bool>(b.flame->active()) : std::nullopt);
  engine_ = std::make_unique<engine::Engine>(cfg_, loaded.state, flames, now());
  handler_ = std::make_unique<RequestHandler>(*engine_, cfg_, sim_.get(), &Daemon::now);
  wire_inputs();
  control_ = std::make_unique<ControlServer>(
      io_, cfg_.control.socket,
      [this](const json& request, const std::shared_ptr<ControlSession>& s) { dispatch(request, s); });

  if (cfg_.mqtt) {
    mqtt::BridgeHooks hooks;
    hooks.request = [this](const json& request) { return remote_request(request); };
    hooks.presence = [this](bool present) {
      engine_->presence(present, now());
      sync();
    };
    hooks.alarm = [this](const std::string& kind, bool active) {
      engine_->alarm(kind == "gas" ? engine::AlarmKind::gas : engine::AlarmKind::smoke, active, now());
      sync();
    };
    hooks.away_input = [this](bool away) {
      engine_->set_away(away, now());
      sync();
    };
    bridge_ = std::make_unique<mqtt::Bridge>(io_, cfg_, std::move(hooks));
  }

  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    log::notice(std::string("received ") + (signo == SIGINT ? "SIGINT" : "SIGTERM") + ": stopping");
    stop();
  });
  std::uint64_t watchdog_usec = 0;
  if (sd_watchdog_enabled(0, &watchdog_usec) > 0) {
    arm_watchdog(std::chrono::microseconds(watchdog_usec / 2));
  }
  engine_->advance(now());
  sync();
  if (!sim_) settle_flames();
  if (bridge_) bridge_->start();
  sd_notify(0, "READY=1\nSTATUS=watching the stove");
  log::notice("stoved ready: control socket " + cfg_.control.socket + ", " +
              std::to_string(hw_.burners.size()) + " burner(s)");
}

Daemon::~Daemon() { stop(); }

engine::Now Daemon::now() {
  return {std::chrono::steady_clock::now(), std::chrono::system_clock::now()};
}

void Daemon::wire_inputs() {
  for (std::size_t i = 0; i < hw_.burners.size(); ++i) {
    auto& b = hw_.burners[i];
    const std::string id = cfg_.burners[i].id;
    b.flame->on_change([this, i, id](bool lit) {
      log::info("burner " + id + (lit ? ": flame lit" : ": flame out"));
      engine_->flame(i, lit, now());
      sync();
    });
    b.flame->on_fault([this, i](std::optional<std::string> fault) {
      const bool cleared = !fault;
      engine_->sensor_fault(i, engine::SensorKind::flame, std::move(fault), now());
      if (cleared) engine_->flame(i, hw_.burners[i].flame->active(), now());
      sync();
    });
    if (b.temperature) {
      b.temperature->on_reading([this, i](const drivers::TemperatureReading& r) {
        if (r.celsius) {
          engine_->sensor_fault(i, engine::SensorKind::temperature, std::nullopt, now());
          engine_->temperature(i, *r.celsius, now());
        } else {
          engine_->sensor_fault(i, engine::SensorKind::temperature, r.fault, now());
        }
        sync();
      });
    }
  }
  if (hw_.presence) {
    hw_.presence->on_change([this](bool active) {
      if (!active) return;  // a PIR reports motion on its rising edge
      engine_->motion(now());
      sync();
    });
  }
  if (hw_.cut_button) {
    hw_.cut_button->on_change([this](bool pressed) {
      if (!pressed) return;
      log::notice("cut button pressed");
      engine_->cut_now(std::nullopt, now());
      sync();
    });
  }
  if (hw_.alarm) {
    hw_.alarm->on_change([this](bool active) {
      engine_->alarm(engine::AlarmKind::contact, active, now());
      sync();
    });
    if (hw_.alarm->active()) engine_->alarm(engine::AlarmKind::contact, true, now());
  }
}

void Daemon::settle_flames() {
  std::chrono::milliseconds settle{0};
  for (const auto& b : cfg_.burners) settle = std::max({settle, b.flame_on_hold, b.flame_off_hold});
  settle_.expires_after(settle + std::chrono::milliseconds(100));
  settle_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    for (std::size_t i = 0; i < hw_.burners.size(); ++i) engine_->flame(i, hw_.burners[i].flame->active(), now());
    sync();
  });
}

void Daemon::dispatch(const json& request, const std::shared_ptr<ControlSession>& session) {
  auto reply = handler_->handle(request, Source::local);
  if (!reply.wait_for.empty()) {
    waiters_.push_back({session, reply.wait_for});
  } else {
    session->send(reply.body);
  }
  if (reply.follow) followers_.push_back(session);
  sync();
}

json Daemon::remote_request(const json& request) {
  auto reply = handler_->handle(request, Source::remote);
  if (reply.body.value("ok", false) == false) {
    log::warning("MQTT request " + request.dump() + " refused: " + reply.body.value("error", ""));
  }
  sync();
  return reply.body;
}

void Daemon::sync() {
  if (stopped_) return;
  apply_outputs();
  deliver_events();
  save_state();
  answer_waiters();
  if (bridge_) {
    auto status = status_json(engine_->status(now()));
    if (status != published_status_) {
      published_status_ = std::move(status);
      bridge_->update_status(published_status_);
    }
  }
  arm_deadline();
}

void Daemon::apply_outputs() {
  for (std::size_t i = 0; i < hw_.burners.size(); ++i) {
    auto& relay = *hw_.burners[i].relay;
    const bool want = engine_->relay_engaged(i);
    if (relay.engaged() == want) continue;
    if (want) {
      relay.engage();
    } else {
      relay.release();
    }
    log::info("burner " + cfg_.burners[i].id + ": relay " + (want ? "engaged" : "released"));
  }
  const bool alert = engine_->alerting();
  for (auto* out : {hw_.buzzer.get(), hw_.status_led.get()}) {
    if (out && out->on() != alert) out->set(alert);
  }
}

void Daemon::deliver_events() {
  for (const auto& e : engine_->take_events()) {
    auto j = event_json(e);
    const auto kind = e.kind;
    const bool bad = kind == engine::EventKind::shutoff_failed || kind == engine::EventKind::fault;
    const bool loud = bad || kind == engine::EventKind::shutoff || kind == engine::EventKind::warning;
    log::write(bad ? log::Level::error : loud ? log::Level::warning : log::Level::info, "event " + j.dump());
    std::erase_if(followers_, [](const auto& w) { return w.expired() || !w.lock()->open(); });
    for (const auto& w : followers_) w.lock()->send(j);
    if (bridge_) bridge_->publish_event(j);
  }
}

void Daemon::save_state() {
  auto text = state::to_json(engine_->durable(now()));
  if (text == saved_state_) return;
  if (auto error = state::save(cfg_.state.dir, text)) {
    log::error("state: " + *error + " (will retry on the next change)");
    return;
  }
  saved_state_ = std::move(text);
}

void Daemon::answer_waiters() {
  std::erase_if(waiters_, [this](const Waiter& w) {
    auto session = w.session.lock();
    if (!session || !session->open()) return true;
    for (auto b : w.burners) {
      if (engine_->cutting(b)) return false;
    }
    session->send(handler_->wait_result(w.burners));
    return true;
  });
}

void Daemon::arm_deadline() {
  const auto next = engine_->next_deadline();
  if (!next) {
    deadline_.cancel();
    return;
  }
  if (deadline_.expiry() == *next) return;
  deadline_.expires_at(*next);
  deadline_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    engine_->advance(now());
    sync();
  });
}

void Daemon::arm_watchdog(std::chrono::microseconds interval) {
  // Petted from the same loop as everything else: a stuck loop stops
  // petting, and systemd restarts the daemon.
  watchdog_.expires_after(interval);
  watchdog_.async_wait([this, interval](const boost::system::error_code& ec) {
    if (ec) return;
    sd_notify(0, "WATCHDOG=1");
    arm_watchdog(interval);
  });
}

void Daemon::stop() {
  if (stopped_) return;
  stopped_ = true;
  sd_notify(0, "STOPPING=1");
  signals_.cancel();
  deadline_.cancel();
  watchdog_.cancel();
  settle_.cancel();
  if (control_) control_->stop();
  // A stopped daemon leaves an ordinary hob: relays released (normally-closed
  // wiring keeps the flame-failure circuit intact). Locks are saved and come
  // back with the next start.
  for (std::size_t i = 0; i < hw_.burners.size(); ++i) {
    if (hw_.burners[i].relay->engaged()) hw_.burners[i].relay->release();
  }
  for (auto* out : {hw_.buzzer.get(), hw_.status_led.get()}) {
    if (out) out->set(false);
  }
  if (engine_) {
    auto text = state::to_json(engine_->durable(now()));
    if (text != saved_state_) state::save(cfg_.state.dir, text);
  }
  if (bridge_) bridge_->stop();
  for (const auto& w : followers_) {
    if (auto s = w.lock()) s->close();
  }
  for (const auto& w : waiters_) {
    if (auto s = w.session.lock()) s->close();
  }
  io_.stop();
  log::notice("stoved stopped");
}

}  // namespace stove::shell
