// MQTT command payloads come from anything that can publish to the broker.
// The input is "KEY\nPAYLOAD": the topic's entity key, then the payload bytes.
// Whatever they are: the payload is refused with a reason, or becomes a
// request of the shape the request handler expects, for an entity that takes
// commands, that can only make the stove safer.

#include <cstdint>
#include <set>
#include <string>
#include <variant>

#include "daemon/mqtt/commands.hpp"
#include "daemon/mqtt/discovery.hpp"
#include "tests/fuzz/example_config.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using nlohmann::json;
using stove::fuzz::check;
using stove::fuzz::fail;
namespace mqtt = stove::mqtt;

std::string trimmed(std::string_view payload) {
  const auto first = payload.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(payload.substr(first, payload.find_last_not_of(" \t\r\n") - first + 1));
}

bool is_command_key(std::string_view key, const stove::config::Config& cfg) {
  for (const auto& e : mqtt::entities(cfg)) {
    if (e.key == key) return mqtt::has_command(e.kind);
  }
  return false;
}

void check_request(const json& req, std::string_view key, std::string_view payload,
                   const stove::config::Config& cfg) {
  const std::string what = req.dump(-1, ' ', false, json::error_handler_t::replace) + " from '" +
                           std::string(key) + "'";
  check(is_command_key(key, cfg), "a request from a key without commands");
  check(payload.size() <= mqtt::kMaxCommandPayload, "a request from an over-long payload");
  if (!req.is_object() || !req.contains("cmd") || !req["cmd"].is_string()) fail("request without a cmd: " + what);
  // Only what makes the stove safer; unlock is allowed here and refused later by the handler.
  static const std::set<std::string> kRemoteCommands = {"off", "cancel", "here", "away", "guard", "lock", "unlock"};
  if (!kRemoteCommands.contains(req["cmd"].get<std::string>())) fail("unexpected command: " + what);
  if (req.contains("burner")) {
    const auto& b = req["burner"];
    bool known = false;
    for (const auto& burner : cfg.burners) known = known || (b.is_string() && b == burner.id);
    if (!known) fail("request for an unknown burner: " + what);
  }
  if (req.contains("after_s")) {
    const auto& s = req["after_s"];
    if (!s.is_number_integer() || s.get<std::int64_t>() < 60 ||
        s.get<std::int64_t>() > mqtt::kMaxTimerMinutes * 60 || s.get<std::int64_t>() % 60 != 0) {
      fail("timer out of range: " + what);
    }
  }
  if (req.contains("on") && !req["on"].is_boolean()) fail("'on' is not a boolean: " + what);
  // The documented payloads and nothing else (interfaces.md §3).
  const std::string text = trimmed(payload);
  const bool number = !text.empty() && text.find_first_not_of("0123456789.eE+-") == std::string::npos;
  if (text != "PRESS" && text != "CLOSE" && text != "ON" && text != "OFF" && !number) {
    fail("payload '" + text + "' accepted: " + what);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& cfg = stove::fuzz::example_config();
  const auto input = stove::fuzz::as_text(data, size);
  const auto newline = input.find('\n');
  const auto key = input.substr(0, newline);
  const auto payload = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

  const auto result = mqtt::parse_command(key, payload, cfg);
  if (const auto* rejected = std::get_if<mqtt::Rejected>(&result)) {
    check(!rejected->why.empty(), "a payload rejected without a reason");
  } else {
    check_request(std::get<json>(result), key, payload, cfg);
  }

  if (const auto on = mqtt::parse_on_off(payload)) {
    check(trimmed(payload) == (*on ? "ON" : "OFF"), "parse_on_off accepted something other than ON or OFF");
  }
  return 0;
}
