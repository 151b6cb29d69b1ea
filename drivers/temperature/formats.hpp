#pragma once
// One blocking read function per kernel driver family. Each resolves its
// files at every read, so a sensor missing at start (or renumbered hwmon)
// shows up as a fault per read until it appears, never as a setup error.
//
// IIO channel rule: a path naming a channel's value file ("in_temp_object_raw",
// "in_temp0_input") selects that channel. Any other path is the device
// directory (or, when its name starts with "in_", a file inside it), and then
// the channel is "in_temp" if it has in_temp_input or in_temp_raw, else
// "in_temp_object" (IR thermometers such as the MLX90614). For a channel C: C_input is millidegrees; otherwise
// C_raw with C_scale or the shared in_temp_scale (default 1) and C_offset or
// in_temp_offset (default 0).
//
// w1_therm: a device directory or a file inside it; "temperature" (newer
// kernels) is preferred, else "w1_slave" is parsed.

#include <filesystem>
#include <functional>

#include "drivers/temperature/outcome.hpp"

namespace stove::drivers::temperature {

using ReadCelsius = std::function<Outcome<double>()>;

ReadCelsius hwmon_reader(std::filesystem::path input_file);
ReadCelsius iio_reader(const std::filesystem::path& device_or_file);
ReadCelsius w1_reader(const std::filesystem::path& device_or_file);

}  // namespace stove::drivers::temperature
