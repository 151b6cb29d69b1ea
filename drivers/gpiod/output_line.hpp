#pragma once
// Relays, buzzers and LEDs on GPIO output lines.
//
// What the pin does when stoved stops: on a clean exit the destructor drives
// the line to "released" (logical 0) before giving the request back. If the
// process dies instead, the GPIO character device (v1 uAPI) frees the line
// when the kernel closes the request's file descriptor, and the pin's level
// from then on is the chip driver's business: Raspberry Pi kernels keep a
// freed pin an output at its last value (pinctrl-bcm2835 "GPIO_OUT remain
// when pin freed"), older or strict kernels turn it into an input, which a
// relay board's own pull resistor reads as "off". Either way a daemon that
// died while idle leaves the relay released, and with the default
// normally-closed series wiring released means de-energised, thermocouple
// circuit intact: an ordinary, still flame-failure-protected hob. A daemon
// that died while cutting may leave the relay engaged (the burner cannot be
// kept lit) until the restarted daemon requests the line again, which
// releases it in the very request.

#include "drivers/gpiod/requested_line.hpp"
#include "drivers/output.hpp"
#include "drivers/relay.hpp"

namespace stove::drivers::gpio {

// An output line that starts released and is released again before it is
// given back. set() throws std::system_error when the kernel refuses.
class OutputLine {
 public:
  OutputLine(const gpiod::chip& chip, const LineSpec& spec);
  ~OutputLine();
  OutputLine(OutputLine&&) noexcept = default;
  OutputLine& operator=(OutputLine&&) noexcept = delete;
  OutputLine(const OutputLine&) = delete;
  OutputLine& operator=(const OutputLine&) = delete;

  void set(bool active);
  bool active() const { return active_; }

 private:
  RequestedLine line_;
  bool active_ = false;
};

class GpiodRelay final : public Relay {
 public:
  explicit GpiodRelay(OutputLine line) : line_(std::move(line)) {}
  void engage() override { line_.set(true); }
  void release() override { line_.set(false); }
  bool engaged() const override { return line_.active(); }

 private:
  OutputLine line_;
};

class GpiodOutput final : public Output {
 public:
  explicit GpiodOutput(OutputLine line) : line_(std::move(line)) {}
  void set(bool on) override { line_.set(on); }
  bool on() const override { return line_.active(); }

 private:
  OutputLine line_;
};

}  // namespace stove::drivers::gpio
