#pragma once
// The simulated devices handed to the daemon: thin views into SimStove.

#include "drivers/hardware.hpp"

namespace stove::drivers::sim {

class SimStove;

// A logical input whose value the model sets.
class SimInput final : public DigitalInput {
 public:
  bool active() const override { return active_; }
  void on_change(ChangeHandler h) override { change_ = std::move(h); }
  void on_fault(FaultHandler h) override { fault_ = std::move(h); }

  void set(bool active);
  void set_fault(std::optional<std::string> fault);

 private:
  bool active_ = false;
  ChangeHandler change_;
  FaultHandler fault_;
};

class SimRelay final : public Relay {
 public:
  SimRelay(SimStove& stove, std::size_t burner) : stove_(stove), burner_(burner) {}
  void engage() override;
  void release() override;
  bool engaged() const override { return engaged_; }

 private:
  SimStove& stove_;
  std::size_t burner_;
  bool engaged_ = false;
};

// A temperature source that reports the model's value on every read.
class SimTemperature final : public TemperatureSource {
 public:
  explicit SimTemperature(std::string spec) : spec_(std::move(spec)) {}
  void on_reading(Handler h) override { handler_ = std::move(h); }
  std::string describe() const override { return "sim (" + spec_ + ")"; }

  void deliver(const TemperatureReading& r) {
    if (handler_) handler_(r);
  }

 private:
  std::string spec_;
  Handler handler_;
};

// Relays, inputs and sources live in the daemon's Hardware (unique_ptr); the
// model keeps these non-owning views. Both die with the daemon, model last.
struct SimViews {
  SimInput* flame = nullptr;
  SimRelay* relay = nullptr;
  SimTemperature* temperature = nullptr;
};

}  // namespace stove::drivers::sim
