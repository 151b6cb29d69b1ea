#pragma once
// One configured GPIO line: checking it before anything is requested, and
// owning its request afterwards.

#include <string>

#include <gpiod.hpp>

namespace stove::drivers::gpio {

inline constexpr const char* kConsumer = "stoved";

// A line as the configuration names it, with what it is for ("relay of
// burner 'left'"), so every message can say which wire is meant.
struct LineSpec {
  unsigned offset = 0;
  bool active_low = false;
  std::string role;
};

// "GPIO line 17 (relay of burner 'left') on gpiochip0"
std::string describe_line(const gpiod::chip& chip, const LineSpec& spec);

// Throws SetupError when the line does not exist on the chip or is already
// held by another consumer (a process or a kernel driver). Requests nothing,
// so every line can be checked before the first one is claimed.
void check_line_free(const gpiod::chip& chip, const LineSpec& spec);

// Move-only owner of one line request with consumer "stoved" and the line's
// active level applied by the kernel (values are logical: 1 = active).
class RequestedLine {
 public:
  // `request_type` is a gpiod::line_request type; an output starts at
  // `initial_value` in the same request, so it never glitches. Throws
  // SetupError naming the line when the kernel refuses.
  RequestedLine(const gpiod::chip& chip, const LineSpec& spec, int request_type, int initial_value = 0);
  ~RequestedLine();
  RequestedLine(RequestedLine&& other) noexcept;
  RequestedLine& operator=(RequestedLine&& other) noexcept;
  RequestedLine(const RequestedLine&) = delete;
  RequestedLine& operator=(const RequestedLine&) = delete;

  const gpiod::line& line() const { return line_; }
  const std::string& description() const { return description_; }
  explicit operator bool() const { return static_cast<bool>(line_); }

 private:
  void release() noexcept;

  gpiod::line line_;
  std::string description_;
};

}  // namespace stove::drivers::gpio
