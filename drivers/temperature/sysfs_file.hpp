#pragma once
// Blocking reads of small sysfs attribute files. Called only from a source's
// worker thread: a hung driver may keep read() (or, for a FIFO, open()) from
// returning for as long as it likes.

#include <filesystem>
#include <string>

#include "drivers/temperature/outcome.hpp"

namespace stove::drivers::temperature {

// The whole file. A missing file or device (ENOENT, ENODEV, ENXIO) is
// "sensor disappeared (PATH)"; any other failure names the path and errno.
Outcome<std::string> read_sysfs_file(const std::filesystem::path& path);

// True when something exists at path; errors count as "no".
bool sysfs_exists(const std::filesystem::path& path);

}  // namespace stove::drivers::temperature
