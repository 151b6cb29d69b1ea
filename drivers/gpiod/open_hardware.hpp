#pragma once
// The real hardware behind hardware.backend = "gpiod": every configured GPIO
// line on hardware.chip, plus the burners' kernel temperature sources.

#include <boost/asio/io_context.hpp>

#include "config/config.hpp"
#include "drivers/hardware.hpp"

namespace stove::drivers {

// Checks every configured line (exists, not held by anyone) before claiming
// any, then claims the inputs and the temperature sources, and the outputs
// last, each starting released. Throws SetupError naming the chip or line.
Hardware open_gpiod_hardware(boost::asio::io_context& io, const stove::config::Config& cfg);

}  // namespace stove::drivers
