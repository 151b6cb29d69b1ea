#pragma once
// A filtered digital input on a GPIO line: edge events are read from the
// line request's file descriptor when the event loop says it is readable
// (no polling, no thread), and go through the input's filter chain.

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "drivers/gpiod/filtered_input.hpp"
#include "drivers/gpiod/requested_line.hpp"

namespace stove::drivers::gpio {

class GpiodInput final : public DigitalInput {
 public:
  // Requests both edges on the line (throws SetupError like RequestedLine)
  // and feeds the line's present value as the first raw value.
  GpiodInput(boost::asio::io_context& io, const gpiod::chip& chip, const LineSpec& spec, filters::FilterChain chain);
  ~GpiodInput() override;
  GpiodInput(const GpiodInput&) = delete;
  GpiodInput& operator=(const GpiodInput&) = delete;

  bool active() const override { return filtered_.active(); }
  void on_change(ChangeHandler handler) override { filtered_.on_change(std::move(handler)); }
  void on_fault(FaultHandler handler) override { filtered_.on_fault(std::move(handler)); }

 private:
  void wait_for_events();
  void read_events();

  RequestedLine line_;
  FilteredInput filtered_;
  boost::asio::posix::stream_descriptor events_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace stove::drivers::gpio
