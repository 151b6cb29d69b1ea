#include "drivers/gpiod/gpiod_input.hpp"

#include <system_error>

namespace stove::drivers::gpio {

GpiodInput::GpiodInput(boost::asio::io_context& io, const gpiod::chip& chip, const LineSpec& spec,
                       filters::FilterChain chain)
    : line_(chip, spec, gpiod::line_request::EVENT_BOTH_EDGES),
      filtered_(io, std::move(chain)),
      events_(io, line_.line().event_get_fd()) {
  filtered_.feed(line_.line().get_value() != 0);
  wait_for_events();
}

GpiodInput::~GpiodInput() {
  // libgpiod owns the descriptor and closes it when line_ is released; asio
  // must only forget it (this also cancels the pending wait).
  events_.release();
}

void GpiodInput::wait_for_events() {
  events_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                     [this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
                       if (ec == boost::asio::error::operation_aborted || alive.expired()) return;
                       if (ec) {
                         filtered_.fail(line_.description() + " cannot be watched: " + ec.message());
                         return;
                       }
                       read_events();
                     });
}

void GpiodInput::read_events() {
  try {
    // One read() of up to 16 queued events, so it cannot block; if more are
    // queued the next wait returns at once.
    for (const auto& event : line_.line().event_read_multiple()) {
      // With both edges requested the kernel names the edge after the
      // (active-level applied) value it read, so "rising" means active.
      filtered_.feed(event.event_type == gpiod::line_event::RISING_EDGE);
    }
    // The kernel drops events when its small queue overflows; the present
    // value puts the filter right whatever was lost.
    filtered_.feed(line_.line().get_value() != 0);
  } catch (const std::system_error& e) {
    filtered_.fail(line_.description() + " cannot be read: " + e.code().message());
    return;
  }
  wait_for_events();
}

}  // namespace stove::drivers::gpio
