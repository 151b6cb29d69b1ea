#pragma once
// The simulated stove (hardware.backend = "sim"): a model, not a stub. Each
// burner's gas valve is held open by its thermocouple; engaging the relay
// opens that circuit and the valve drops within a second, taking the flame
// with it. Re-lighting needs an explicit ignite, as on a real hob. Faults can
// be injected. The model's physical state (which burners burn, temperatures)
// is kept in a file so that a daemon restart does not blow out the flames.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "drivers/hardware.hpp"

namespace stove::drivers::sim {

class SimStove {
 public:
  // state_file: where the physical state is kept ("" = nowhere).
  SimStove(boost::asio::io_context& io, const config::Config& cfg, std::string state_file);
  ~SimStove();
  SimStove(const SimStove&) = delete;
  SimStove& operator=(const SimStove&) = delete;

  // The devices the daemon drives; they stay owned by the daemon but refer
  // back to this model, which must outlive them.
  Hardware hardware();

  // Commands of `stovectl sim ...`; each returns an error text or nullopt.
  std::optional<std::string> ignite(std::size_t burner);
  std::optional<std::string> extinguish(std::size_t burner);
  std::optional<std::string> set_temperature(std::size_t burner, double celsius);
  void motion();
  std::optional<std::string> fault(std::size_t burner, const std::string& kind);

  // Called by the sim relay (public for it; not part of the command surface).
  void relay_changed(std::size_t burner, bool engaged);

  struct Burner;
  struct Presence;

 private:
  void set_flame(std::size_t burner, bool lit);
  void poll_temperature(std::size_t burner);
  void save() const;
  void load();

  boost::asio::io_context& io_;
  std::string state_file_;
  std::vector<std::unique_ptr<Burner>> burners_;
  std::unique_ptr<Presence> presence_;
  std::chrono::milliseconds temperature_interval_;
};

// How long the flame-failure magnet takes to drop the valve once its
// thermocouple circuit is opened (real hobs: about a second).
inline constexpr std::chrono::milliseconds kValveDropTime{800};

}  // namespace stove::drivers::sim
