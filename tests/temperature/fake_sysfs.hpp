#pragma once
// Test helpers: a fresh fake sysfs tree per test (mkdtemp) and a recorder that
// runs an io_context, always bounded, until enough readings arrived.

#include <stdlib.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "drivers/temperature_source.hpp"

namespace stove::drivers::temperature::testing {

class FakeSysfs {
 public:
  FakeSysfs() {
    std::string pattern = (std::filesystem::temp_directory_path() / "stove-temp-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
  }
  ~FakeSysfs() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  FakeSysfs(const FakeSysfs&) = delete;
  FakeSysfs& operator=(const FakeSysfs&) = delete;

  std::filesystem::path path(const std::string& relative) const { return root_ / relative; }

  // Writes via a temporary and rename, as sysfs values change atomically.
  std::filesystem::path write(const std::string& relative, const std::string& text) const {
    const auto target = path(relative);
    std::filesystem::create_directories(target.parent_path());
    const auto temporary = target.string() + ".new";
    std::ofstream(temporary) << text;
    std::filesystem::rename(temporary, target);
    return target;
  }

  void remove(const std::string& relative) const { std::filesystem::remove(path(relative)); }

 private:
  std::filesystem::path root_;
};

class Recorder {
 public:
  void attach(TemperatureSource& source) {
    source.on_reading([this](const TemperatureReading& reading) { readings.push_back(reading); });
  }

  // Runs io until `done` holds or `bound` passed; returns whether it held.
  bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
                 std::chrono::milliseconds bound = std::chrono::seconds(10)) {
    const auto give_up = std::chrono::steady_clock::now() + bound;
    while (!done() && std::chrono::steady_clock::now() < give_up) {
      io.run_for(std::chrono::milliseconds(5));
      io.restart();
    }
    return done();
  }

  bool wait_for_count(boost::asio::io_context& io, std::size_t count,
                      std::chrono::milliseconds bound = std::chrono::seconds(10)) {
    return run_until(io, [&] { return readings.size() >= count; }, bound);
  }

  const TemperatureReading& last() const { return readings.back(); }

  std::vector<TemperatureReading> readings;
};

}  // namespace stove::drivers::temperature::testing
