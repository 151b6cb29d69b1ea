#pragma once
// Finding the GPIO chip named by hardware.chip.

#include <string>

#include <gpiod.hpp>

namespace stove::drivers::gpio {

// `spec` is a chip name ("gpiochip0"), a label ("pinctrl-bcm2711") or a
// device path ("/dev/gpiochip0"). Throws SetupError naming the available
// chips when there is no such chip.
gpiod::chip open_chip(const std::string& spec);

}  // namespace stove::drivers::gpio
