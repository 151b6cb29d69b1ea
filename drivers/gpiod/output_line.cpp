#include "drivers/gpiod/output_line.hpp"

namespace stove::drivers::gpio {

OutputLine::OutputLine(const gpiod::chip& chip, const LineSpec& spec)
    : line_(chip, spec, gpiod::line_request::DIRECTION_OUTPUT, 0) {}

OutputLine::~OutputLine() {
  if (!line_) return;  // moved from
  try {
    line_.line().set_value(0);
  } catch (...) {
    // Nothing left to do here: the request is freed next either way.
  }
}

void OutputLine::set(bool active) {
  line_.line().set_value(active ? 1 : 0);
  active_ = active;
}

}  // namespace stove::drivers::gpio
