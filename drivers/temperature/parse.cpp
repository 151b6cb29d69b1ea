#include "drivers/temperature/parse.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace stove::drivers::temperature {
namespace {

constexpr std::string_view whitespace = " \t\r\n";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(whitespace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(whitespace);
  return text.substr(first, last - first + 1);
}

template <class T>
Outcome<T> parse_number(std::string_view text, const char* what) {
  const auto trimmed = trim(text);
  if (trimmed.empty()) return Outcome<T>::fail("empty value");
  T value{};
  const auto* end = trimmed.data() + trimmed.size();
  const auto [ptr, ec] = std::from_chars(trimmed.data(), end, value);
  if (ec != std::errc{} || ptr != end) {
    return Outcome<T>::fail(std::string("not ") + what + ": '" + std::string(trimmed) + "'");
  }
  return Outcome<T>::ok(value);
}

}  // namespace

Outcome<std::int64_t> parse_integer(std::string_view text) {
  return parse_number<std::int64_t>(text, "an integer");
}

Outcome<double> parse_decimal(std::string_view text) {
  auto number = parse_number<double>(text, "a number");
  // from_chars accepts "nan" and "inf"; no kernel attribute means those.
  if (number.value && !std::isfinite(*number.value)) {
    return Outcome<double>::fail("not a finite number: '" + std::string(trim(text)) + "'");
  }
  return number;
}

Outcome<double> parse_millidegrees(std::string_view text) {
  const auto milli = parse_integer(text);
  if (!milli.value) return Outcome<double>::fail(milli.error);
  return Outcome<double>::ok(static_cast<double>(*milli.value) / 1000.0);
}

Outcome<double> parse_w1_slave(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return Outcome<double>::fail("w1_slave: missing second line");
  const auto crc_line = trim(text.substr(0, newline));
  const auto data_line = trim(text.substr(newline + 1));

  if (crc_line.find("crc=") == std::string_view::npos) {
    return Outcome<double>::fail("w1_slave: no crc verdict in '" + std::string(crc_line) + "'");
  }
  if (crc_line.ends_with("NO")) return Outcome<double>::fail("CRC error");
  if (!crc_line.ends_with("YES")) {
    return Outcome<double>::fail("w1_slave: unknown crc verdict in '" + std::string(crc_line) + "'");
  }

  const auto t = data_line.rfind("t=");
  if (t == std::string_view::npos) {
    return Outcome<double>::fail("w1_slave: no 't=' in '" + std::string(data_line) + "'");
  }
  auto celsius = parse_millidegrees(data_line.substr(t + 2));
  if (!celsius.value) celsius.error = "w1_slave: " + celsius.error;
  return celsius;
}

double iio_celsius(std::int64_t raw, double scale, double offset) {
  return (static_cast<double>(raw) + offset) * scale / 1000.0;
}

std::string format_celsius(double celsius) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), celsius,
                                    std::chars_format::fixed, 3);
  return std::string(buffer.data(), result.ptr);
}

}  // namespace stove::drivers::temperature
