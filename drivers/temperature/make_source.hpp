#pragma once
// Builds a kernel temperature source from its config spec:
//   "hwmon:PATH"  PATH is a tempN_input file (millidegrees)
//   "iio:PATH"    PATH is an IIO device directory or a file inside it
//   "w1:PATH"     PATH is a w1_therm device directory or a file inside it
// A malformed spec (unknown or missing prefix, empty or relative path) throws
// SetupError. A path that does not exist yet is fine: the source reports a
// fault per read until it appears (hwmon numbers can change across boots).

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "drivers/hardware.hpp"
#include "drivers/temperature/polled_source.hpp"
#include "drivers/temperature_source.hpp"

namespace stove::drivers {

// Polls every interval with temperature::default_poll_options(interval).
std::unique_ptr<TemperatureSource> make_temperature_source(boost::asio::io_context& io,
                                                           const std::string& spec,
                                                           std::chrono::milliseconds interval);

// Same, with explicit options; w1 sources always reject the DS18B20 power-on
// value on their first reading.
std::unique_ptr<TemperatureSource> make_temperature_source(
    boost::asio::io_context& io, const std::string& spec, temperature::PollOptions options);

}  // namespace stove::drivers
