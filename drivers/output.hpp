#pragma once

namespace stove::drivers {

// A plain on/off output such as a buzzer or a status LED.
class Output {
 public:
  virtual ~Output() = default;
  virtual void set(bool on) = 0;
  virtual bool on() const = 0;
};

}  // namespace stove::drivers
