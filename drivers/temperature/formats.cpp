#include "drivers/temperature/formats.hpp"

#include <cstdint>
#include <string>
#include <utility>

#include "drivers/temperature/parse.hpp"
#include "drivers/temperature/sysfs_file.hpp"

namespace stove::drivers::temperature {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view iio_type_prefix = "in_temp";

Outcome<double> read_millidegrees(const fs::path& file) {
  const auto text = read_sysfs_file(file);
  if (!text.value) return Outcome<double>::fail(text.error);
  auto celsius = parse_millidegrees(*text.value);
  if (!celsius.value) celsius.error = file.string() + ": " + celsius.error;
  return celsius;
}

// An IIO attribute that may be per channel or shared by the channel type.
Outcome<double> read_iio_factor(const fs::path& dir, const std::string& channel,
                                const std::string& attribute, double fallback) {
  for (const auto& name : {channel + "_" + attribute, std::string(iio_type_prefix) + "_" + attribute}) {
    const auto file = dir / name;
    if (!sysfs_exists(file)) continue;
    const auto text = read_sysfs_file(file);
    if (!text.value) return Outcome<double>::fail(text.error);
    auto factor = parse_decimal(*text.value);
    if (!factor.value) factor.error = file.string() + ": " + factor.error;
    return factor;
  }
  return Outcome<double>::ok(fallback);
}

Outcome<double> read_iio_channel(const fs::path& dir, const std::string& channel) {
  const auto input = dir / (channel + "_input");
  if (sysfs_exists(input)) return read_millidegrees(input);

  const auto raw_file = dir / (channel + "_raw");
  const auto text = read_sysfs_file(raw_file);
  if (!text.value) return Outcome<double>::fail(text.error);
  const auto raw = parse_integer(*text.value);
  if (!raw.value) return Outcome<double>::fail(raw_file.string() + ": " + raw.error);
  const auto scale = read_iio_factor(dir, channel, "scale", 1.0);
  if (!scale.value) return Outcome<double>::fail(scale.error);
  const auto offset = read_iio_factor(dir, channel, "offset", 0.0);
  if (!offset.value) return Outcome<double>::fail(offset.error);
  return Outcome<double>::ok(iio_celsius(*raw.value, *scale.value, *offset.value));
}

// The channel a file name selects ("in_temp_object_raw" -> "in_temp_object").
std::string channel_of(const std::string& file_name) {
  for (const std::string_view suffix : {"_input", "_raw"}) {
    if (file_name.ends_with(suffix)) return file_name.substr(0, file_name.size() - suffix.size());
  }
  return {};
}

Outcome<double> read_iio_directory(const fs::path& dir) {
  if (!sysfs_exists(dir)) return Outcome<double>::fail("sensor disappeared (" + dir.string() + ")");
  for (const std::string channel : {"in_temp", "in_temp_object"}) {
    if (sysfs_exists(dir / (channel + "_input")) || sysfs_exists(dir / (channel + "_raw"))) {
      return read_iio_channel(dir, channel);
    }
  }
  return Outcome<double>::fail("no temperature channel in " + dir.string());
}

}  // namespace

ReadCelsius hwmon_reader(fs::path input_file) {
  return [file = std::move(input_file)] { return read_millidegrees(file); };
}

ReadCelsius iio_reader(const fs::path& device_or_file) {
  const auto name = device_or_file.filename().string();
  if (auto channel = channel_of(name); name.starts_with(iio_type_prefix) && !channel.empty()) {
    return [dir = device_or_file.parent_path(), channel = std::move(channel)] {
      return read_iio_channel(dir, channel);
    };
  }
  const auto dir = name.starts_with("in_") ? device_or_file.parent_path() : device_or_file;
  return [dir] { return read_iio_directory(dir); };
}

ReadCelsius w1_reader(const fs::path& device_or_file) {
  const auto name = device_or_file.filename();
  const auto dir = (name == "temperature" || name == "w1_slave") ? device_or_file.parent_path()
                                                                  : device_or_file;
  return [dir] {
    const auto temperature = dir / "temperature";
    if (sysfs_exists(temperature)) return read_millidegrees(temperature);
    const auto slave = dir / "w1_slave";
    const auto text = read_sysfs_file(slave);
    if (!text.value) return Outcome<double>::fail(text.error);
    return parse_w1_slave(*text.value);
  };
}

}  // namespace stove::drivers::temperature
