#include "drivers/gpiod/chip.hpp"

#include <cerrno>
#include <optional>
#include <system_error>

#include "drivers/hardware.hpp"

namespace stove::drivers::gpio {
namespace {

// "gpiochip0 [pinctrl-bcm2711], gpiochip1 [raspberrypi-exp-gpio]"
std::string available_chips() {
  try {
    std::string list;
    for (const auto& chip : gpiod::make_chip_iter()) {
      if (!list.empty()) list += ", ";
      list += chip.name() + " [" + chip.label() + "]";
    }
    return list.empty() ? "none" : list;
  } catch (const std::system_error& e) {
    // libgpiod lists chips by opening each one; one we may not open spoils
    // the whole list, which must not hide the actual error from the user.
    return std::string("cannot list chips: ") + e.what();
  }
}

[[noreturn]] void not_found(const std::string& spec) {
  throw SetupError("GPIO chip '" + spec + "' not found (available: " + available_chips() + ")");
}

[[noreturn]] void cannot_open(const std::string& spec, const std::system_error& e) {
  throw SetupError("GPIO chip '" + spec + "' cannot be opened: " + e.code().message());
}

bool is_missing(const std::system_error& e) { return e.code().value() == ENOENT; }

std::optional<gpiod::chip> find_by_label(const std::string& label) {
  try {
    for (const auto& chip : gpiod::make_chip_iter()) {
      if (chip.label() == label) return chip;
    }
  } catch (const std::system_error&) {
    // Listing failed; not_found() says why.
  }
  return std::nullopt;
}

}  // namespace

gpiod::chip open_chip(const std::string& spec) {
  const bool is_path = spec.find('/') != std::string::npos;
  try {
    // By name first: that opens only /dev/<name>, so it works even when some
    // other chip on the system is not readable for us.
    return gpiod::chip(spec, is_path ? gpiod::chip::OPEN_BY_PATH : gpiod::chip::OPEN_BY_NAME);
  } catch (const std::system_error& e) {
    if (!is_missing(e)) cannot_open(spec, e);
  }
  if (!is_path) {
    if (auto chip = find_by_label(spec)) return std::move(*chip);
  }
  not_found(spec);
}

}  // namespace stove::drivers::gpio
