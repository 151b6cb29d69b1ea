#include <doctest/doctest.h>

#include "drivers/temperature/parse.hpp"

using namespace stove::drivers::temperature;

TEST_CASE("millidegrees: hwmon values with and without newline - negative") {
  CHECK(*parse_millidegrees("182500\n").value == doctest::Approx(182.5));
  CHECK(*parse_millidegrees("23125").value == doctest::Approx(23.125));
  CHECK(*parse_millidegrees("-1250\n").value == doctest::Approx(-1.25));
  CHECK(*parse_millidegrees("0\n").value == doctest::Approx(0.0));
}

TEST_CASE("millidegrees: garbage and empty text are errors naming the problem") {
  const auto garbage = parse_millidegrees("abc\n");
  CHECK_FALSE(garbage.value);
  CHECK(garbage.error == "not an integer: 'abc'");
  CHECK_FALSE(parse_millidegrees("18.5").value);  // hwmon never writes decimals
  CHECK_FALSE(parse_millidegrees("182500 junk").value);
  const auto empty = parse_millidegrees("");
  CHECK_FALSE(empty.value);
  CHECK(empty.error == "empty value");
  CHECK(parse_millidegrees(" \n").error == "empty value");
}

TEST_CASE("decimal: IIO scales - non-finite refused") {
  CHECK(*parse_decimal("0.250000\n").value == doctest::Approx(0.25));
  CHECK(*parse_decimal("-13657.500000").value == doctest::Approx(-13657.5));
  CHECK_FALSE(parse_decimal("nan").value);
  CHECK_FALSE(parse_decimal("inf\n").value);
  CHECK_FALSE(parse_decimal("1,5").value);
}

TEST_CASE("w1_slave: good CRC gives the t= value") {
  const auto reading = parse_w1_slave(
      "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n"
      "72 01 4b 46 7f ff 0e 10 57 t=23125\n");
  REQUIRE(reading.value);
  CHECK(*reading.value == doctest::Approx(23.125));
  const auto freezing = parse_w1_slave(
      "5e ff 4b 46 7f ff 02 10 c4 : crc=c4 YES\n"
      "5e ff 4b 46 7f ff 02 10 c4 t=-10125\n");
  CHECK(*freezing.value == doctest::Approx(-10.125));
}

TEST_CASE("w1_slave: a NO verdict is a CRC error - even with a t= value") {
  const auto reading = parse_w1_slave(
      "72 01 4b 46 7f ff 0e 10 57 : crc=ff NO\n"
      "72 01 4b 46 7f ff 0e 10 57 t=23125\n");
  CHECK_FALSE(reading.value);
  CHECK(reading.error == "CRC error");
}

TEST_CASE("w1_slave: truncated or malformed text is an error") {
  CHECK_FALSE(parse_w1_slave("").value);
  CHECK_FALSE(parse_w1_slave("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES").value);
  CHECK_FALSE(parse_w1_slave("72 01 : crc=57 YES\n72 01 no temperature\n").value);
  CHECK_FALSE(parse_w1_slave("72 01 : crc=57 YES\n72 01 t=\n").value);
  CHECK_FALSE(parse_w1_slave("72 01 4b 46\n72 01 t=23125\n").value);
}

TEST_CASE("iio: milli °C = (raw + offset) * scale") {
  // MAX31855 via maxim_thermocouple: 0.25 °C per bit -> scale 250.
  // 730 * 250 = 182500 m°C.
  CHECK(iio_celsius(730, 250.0, 0.0) == doctest::Approx(182.5));
  // MLX90614 object channel: scale 20, offset -13657.5.
  // (22695 - 13657.5) * 20 = 9037.5 * 20 = 180750 m°C.
  CHECK(iio_celsius(22695, 20.0, -13657.5) == doctest::Approx(180.75));
  // Negative raw with fractional scale: (-80 + 0) * 62.5 = -5000 m°C.
  CHECK(iio_celsius(-80, 62.5, 0.0) == doctest::Approx(-5.0));
}

TEST_CASE("fault messages print three decimals") {
  CHECK(format_celsius(85.0) == "85.000");
  CHECK(format_celsius(-1.25) == "-1.250");
}
