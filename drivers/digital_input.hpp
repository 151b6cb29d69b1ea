#pragma once

#include <functional>
#include <optional>
#include <string>

namespace stove::drivers {

// A logical (active-level already applied, debounced) digital input: a flame
// module, a PIR, a push-button, an alarm contact. Changes are reported on the
// daemon's event loop thread.
class DigitalInput {
 public:
  using ChangeHandler = std::function<void(bool active)>;
  // Called with a description when the input cannot be read any more, and
  // with std::nullopt when it works again.
  using FaultHandler = std::function<void(std::optional<std::string> fault)>;

  virtual ~DigitalInput() = default;
  virtual bool active() const = 0;
  virtual void on_change(ChangeHandler handler) = 0;
  virtual void on_fault(FaultHandler handler) = 0;
};

}  // namespace stove::drivers
