// Durations arrive from config files, stovectl's command line and (as timer
// minutes turned into seconds) MQTT. Whatever the text: an accepted duration
// is positive and its canonical spelling parses back to it; a refused one
// says why.

#include <chrono>
#include <cstdint>

#include "config/duration.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace std::chrono_literals;
using stove::config::format_duration;
using stove::config::parse_duration;
using stove::fuzz::fail;

// The documented limit (docs/configuration.md, Durations).
constexpr std::chrono::seconds kLongest = 720h;

void round_trips(std::chrono::seconds d, std::string_view from) {
  const std::string canonical = format_duration(d);
  const auto again = parse_duration(canonical);
  if (!again || *again != d) {
    fail("format_duration(" + std::to_string(d.count()) + "s) = \"" + canonical + "\" does not parse back (from \"" +
         std::string(from) + "\")");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = stove::fuzz::as_text(data, size);
  std::string error;
  const auto parsed = parse_duration(text, &error);
  if (parsed) {
    if (*parsed <= 0s || *parsed > kLongest) {
      fail("\"" + std::string(text) + "\" accepted as " + std::to_string(parsed->count()) + "s");
    }
    round_trips(*parsed, text);
  } else if (error.empty()) {
    fail("\"" + std::string(text) + "\" refused without a message");
  }

  // The other direction: the first bytes as a number of seconds in range.
  std::uint32_t raw = 0;
  for (std::size_t i = 0; i < size && i < 4; ++i) raw = raw << 8 | data[i];
  const auto seconds = std::chrono::seconds(1 + raw % kLongest.count());
  round_trips(seconds, text);
  return 0;
}
