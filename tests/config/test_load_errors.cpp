// One test per kind of mistake, with the exact text a user sees. Text added
// with with() starts on line 9 (see config_text.hpp).

#include <doctest/doctest.h>

#include "tests/config/config_text.hpp"

namespace stove::config::test {
namespace {

const std::string kSecondBurner = "[[burner]]\nid = \"b\"\n";  // lines 9 and 10

TEST_CASE("errors: the minimal file has none") { CHECK(problems(kMinimal).empty()); }

TEST_CASE("errors: unknown key") {
  CHECK(problems(with("[rules]\nfoo = 1\n")) == one("t.toml:10:1: unknown key 'foo' in [rules]"));
  CHECK(problems("x = 1\n" + std::string(kMinimal)) == one("t.toml:1:1: unknown key 'x' at the top level"));
}

TEST_CASE("errors: a typo gets a hint") {
  CHECK(problems(with("[rules]\nunatended_after = \"5m\"\n")) ==
        one("t.toml:10:1: unknown key 'unatended_after' in [rules]; did you mean 'unattended_after'?"));
  CHECK(problems(with("relay_wirng = \"shunt\"\n")) ==
        one("t.toml:9:1: unknown key 'relay_wirng' in [[burner]]; did you mean 'relay_wiring'?"));
}

TEST_CASE("errors: unknown table") {
  CHECK(problems(with("[rule]\nmax_on = \"1h\"\n")) == one("t.toml:9:2: unknown table [rule]; did you mean 'rules'?"));
  CHECK(problems(with("[logging]\n")) == one("t.toml:9:2: unknown table [logging]"));
  CHECK(problems(with("[rules.extra]\n")) == one("t.toml:9:8: unknown key 'extra' in [rules]"));
}

TEST_CASE("errors: wrong type") {
  CHECK(problems(with("[rules]\noverheat_c = \"hot\"\n")) ==
        one("t.toml:10:14: rules.overheat_c must be a number, got string"));
  CHECK(problems(with("[rules]\naway_lockout = \"yes\"\n")) ==
        one("t.toml:10:16: rules.away_lockout must be a boolean (true or false), got string"));
  CHECK(problems(with("[cutoff]\npulse = 5\n")) ==
        one("t.toml:10:9: cutoff.pulse must be a duration string such as \"90s\", \"20m\" or \"1h30m\", got integer"));
  CHECK(problems("rules = 5\n" + std::string(kMinimal)) == one("t.toml:1:9: rules must be a table [rules], got integer"));
}

TEST_CASE("errors: a float where an integer is needed") {
  CHECK(problems(with("[cutoff]\nretries = 2.0\n")) == one("t.toml:10:11: cutoff.retries must be an integer, got float"));
  CHECK(problems(with(kSecondBurner + "relay_line = 3.0\nflame_line = 4\n")) ==
        one("t.toml:11:14: burner[1].relay_line must be an integer, got float"));
}

TEST_CASE("errors: [burner] must be an array of tables") {
  CHECK(problems("[device]\nid = \"d\"\n[hardware]\nbackend = \"sim\"\n[burner]\nid = \"a\"\n") ==
        one("t.toml:5:1: burner must be an array of tables [[burner]], got table"));
}

TEST_CASE("errors: out of range") {
  CHECK(problems(with(kSecondBurner + "relay_line = 512\nflame_line = 4\n")) ==
        one("t.toml:11:14: burner[1].relay_line must be between 0 and 511, got 512"));
  CHECK(problems(with(kSecondBurner + "relay_line = -1\nflame_line = 4\n")) ==
        one("t.toml:11:14: burner[1].relay_line must be between 0 and 511, got -1"));
  CHECK(problems(with("flame_on_hold_ms = 10001\n")) ==
        one("t.toml:9:20: burner[0].flame_on_hold_ms must be between 0 and 10000, got 10001"));
  CHECK(problems(with("flame_off_hold_ms = 60001\n")) ==
        one("t.toml:9:21: burner[0].flame_off_hold_ms must be between 0 and 60000, got 60001"));
  CHECK(problems(with("[cutoff]\nretries = 11\n")) == one("t.toml:10:11: cutoff.retries must be between 0 and 10, got 11"));
  CHECK(problems(with("[rules]\noverheat_c = 20\n")) ==
        one("t.toml:10:14: rules.overheat_c must be between 40 and 1000, got 20"));
  CHECK(problems(with("[rules]\noverheat_c = 1000.5\n")) ==
        one("t.toml:10:14: rules.overheat_c must be between 40 and 1000, got 1000.5"));
  CHECK(problems(with("[rules]\noverheat_rise_c_per_min = -2\n")) ==
        one("t.toml:10:27: rules.overheat_rise_c_per_min must be greater than 0, got -2"));
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h:1883\"\nkeepalive = \"2s\"\n")) ==
        one("t.toml:11:13: mqtt.keepalive must be between 5s and 10m, got 2s"));
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h:1883\"\nkeepalive = \"11m\"\n")) ==
        one("t.toml:11:13: mqtt.keepalive must be between 5s and 10m, got 11m"));
}

TEST_CASE("errors: more than eight burners") {
  std::string text(kMinimal);
  for (int i = 1; i <= 8; ++i) {
    text += "[[burner]]\nid = \"b" + std::to_string(i) + "\"\nrelay_line = " + std::to_string(10 + 2 * i) +
            "\nflame_line = " + std::to_string(11 + 2 * i) + "\n";
  }
  // The ninth [[burner]] header is on line 8 + 7 * 4 + 1.
  CHECK(problems(text) == one("t.toml:37:1: at most 8 [[burner]] tables are supported"));
}

TEST_CASE("errors: choices") {
  CHECK(problems("[device]\nid = \"d\"\n[hardware]\nbackend = \"pi\"\n[[burner]]\nid = \"a\"\nrelay_line = 1\n"
                 "flame_line = 2\n") == one("t.toml:4:11: hardware.backend must be one of \"sim\", \"gpiod\", got \"pi\""));
  CHECK(problems(with("relay_wiring = \"parallel\"\n")) ==
        one("t.toml:9:16: burner[0].relay_wiring must be one of \"series\", \"shunt\", got \"parallel\""));
  CHECK(problems(with("[rules]\nsensor_fault = \"ignore\"\n")) ==
        one("t.toml:10:16: rules.sensor_fault must be one of \"warn\", \"cut\", got \"ignore\""));
}

TEST_CASE("errors: malformed duration") {
  CHECK(problems(with("[rules]\nmax_on = \"5x\"\n")) ==
        one("t.toml:10:10: rules.max_on: unknown unit 'x' in \"5x\" (use h, m, s)"));
  CHECK(problems(with("pulse = \"1.5s\"\n")) ==
        one("t.toml:9:9: burner[0].pulse: duration must be whole seconds, no fractions, got \"1.5s\""));
}

TEST_CASE("errors: zero duration") {
  CHECK(problems(with("[cutoff]\nverify_within = \"0s\"\n")) ==
        one("t.toml:10:17: cutoff.verify_within: duration must be positive, got \"0s\""));
}

TEST_CASE("errors: a warning must be shorter than the maximum on-time") {
  CHECK(problems(with("[rules]\nwarn_for = \"5m\"\nmax_on = \"5m\"\n")) ==
        one("t.toml:10:12: rules.warn_for (5m) must be shorter than rules.max_on (5m)"));
  CHECK(problems(with("[rules]\nmax_on = \"1m\"\n")) ==
        one("t.toml:10:10: rules.warn_for (2m) must be shorter than rules.max_on (1m)"));
}

TEST_CASE("errors: duplicate burner id - at the second id") {
  CHECK(problems(with(kSecondBurner + "relay_line = 3\nflame_line = 4\n[[burner]]\nid = \"a\"\nrelay_line = 5\n"
                                      "flame_line = 6\n")) ==
        one("t.toml:14:6: duplicate burner id 'a' (first defined at 6:6)"));
}

TEST_CASE("errors: identifiers") {
  CHECK(problems("[device]\nid = \"Kitchen Stove\"\n[hardware]\nbackend = \"sim\"\n[[burner]]\nid = \"a\"\n"
                 "relay_line = 1\nflame_line = 2\n") ==
        one("t.toml:2:6: device.id must contain only a-z, 0-9 and _, got \"Kitchen Stove\""));
  CHECK(problems(with(kSecondBurner.substr(0, 11) + "id = \"left-front\"\nrelay_line = 3\nflame_line = 4\n")) ==
        one("t.toml:10:6: burner[1].id must contain only a-z, 0-9 and _, got \"left-front\""));
  CHECK(problems("[device]\nid = \"" + std::string(65, 'x') +
                 "\"\n[hardware]\nbackend = \"sim\"\n[[burner]]\nid = \"a\"\nrelay_line = 1\nflame_line = 2\n") ==
        one("t.toml:2:6: device.id must be at most 64 characters, got 65"));
  CHECK(problems(with(kSecondBurner.substr(0, 11) + "id = \"\"\nrelay_line = 3\nflame_line = 4\n")) ==
        one("t.toml:10:6: burner[1].id must not be empty"));
}

TEST_CASE("errors: duplicate GPIO line") {
  CHECK(problems(with("[presence]\npir_line = 2\n")) ==
        one("t.toml:10:12: GPIO line 2 is already used as flame_line of burner 'a' at 8:14"));
  CHECK(problems(with(kSecondBurner + "relay_line = 1\nflame_line = 4\n")) ==
        one("t.toml:11:14: GPIO line 1 is already used as relay_line of burner 'a' at 7:14"));
  CHECK(problems(with("[alarm]\nalarm_line = 4\n[presence]\npir_line = 4\n")) ==
        one("t.toml:12:12: GPIO line 4 is already used as alarm.alarm_line at 10:14"));
}

TEST_CASE("errors: a relay line reused as an input") {
  CHECK(problems(with(kSecondBurner + "relay_line = 3\nflame_line = 1\n")) ==
        one("t.toml:12:14: relay_line 1 of burner 'a' is also used as flame_line of burner 'b'; a relay line "
            "cannot be an input"));
  CHECK(problems(with(kSecondBurner + "relay_line = 2\nflame_line = 4\n")) ==
        one("t.toml:11:14: relay_line 2 of burner 'b' is also used as flame_line of burner 'a'; a relay line "
            "cannot be an input"));
  CHECK(problems(with("[presence]\npir_line = 1\n")) ==
        one("t.toml:10:12: relay_line 1 of burner 'a' is also used as presence.pir_line; a relay line cannot be "
            "an input"));
}

TEST_CASE("errors: bad temperature source") {
  CHECK(problems(with("temperature = \"/sys/class/hwmon/hwmon0/temp1_input\"\n")) ==
        one("t.toml:9:15: burner[0].temperature must be \"hwmon:/absolute/path\", \"iio:/absolute/path\" or "
            "\"w1:/absolute/path\", got \"/sys/class/hwmon/hwmon0/temp1_input\""));
  CHECK(problems(with("temperature = \"w1:28-0000\"\n")).size() == 1);
  CHECK(problems(with("temperature = \"hwmon:\"\n")).size() == 1);
}

TEST_CASE("errors: missing required keys - at their table") {
  CHECK(problems("[device]\nname = \"x\"\n[hardware]\nbackend = \"sim\"\n[[burner]]\nid = \"a\"\nflame_line = 2\n") ==
        std::vector<std::string>{"t.toml:1:1: missing required key 'id' in [device]",
                                 "t.toml:5:1: missing required key 'relay_line' in [[burner]]"});
}

TEST_CASE("errors: missing required tables - at the start of the file") {
  CHECK(problems("") == std::vector<std::string>{"t.toml:1:1: missing required table [device]",
                                                "t.toml:1:1: missing required table [hardware]",
                                                "t.toml:1:1: at least one [[burner]] is required"});
}

TEST_CASE("errors: an active level without its line") {
  CHECK(problems(with("[presence]\npir_active_low = true\n")) ==
        one("t.toml:10:18: presence.pir_active_low is set but presence.pir_line is missing"));
}

TEST_CASE("errors: bad mqtt url") {
  const std::string why = " must be tcp://HOST:PORT or ssl://HOST:PORT (mqtt:// and mqtts:// work too) with PORT 1..65535";
  CHECK(problems(with("[mqtt]\nurl = \"http://h:1883\"\n")) == one("t.toml:10:7: mqtt.url" + why + ", got \"http://h:1883\""));
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h\"\n")) == one("t.toml:10:7: mqtt.url" + why + ", got \"tcp://h\""));
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h:0\"\n")) == one("t.toml:10:7: mqtt.url" + why + ", got \"tcp://h:0\""));
  CHECK(problems(with("[mqtt]\ndiscovery_prefix = \"ha\"\n")) == one("t.toml:9:1: missing required key 'url' in [mqtt]"));
}

TEST_CASE("errors: TLS files need an ssl url - and a certificate needs its key") {
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h:1883\"\nca_file = \"/etc/ca.pem\"\n")) ==
        one("t.toml:11:11: mqtt.ca_file needs an ssl:// (or mqtts://) mqtt.url"));
  CHECK(problems(with("[mqtt]\nurl = \"ssl://h:8883\"\ncert_file = \"/etc/c.pem\"\n")) ==
        one("t.toml:11:13: mqtt.cert_file needs mqtt.key_file"));
  CHECK(problems(with("[mqtt]\nurl = \"ssl://h:8883\"\nkey_file = \"/etc/k.pem\"\n")) ==
        one("t.toml:11:12: mqtt.key_file needs mqtt.cert_file"));
}

TEST_CASE("errors: password and password_file together") {
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h:1883\"\npassword = \"x\"\npassword_file = \"/p\"\n")) ==
        one("t.toml:12:17: mqtt.password and mqtt.password_file exclude each other"));
}

TEST_CASE("errors: topics") {
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h:1883\"\nbase_topic = \"home/#\"\n")) ==
        one("t.toml:11:14: mqtt.base_topic must not contain the MQTT wildcards '+' or '#', got \"home/#\""));
  CHECK(problems(with("[mqtt]\nurl = \"tcp://h:1883\"\n[alarm]\nsmoke_topic = \"\"\n")) ==
        one("t.toml:12:15: alarm.smoke_topic must not be empty"));
  CHECK(problems(with("[presence]\nmqtt_topic = \"home/+/occupancy\"\n")) ==
        one("t.toml:10:14: presence.mqtt_topic must not contain the MQTT wildcards '+' or '#', got "
            "\"home/+/occupancy\""));
}

TEST_CASE("errors: input topics need an [mqtt] table") {
  CHECK(problems(with("[alarm]\ngas_topic = \"home/gas\"\n")) == one("t.toml:10:13: alarm.gas_topic needs an [mqtt] table"));
}

TEST_CASE("errors: several problems at once - in file order") {
  // The GPIO clash is found last but is reported in its place in the file.
  CHECK(problems(with("[rules]\nmax_on = \"0s\"\nbogus = 1\n[presence]\npir_line = 2\n[mqtt]\nurl = \"x\"\n")) ==
        std::vector<std::string>{
            "t.toml:10:10: rules.max_on: duration must be positive, got \"0s\"",
            "t.toml:11:1: unknown key 'bogus' in [rules]",
            "t.toml:13:12: GPIO line 2 is already used as flame_line of burner 'a' at 8:14",
            "t.toml:15:7: mqtt.url" + std::string(" must be tcp://HOST:PORT or ssl://HOST:PORT (mqtt:// and mqtts:// "
                                                  "work too) with PORT 1..65535, got \"x\""),
        });
}

TEST_CASE("errors: a syntax error is one problem at the parser's position") {
  CHECK(problems(with("[rules]\nmax_on = \n")) ==
        one("t.toml:10:10: Error while parsing key-value pair: expected value, saw '\\n'"));
  CHECK(problems(with("[device]\n")).size() == 1);  // redefining a table is a TOML error
}

TEST_CASE("errors: strings over 1 MiB are refused") {
  CHECK(problems(with("#" + std::string(1024 * 1024, 'x'))) ==
        one("t.toml:1:1: the file is larger than 1 MiB, which no configuration needs"));
}

}  // namespace
}  // namespace stove::config::test
