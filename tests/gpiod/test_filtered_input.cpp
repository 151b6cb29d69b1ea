// FilteredInput on a real io_context with real timers: only the order and
// number of reported changes are checked, never how long anything took.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "drivers/gpiod/filtered_input.hpp"

namespace {

using namespace std::chrono_literals;
using stove::drivers::gpio::FilteredInput;
namespace filters = stove::drivers::filters;

struct Recorder {
  std::vector<bool> changes;
  std::vector<std::optional<std::string>> faults;
  void attach(FilteredInput& input) {
    input.on_change([this](bool active) { changes.push_back(active); });
    input.on_fault([this](std::optional<std::string> fault) { faults.push_back(std::move(fault)); });
  }
};

}  // namespace

TEST_CASE("a held value is reported once its hold has passed") {
  boost::asio::io_context io;
  FilteredInput input(io, filters::settle_filter(20ms));
  Recorder rec;
  rec.attach(input);

  input.feed(true);
  io.run();  // returns once the one timer has fired
  CHECK(rec.changes == std::vector<bool>{true});
  CHECK(input.active());
}

TEST_CASE("nothing is reported while the hold is still running") {
  boost::asio::io_context io;
  FilteredInput input(io, filters::settle_filter(10s));
  Recorder rec;
  rec.attach(input);

  input.feed(true);
  io.poll();
  CHECK(rec.changes.empty());
  CHECK_FALSE(input.active());
}

TEST_CASE("a glitch shorter than the hold is never reported") {
  boost::asio::io_context io;
  FilteredInput input(io, filters::settle_filter(10s));
  Recorder rec;
  rec.attach(input);

  input.feed(true);
  input.feed(false);
  io.run();  // returns at once: no deadline is left pending
  CHECK(rec.changes.empty());
  CHECK_FALSE(input.active());
}

TEST_CASE("a flame is reported lit - then out - through the one timer") {
  boost::asio::io_context io;
  FilteredInput input(io, filters::flame_filter(20ms, 40ms));
  Recorder rec;
  rec.attach(input);

  input.feed(true);
  input.feed(false);  // flicker: bridged by the off hold
  input.feed(true);
  io.run();
  CHECK(rec.changes == std::vector<bool>{true});

  input.feed(false);
  io.restart();  // run() returned when it ran out of work
  io.run();
  CHECK(rec.changes == std::vector<bool>{true, false});
  CHECK_FALSE(input.active());
}

TEST_CASE("a fault reaches the handler - also one set after the fault") {
  boost::asio::io_context io;
  FilteredInput input(io, filters::settle_filter(20ms));
  input.fail("GPIO line 27 (flame of burner 'left') on gpiochip0 cannot be read: No such device");

  Recorder rec;
  rec.attach(input);
  REQUIRE(rec.faults.size() == 1);
  CHECK(rec.faults[0] == std::optional<std::string>(
                             "GPIO line 27 (flame of burner 'left') on gpiochip0 cannot be read: No such device"));
}

TEST_CASE("a destroyed input reports nothing for its pending hold") {
  boost::asio::io_context io;
  Recorder rec;
  {
    FilteredInput input(io, filters::settle_filter(1ms));
    rec.attach(input);
    input.feed(true);
  }
  io.run();
  CHECK(rec.changes.empty());
}
