#include "drivers/sim/sim_stove.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "drivers/sim/sim_devices.hpp"

namespace stove::drivers::sim {

struct SimStove::Burner {
  explicit Burner(boost::asio::io_context& io) : valve_drop(io), poll(io) {}
  std::string id;
  std::optional<std::string> temperature_spec;
  bool lit = false;
  double temperature_c = 21.0;
  bool stuck_valve = false;  // the valve no longer closes: a welded contact, a bridged thermocouple
  bool unplugged = false;    // the sensors' cable is off
  bool relay_engaged = false;
  SimViews views;
  boost::asio::steady_timer valve_drop;
  boost::asio::steady_timer poll;
};

struct SimStove::Presence {
  SimInput* input = nullptr;
};

SimStove::SimStove(boost::asio::io_context& io, const config::Config& cfg, std::string state_file)
    : io_(io),
      state_file_(std::move(state_file)),
      presence_(std::make_unique<Presence>()),
      temperature_interval_(std::chrono::duration_cast<std::chrono::milliseconds>(
          cfg.hardware.temperature_interval)) {
  for (const auto& bc : cfg.burners) {
    auto b = std::make_unique<Burner>(io_);
    b->id = bc.id;
    b->temperature_spec = bc.temperature;
    burners_.push_back(std::move(b));
  }
  load();
}

SimStove::~SimStove() = default;

Hardware SimStove::hardware() {
  Hardware hw;
  for (std::size_t i = 0; i < burners_.size(); ++i) {
    auto& b = *burners_[i];
    BurnerHardware bh;
    auto flame = std::make_unique<SimInput>();
    flame->set(b.lit);
    b.views.flame = flame.get();
    bh.flame = std::move(flame);
    auto relay = std::make_unique<SimRelay>(*this, i);
    b.views.relay = relay.get();
    bh.relay = std::move(relay);
    if (b.temperature_spec) {
      auto t = std::make_unique<SimTemperature>(*b.temperature_spec);
      b.views.temperature = t.get();
      bh.temperature = std::move(t);
      b.poll.expires_after(std::chrono::milliseconds(0));  // first reading once the daemon listens
      b.poll.async_wait([this, i](const boost::system::error_code& ec) {
        if (!ec) poll_temperature(i);
      });
    }
    hw.burners.push_back(std::move(bh));
  }
  auto pir = std::make_unique<SimInput>();
  presence_->input = pir.get();
  hw.presence = std::move(pir);
  return hw;
}

// Like a real source: a reading every interval, so the daemon sees the value
// soon after start and notices an unplugged sensor.
void SimStove::poll_temperature(std::size_t i) {
  auto& b = *burners_[i];
  if (b.views.temperature) {
    b.views.temperature->deliver(b.unplugged ? TemperatureReading{std::nullopt, "sensor unplugged"}
                                             : TemperatureReading{b.temperature_c, {}});
  }
  b.poll.expires_after(temperature_interval_);
  b.poll.async_wait([this, i](const boost::system::error_code& ec) {
    if (!ec) poll_temperature(i);
  });
}

void SimStove::set_flame(std::size_t i, bool lit) {
  auto& b = *burners_[i];
  b.lit = lit;
  if (!b.unplugged && b.views.flame) b.views.flame->set(lit);
  save();
}

void SimStove::relay_changed(std::size_t i, bool engaged) {
  auto& b = *burners_[i];
  b.relay_engaged = engaged;
  if (!engaged) {
    b.valve_drop.cancel();  // released before the magnet let go: the valve stays open
    return;
  }
  if (!b.lit || b.stuck_valve) return;
  b.valve_drop.expires_after(kValveDropTime);
  b.valve_drop.async_wait([this, i](const boost::system::error_code& ec) {
    auto& bb = *burners_[i];
    if (!ec && bb.relay_engaged && !bb.stuck_valve && bb.lit) set_flame(i, false);
  });
}

std::optional<std::string> SimStove::ignite(std::size_t i) {
  auto& b = *burners_[i];
  if (b.lit) return b.id + " is already lit";
  set_flame(i, true);
  // Holding the knob lights it, but with the thermocouple circuit open the
  // valve drops as soon as the knob is let go.
  if (b.relay_engaged) relay_changed(i, true);
  return std::nullopt;
}

std::optional<std::string> SimStove::extinguish(std::size_t i) {
  if (!burners_[i]->lit) return burners_[i]->id + " is not lit";
  set_flame(i, false);
  return std::nullopt;
}

std::optional<std::string> SimStove::set_temperature(std::size_t i, double celsius) {
  auto& b = *burners_[i];
  if (!b.views.temperature) return b.id + " has no temperature source (burner.temperature)";
  b.temperature_c = celsius;
  if (!b.unplugged) b.views.temperature->deliver({celsius, {}});
  save();
  return std::nullopt;
}

void SimStove::motion() {
  if (!presence_->input) return;
  presence_->input->set(true);
  presence_->input->set(false);
}

std::optional<std::string> SimStove::fault(std::size_t i, const std::string& kind) {
  auto& b = *burners_[i];
  if (kind == "stuck-valve") {
    b.stuck_valve = true;
    b.valve_drop.cancel();
  } else if (kind == "sensor-unplugged") {
    b.unplugged = true;
    if (b.views.flame) b.views.flame->set_fault("sensor unplugged");
    if (b.views.temperature) b.views.temperature->deliver({std::nullopt, "sensor unplugged"});
  } else if (kind == "clear") {
    const bool was_stuck = b.stuck_valve;
    b.stuck_valve = false;
    if (b.unplugged) {
      b.unplugged = false;
      if (b.views.flame) {
        b.views.flame->set_fault(std::nullopt);
        b.views.flame->set(b.lit);
      }
      if (b.views.temperature) b.views.temperature->deliver({b.temperature_c, {}});
    }
    // A freed valve drops now if the circuit is open; a drop already under
    // way keeps its time.
    if (was_stuck && b.relay_engaged) relay_changed(i, true);
  } else {
    return "unknown fault '" + kind + "' (stuck-valve, sensor-unplugged, clear)";
  }
  return std::nullopt;
}

void SimStove::save() const {
  if (state_file_.empty()) return;
  nlohmann::json j = nlohmann::json::object();
  for (const auto& b : burners_) j[b->id] = {{"lit", b->lit}, {"temperature_c", b->temperature_c}};
  const std::string tmp = state_file_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump() << '\n';
    if (!out) return;  // the model is a demo aid: losing its file only relights nothing
  }
  std::rename(tmp.c_str(), state_file_.c_str());
}

void SimStove::load() {
  if (state_file_.empty()) return;
  std::ifstream in(state_file_);
  if (!in) return;
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_object()) return;
  for (auto& b : burners_) {
    if (!j.contains(b->id) || !j[b->id].is_object()) continue;
    const auto& s = j[b->id];
    b->lit = s.value("lit", false);
    b->temperature_c = s.value("temperature_c", 21.0);
  }
}

void SimInput::set(bool active) {
  if (active == active_) return;
  active_ = active;
  if (change_) change_(active);
}

void SimInput::set_fault(std::optional<std::string> fault) {
  if (fault_) fault_(std::move(fault));
}

void SimRelay::engage() {
  engaged_ = true;
  stove_.relay_changed(burner_, true);
}

void SimRelay::release() {
  engaged_ = false;
  stove_.relay_changed(burner_, false);
}

}  // namespace stove::drivers::sim
