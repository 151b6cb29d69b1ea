#include "drivers/gpiod/filtered_input.hpp"

namespace stove::drivers::gpio {

FilteredInput::FilteredInput(boost::asio::io_context& io, filters::FilterChain chain)
    : chain_(std::move(chain)), timer_(io) {}

void FilteredInput::feed(bool raw) {
  const auto now = filters::Clock::now();
  // A deadline may have passed while this value waited in the queue; what
  // fell due then happened first.
  settle_due(now);
  report(chain_.new_value(raw, now));
  arm_timer();
}

void FilteredInput::fail(std::string description) {
  fault_ = std::move(description);
  timer_.cancel();
  if (on_fault_) on_fault_(fault_);
}

void FilteredInput::on_fault(FaultHandler handler) {
  on_fault_ = std::move(handler);
  if (fault_ && on_fault_) on_fault_(fault_);
}

void FilteredInput::settle_due(filters::TimePoint now) { report(chain_.on_deadline(now)); }

void FilteredInput::arm_timer() {
  const auto due = chain_.next_deadline();
  if (!due) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(*due);
  // A handler that already completed still runs after this object is
  // destroyed; the weak token tells it not to touch the object then.
  timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec == boost::asio::error::operation_aborted || alive.expired()) return;
    on_timer();
  });
}

void FilteredInput::on_timer() {
  settle_due(filters::Clock::now());
  arm_timer();
}

void FilteredInput::report(std::optional<bool> change) {
  if (change && on_change_) on_change_(*change);
}

}  // namespace stove::drivers::gpio
