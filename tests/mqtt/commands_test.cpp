// Command payloads -> control-socket requests, and every kind of bad payload.

#include <doctest/doctest.h>

#include <string>

#include "daemon/mqtt/commands.hpp"
#include "tests/mqtt/example_config.hpp"

namespace stove::mqtt {
namespace {

using nlohmann::json;

json request_for(std::string_view key, std::string_view payload) {
  const auto result = parse_command(key, payload, test::example_config());
  const auto* request = std::get_if<json>(&result);
  REQUIRE_MESSAGE(request != nullptr, key, " ", payload, " was rejected: ", std::get<Rejected>(result).why);
  return *request;
}

bool rejected(std::string_view key, std::string_view payload) {
  return std::holds_alternative<Rejected>(parse_command(key, payload, test::example_config()));
}

TEST_CASE("each command entity makes the control-socket request") {
  CHECK(request_for("cut_now", "PRESS") == json{{"cmd", "off"}});
  CHECK(request_for("here", "PRESS") == json{{"cmd", "here"}});
  CHECK(request_for("timer", "20") == json{{"cmd", "off"}, {"after_s", 1200}});
  CHECK(request_for("timer", "20.0") == json{{"cmd", "off"}, {"after_s", 1200}});
  CHECK(request_for("timer", "1440") == json{{"cmd", "off"}, {"after_s", 86400}});
  CHECK(request_for("timer", "0") == json{{"cmd", "cancel"}});
  CHECK(request_for("away", "ON") == json{{"cmd", "away"}, {"on", true}});
  CHECK(request_for("away", "OFF") == json{{"cmd", "away"}, {"on", false}});
  CHECK(request_for("unattended_guard", "OFF") == json{{"cmd", "guard"}, {"on", false}});
  CHECK(request_for("lockout", "ON") == json{{"cmd", "lock"}});
  CHECK(request_for("lockout", "OFF") == json{{"cmd", "unlock"}});
  CHECK(request_for("left_cut", "PRESS") == json{{"cmd", "off"}, {"burner", "left"}});
  CHECK(request_for("right_valve", "CLOSE") == json{{"cmd", "off"}, {"burner", "right"}});
  CHECK(request_for("away", "ON\n") == json{{"cmd", "away"}, {"on", true}});
}

TEST_CASE("wrong words for an entity are rejected") {
  CHECK(rejected("cut_now", "ON"));
  CHECK(rejected("cut_now", "press"));
  CHECK(rejected("away", "on"));
  CHECK(rejected("away", "PRESS"));
  CHECK(rejected("lockout", "1"));
  CHECK(rejected("left_valve", "OPEN"));
  CHECK(rejected("left_valve", "STOP"));
  CHECK(rejected("left_cut", ""));
}

TEST_CASE("timer values out of range or not whole minutes are rejected") {
  for (const char* bad : {"-1", "1441", "20.5", "1e9", "nan", "inf", "twenty", "20 min", "", "0x10", "+-5"}) {
    CAPTURE(bad);
    CHECK(rejected("timer", bad));
  }
}

TEST_CASE("unknown keys - burners and read-only entities are rejected") {
  CHECK(rejected("middle_cut", "PRESS"));
  CHECK(rejected("middle_valve", "CLOSE"));
  CHECK(rejected("state", "idle"));
  CHECK(rejected("left_flame", "OFF"));
  CHECK(rejected("problem", "OFF"));
  CHECK(rejected("", "PRESS"));
}

TEST_CASE("huge and binary payloads are rejected unread") {
  CHECK(rejected("cut_now", std::string(kMaxCommandPayload + 1, ' ') + "PRESS"));
  CHECK(rejected("cut_now", std::string("PRE\0SS", 6)));
  CHECK(rejected("cut_now", "\xff\xfe" "PRESS"));
  CHECK(rejected("away", "\x1b[31mON"));
  const auto result = parse_command("cut_now", std::string(100000, 'A'), test::example_config());
  REQUIRE(std::holds_alternative<Rejected>(result));
  CHECK(std::get<Rejected>(result).why.find("100000 bytes") != std::string::npos);
}

TEST_CASE("input payloads are ON or OFF and nothing else") {
  CHECK(parse_on_off("ON") == true);
  CHECK(parse_on_off("OFF") == false);
  CHECK(parse_on_off(" OFF\n") == false);
  CHECK_FALSE(parse_on_off("on"));
  CHECK_FALSE(parse_on_off("true"));
  CHECK_FALSE(parse_on_off(std::string("ON\0", 3)));
}

}  // namespace
}  // namespace stove::mqtt
