#pragma once
// The set of devices the daemon drives, whatever the backend. The shell gets
// one of these from the sim stove or from drivers/gpiod/open_hardware.hpp and
// never learns which.

#include <memory>
#include <stdexcept>
#include <vector>

#include "drivers/digital_input.hpp"
#include "drivers/output.hpp"
#include "drivers/relay.hpp"
#include "drivers/temperature_source.hpp"

namespace stove::drivers {

// Opening hardware failed (missing chip, line out of range or busy, ...). The
// message names the line or path; the daemon prints it and exits 1.
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BurnerHardware {
  std::unique_ptr<Relay> relay;
  std::unique_ptr<DigitalInput> flame;
  std::unique_ptr<TemperatureSource> temperature;  // null when none configured
};

struct Hardware {
  std::vector<BurnerHardware> burners;  // same order as config.burners
  std::unique_ptr<DigitalInput> presence;    // PIR, optional
  std::unique_ptr<DigitalInput> cut_button;  // optional
  std::unique_ptr<DigitalInput> alarm;       // detector contact, optional
  std::unique_ptr<Output> buzzer;            // optional
  std::unique_ptr<Output> status_led;        // optional
};

}  // namespace stove::drivers
