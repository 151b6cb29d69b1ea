#include "drivers/gpiod/requested_line.hpp"

#include <cerrno>
#include <system_error>
#include <utility>

#include "drivers/hardware.hpp"

namespace stove::drivers::gpio {
namespace {

std::string held_by(const gpiod::line& line) {
  const std::string consumer = line.consumer();
  return consumer.empty() ? "held by an unnamed consumer, possibly a kernel driver" : "held by '" + consumer + "'";
}

[[noreturn]] void busy(const gpiod::chip& chip, const LineSpec& spec, const gpiod::line& line) {
  throw SetupError(describe_line(chip, spec) + " is busy (" + held_by(line) + ")");
}

}  // namespace

std::string describe_line(const gpiod::chip& chip, const LineSpec& spec) {
  return "GPIO line " + std::to_string(spec.offset) + " (" + spec.role + ") on " + chip.name();
}

void check_line_free(const gpiod::chip& chip, const LineSpec& spec) {
  if (spec.offset >= chip.num_lines()) {
    throw SetupError("GPIO line " + std::to_string(spec.offset) + " (" + spec.role + ") is out of range: " +
                     chip.name() + " has " + std::to_string(chip.num_lines()) + " lines");
  }
  const gpiod::line line = chip.get_line(spec.offset);
  line.update();
  if (line.is_used()) busy(chip, spec, line);
}

RequestedLine::RequestedLine(const gpiod::chip& chip, const LineSpec& spec, int request_type, int initial_value)
    : description_(describe_line(chip, spec)) {
  check_line_free(chip, spec);
  const gpiod::line line = chip.get_line(spec.offset);
  const gpiod::line_request request{kConsumer, request_type,
                                    spec.active_low ? gpiod::line_request::FLAG_ACTIVE_LOW : std::bitset<32>{}};
  try {
    line.request(request, initial_value);
  } catch (const std::system_error& e) {
    // Someone may have claimed the line since it was checked.
    if (e.code().value() == EBUSY) {
      line.update();
      busy(chip, spec, line);
    }
    throw SetupError(description_ + " cannot be requested: " + e.code().message());
  }
  line_ = line;
}

RequestedLine::~RequestedLine() { release(); }

RequestedLine::RequestedLine(RequestedLine&& other) noexcept
    : line_(std::exchange(other.line_, gpiod::line{})), description_(std::move(other.description_)) {}

RequestedLine& RequestedLine::operator=(RequestedLine&& other) noexcept {
  if (this != &other) {
    release();
    line_ = std::exchange(other.line_, gpiod::line{});
    description_ = std::move(other.description_);
  }
  return *this;
}

void RequestedLine::release() noexcept {
  if (!line_) return;
  try {
    line_.release();
  } catch (...) {
    // Closing the request cannot meaningfully fail; the kernel frees the line
    // with the file descriptor in any case.
  }
  line_ = gpiod::line{};
}

}  // namespace stove::drivers::gpio
