#pragma once
// The part of a GPIO input that is not GPIO: raw values go through the
// filter chain, one steady_timer waits for the chain's next deadline, and
// changes of the filtered value reach the handler on the loop thread.

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "drivers/digital_input.hpp"
#include "drivers/filters/filter_chain.hpp"

namespace stove::drivers::gpio {

class FilteredInput final : public DigitalInput {
 public:
  // The input starts inactive; feed it the line's initial value, which then
  // passes the same holds as any edge (a lit burner found at start reads lit
  // after flame_on_hold, and is reported to the handler then).
  FilteredInput(boost::asio::io_context& io, filters::FilterChain chain);
  FilteredInput(const FilteredInput&) = delete;
  FilteredInput& operator=(const FilteredInput&) = delete;

  // A raw (active level applied) value seen now.
  void feed(bool raw);
  // The line cannot be read any more.
  void fail(std::string description);

  bool active() const override { return chain_.value(); }
  void on_change(ChangeHandler handler) override { on_change_ = std::move(handler); }
  // A fault that happened before a handler was set is delivered at once.
  void on_fault(FaultHandler handler) override;

 private:
  void on_timer();
  void settle_due(filters::TimePoint now);
  void arm_timer();
  void report(std::optional<bool> change);

  filters::FilterChain chain_;
  boost::asio::steady_timer timer_;
  ChangeHandler on_change_;
  FaultHandler on_fault_;
  std::optional<std::string> fault_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace stove::drivers::gpio
