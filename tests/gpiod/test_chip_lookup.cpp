// Chip lookup failures are reported with the available chips, and a refused
// start opens no line. These run on any machine: the chip names used here
// exist nowhere.
#include <doctest/doctest.h>

#include <string>

#include <boost/asio/io_context.hpp>

#include "drivers/gpiod/chip.hpp"
#include "drivers/gpiod/open_hardware.hpp"

namespace {

std::string setup_error(auto&& action) {
  try {
    action();
  } catch (const stove::drivers::SetupError& e) {
    return e.what();
  }
  return "(no SetupError)";
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("an unknown chip name lists the chips there are") {
  const auto message = setup_error([] { stove::drivers::gpio::open_chip("stoveguard-no-such-chip"); });
  CHECK_MESSAGE(starts_with(message, "GPIO chip 'stoveguard-no-such-chip' not found (available: "), message);
  CHECK(message.back() == ')');
}

TEST_CASE("a missing device path is not found either") {
  const auto message = setup_error([] { stove::drivers::gpio::open_chip("/dev/stoveguard-no-such-chip"); });
  CHECK_MESSAGE(starts_with(message, "GPIO chip '/dev/stoveguard-no-such-chip' not found (available: "), message);
}

TEST_CASE("a path that is no GPIO chip says why it cannot be opened") {
  const auto message = setup_error([] { stove::drivers::gpio::open_chip("/dev/null"); });
  CHECK_MESSAGE(starts_with(message, "GPIO chip '/dev/null' cannot be opened: "), message);
}

TEST_CASE("open_gpiod_hardware refuses a config whose chip does not exist") {
  boost::asio::io_context io;
  stove::config::Config cfg;
  cfg.hardware.backend = stove::config::Backend::gpiod;
  cfg.hardware.chip = "stoveguard-no-such-chip";
  stove::config::Burner left;
  left.id = "left";
  left.relay = {17, true};
  left.flame = {27, true};
  cfg.burners.push_back(left);
  const auto message = setup_error([&] { stove::drivers::open_gpiod_hardware(io, cfg); });
  CHECK_MESSAGE(starts_with(message, "GPIO chip 'stoveguard-no-such-chip' not found"), message);
}
