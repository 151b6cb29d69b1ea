#pragma once

namespace stove::drivers {

// One relay contact in a burner's thermocouple circuit. "Engaged" always means
// "cutting" (series contact open / shunt contact closed); active level and
// wiring are the adapter's business.
class Relay {
 public:
  virtual ~Relay() = default;
  virtual void engage() = 0;
  virtual void release() = 0;
  virtual bool engaged() const = 0;
};

}  // namespace stove::drivers
