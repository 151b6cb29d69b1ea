#include "drivers/temperature/make_source.hpp"

#include <filesystem>
#include <string_view>
#include <utility>

#include "drivers/temperature/formats.hpp"

namespace stove::drivers {
namespace {

std::filesystem::path spec_path(const std::string& spec, std::string_view prefix) {
  const std::filesystem::path path = spec.substr(prefix.size());
  if (path.empty()) throw SetupError("temperature source '" + spec + "': missing path after '" +
                                     std::string(prefix) + "'");
  // The daemon runs from "/" under systemd; a relative path would silently
  // mean something else there than in a shell.
  if (path.is_relative()) throw SetupError("temperature source '" + spec + "': path must be absolute");
  return path;
}

}  // namespace

std::unique_ptr<TemperatureSource> make_temperature_source(boost::asio::io_context& io,
                                                           const std::string& spec,
                                                           std::chrono::milliseconds interval) {
  return make_temperature_source(io, spec, temperature::default_poll_options(interval));
}

std::unique_ptr<TemperatureSource> make_temperature_source(
    boost::asio::io_context& io, const std::string& spec, temperature::PollOptions options) {
  using namespace temperature;
  ReadCelsius read;
  if (spec.starts_with("hwmon:")) {
    read = hwmon_reader(spec_path(spec, "hwmon:"));
  } else if (spec.starts_with("iio:")) {
    read = iio_reader(spec_path(spec, "iio:"));
  } else if (spec.starts_with("w1:")) {
    read = w1_reader(spec_path(spec, "w1:"));
    options.rules.reject_power_on_85 = true;
  } else {
    throw SetupError("temperature source '" + spec +
                     "': expected 'hwmon:PATH', 'iio:PATH' or 'w1:PATH'");
  }
  if (options.interval <= std::chrono::milliseconds::zero()) {
    throw SetupError("temperature source '" + spec + "': interval must be positive");
  }
  return std::make_unique<PolledSource>(io, spec, std::move(read), options);
}

}  // namespace stove::drivers
