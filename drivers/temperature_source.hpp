#pragma once

#include <functional>
#include <optional>
#include <string>

namespace stove::drivers {

// A temperature source polled by the daemon on its event loop. Readings arrive
// through the handler on the loop thread; a read that fails, hangs or is
// implausible arrives as a fault (with a human description) instead.
struct TemperatureReading {
  std::optional<double> celsius;  // set when the reading is good
  std::string fault;              // set when it is not
};

class TemperatureSource {
 public:
  using Handler = std::function<void(const TemperatureReading&)>;
  virtual ~TemperatureSource() = default;
  virtual void on_reading(Handler handler) = 0;
  virtual std::string describe() const = 0;  // e.g. "hwmon:/sys/class/hwmon/hwmon2/temp1_input"
};

}  // namespace stove::drivers
