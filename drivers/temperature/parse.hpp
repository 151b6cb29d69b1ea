#pragma once
// Pure parsers for the text the kernel's temperature drivers put in sysfs.
// No file access here, so every format quirk is tested from strings.

#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/temperature/outcome.hpp"

namespace stove::drivers::temperature {

// A sysfs integer attribute ("182500\n", "-1250"); surrounding whitespace is
// allowed, anything else is an error naming the text.
Outcome<std::int64_t> parse_integer(std::string_view text);

// A decimal attribute such as IIO's in_temp_scale ("0.250000\n").
Outcome<double> parse_decimal(std::string_view text);

// hwmon tempN_input, IIO in_temp_input, w1_therm temperature: millidegrees
// Celsius -> degrees Celsius.
Outcome<double> parse_millidegrees(std::string_view text);

// w1_therm's legacy w1_slave file, two lines:
//   "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES"
//   "72 01 4b 46 7f ff 0e 10 57 t=23125"
// -> 23.125 °C. A "NO" verdict is a "CRC error".
Outcome<double> parse_w1_slave(std::string_view text);

// The kernel IIO ABI: millidegrees = (raw + offset) * scale; returns °C.
double iio_celsius(std::int64_t raw, double scale, double offset);

// "182.500" — the fixed three decimals every fault message uses.
std::string format_celsius(double celsius);

}  // namespace stove::drivers::temperature
