#include "drivers/gpiod/open_hardware.hpp"

#include <chrono>
#include <optional>
#include <vector>

#include "drivers/gpiod/chip.hpp"
#include "drivers/gpiod/gpiod_input.hpp"
#include "drivers/gpiod/output_line.hpp"
#include "drivers/temperature/make_source.hpp"

namespace stove::drivers {
namespace {

using namespace std::chrono_literals;
using gpio::LineSpec;

// Long enough to swallow contact bounce and a PIR's switching noise, short
// enough that a press or a movement is seen at once.
constexpr auto kButtonSettle = 50ms;
constexpr auto kPirSettle = 50ms;
// A detector's relay contact cuts every burner and latches a lockout, so a
// glitch on its wire must not count: it has to hold for half a second.
constexpr auto kAlarmSettle = 500ms;

LineSpec spec(const config::Line& line, std::string role) { return {line.offset, line.active_low, std::move(role)}; }

std::string burner_role(const char* what, const config::Burner& burner) {
  return std::string(what) + " of burner '" + burner.id + "'";
}

// The lines in the order they are claimed: inputs first, outputs last.
struct Plan {
  std::vector<LineSpec> flames;  // per burner
  std::optional<LineSpec> pir, cut_button, alarm;
  std::vector<LineSpec> relays;  // per burner
  std::optional<LineSpec> buzzer, status_led;

  std::vector<const LineSpec*> all() const {
    std::vector<const LineSpec*> lines;
    for (const auto& s : flames) lines.push_back(&s);
    for (const auto* s : {&pir, &cut_button, &alarm}) {
      if (*s) lines.push_back(&**s);
    }
    for (const auto& s : relays) lines.push_back(&s);
    for (const auto* s : {&buzzer, &status_led}) {
      if (*s) lines.push_back(&**s);
    }
    return lines;
  }
};

std::optional<LineSpec> optional_spec(const std::optional<config::Line>& line, const char* role) {
  if (!line) return std::nullopt;
  return spec(*line, role);
}

Plan plan(const config::Config& cfg) {
  Plan p;
  for (const auto& burner : cfg.burners) {
    p.flames.push_back(spec(burner.flame, burner_role("flame", burner)));
    p.relays.push_back(spec(burner.relay, burner_role("relay", burner)));
  }
  p.pir = optional_spec(cfg.presence.pir, "PIR presence sensor");
  p.cut_button = optional_spec(cfg.hardware.cut_button, "cut button");
  p.alarm = optional_spec(cfg.alarm.line, "alarm contact");
  p.buzzer = optional_spec(cfg.hardware.buzzer, "buzzer");
  p.status_led = optional_spec(cfg.hardware.status_led, "status LED");
  return p;
}

std::unique_ptr<DigitalInput> settled_input(boost::asio::io_context& io, const gpiod::chip& chip,
                                            const std::optional<LineSpec>& line, filters::Duration settle) {
  if (!line) return nullptr;
  return std::make_unique<gpio::GpiodInput>(io, chip, *line, filters::settle_filter(settle));
}

std::unique_ptr<Output> output(const gpiod::chip& chip, const std::optional<LineSpec>& line) {
  if (!line) return nullptr;
  return std::make_unique<gpio::GpiodOutput>(gpio::OutputLine(chip, *line));
}

}  // namespace

Hardware open_gpiod_hardware(boost::asio::io_context& io, const config::Config& cfg) {
  const gpiod::chip chip = gpio::open_chip(cfg.hardware.chip);
  const Plan lines = plan(cfg);
  // A refused start must touch nothing, so every line is checked first.
  for (const auto* line : lines.all()) gpio::check_line_free(chip, *line);

  Hardware hw;
  for (std::size_t i = 0; i < cfg.burners.size(); ++i) {
    const auto& burner = cfg.burners[i];
    BurnerHardware b;
    b.flame = std::make_unique<gpio::GpiodInput>(io, chip, lines.flames[i],
                                                 filters::flame_filter(burner.flame_on_hold, burner.flame_off_hold));
    if (burner.temperature) {
      b.temperature = make_temperature_source(io, *burner.temperature, cfg.hardware.temperature_interval);
    }
    hw.burners.push_back(std::move(b));
  }
  hw.presence = settled_input(io, chip, lines.pir, kPirSettle);
  hw.cut_button = settled_input(io, chip, lines.cut_button, kButtonSettle);
  hw.alarm = settled_input(io, chip, lines.alarm, kAlarmSettle);

  for (std::size_t i = 0; i < cfg.burners.size(); ++i) {
    hw.burners[i].relay = std::make_unique<gpio::GpiodRelay>(gpio::OutputLine(chip, lines.relays[i]));
  }
  hw.buzzer = output(chip, lines.buzzer);
  hw.status_led = output(chip, lines.status_led);
  return hw;
}

}  // namespace stove::drivers
