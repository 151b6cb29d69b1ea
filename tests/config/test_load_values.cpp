// What a valid file turns into: defaults, derived values, warnings.

#include <doctest/doctest.h>

#include "tests/config/config_text.hpp"

namespace stove::config::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Config load_valid(std::string_view toml) {
  LoadResult result = load_string(toml, "t.toml");
  for (const auto& problem : result.problems) FAIL_CHECK(problem.to_string());
  REQUIRE(result.ok());
  return result.config;
}

TEST_CASE("values: defaults of the minimal file") {
  const Config c = load_valid(kMinimal);
  CHECK(c.device.name == "d");
  CHECK(c.hardware.chip == "gpiochip0");
  REQUIRE(c.burners.size() == 1);
  CHECK(c.burners[0].name == "a");
  CHECK(c.burners[0].relay_wiring == RelayWiring::series);
  CHECK(c.burners[0].pulse == kSeriesPulseDefault);
  CHECK(c.rules.overheat_c == doctest::Approx(300.0));
  CHECK_FALSE(c.rules.overheat_rise_c_per_min.has_value());
  CHECK(c.rules.unattended_guard);
  CHECK(c.rules.sensor_fault == SensorFaultPolicy::cut);
  CHECK_FALSE(c.mqtt.has_value());
  CHECK(c.control.socket == "/run/stoved/control.sock");
  CHECK(c.state.dir == "/var/lib/stoved");
}

TEST_CASE("values: the pulse comes from the burner - else [cutoff] - else the wiring") {
  CHECK(load_valid(with("relay_wiring = \"shunt\"\n")).burners[0].pulse == kShuntPulseDefault);
  CHECK(load_valid(with("relay_wiring = \"shunt\"\n[cutoff]\npulse = \"7s\"\n")).burners[0].pulse == seconds{7});
  CHECK(load_valid(with("pulse = \"1s\"\n[cutoff]\npulse = \"7s\"\n")).burners[0].pulse == seconds{1});
}

TEST_CASE("values: every optional key") {
  const Config c = load_valid(
      "[device]\nid = \"k\"\nname = \"K\"\n"
      "[hardware]\nbackend = \"gpiod\"\nchip = \"/dev/gpiochip4\"\ntemperature_interval = \"5s\"\n"
      "buzzer_line = 5\nbuzzer_active_low = true\nstatus_led_line = 6\ncut_button_line = 7\n"
      "cut_button_active_low = true\n"
      "[[burner]]\nid = \"a\"\nname = \"A\"\nrelay_line = 1\nrelay_active_low = true\nflame_line = 2\n"
      "flame_on_hold_ms = 0\nflame_off_hold_ms = 60000\ntemperature = \"iio:/sys/bus/iio/devices/iio:device0\"\n"
      "[presence]\npir_line = 8\npir_active_low = true\nmqtt_topic = \"home/kitchen/occupancy\"\n"
      "[alarm]\nsmoke_topic = \"home/smoke\"\ngas_topic = \"home/gas\"\nalarm_line = 9\n"
      "[cutoff]\nverify_within = \"1s\"\nretries = 0\nmax_hold = \"12h\"\n"
      "[rules]\nunattended_after = \"10m\"\nwarn_for = \"1m\"\naway_grace = \"45s\"\nmax_on = \"1h30m\"\n"
      "overheat_c = 250.5\noverheat_rise_c_per_min = 20\naway_lockout = true\nunattended_guard = false\n"
      "sensor_fault = \"warn\"\n"
      "[mqtt]\nurl = \"tcp://h:1883\"\n"
      "[control]\nsocket = \"/tmp/s.sock\"\n[state]\ndir = \"/tmp/state\"\n");
  CHECK(c.device.name == "K");
  CHECK(c.hardware.backend == Backend::gpiod);
  CHECK(c.hardware.chip == "/dev/gpiochip4");
  CHECK(c.hardware.temperature_interval == seconds{5});
  REQUIRE(c.hardware.buzzer.has_value());
  CHECK(c.hardware.buzzer->offset == 5);
  CHECK(c.hardware.buzzer->active_low);
  REQUIRE(c.hardware.status_led.has_value());
  CHECK_FALSE(c.hardware.status_led->active_low);
  REQUIRE(c.hardware.cut_button.has_value());
  CHECK(c.hardware.cut_button->offset == 7);

  const Burner& a = c.burners.at(0);
  CHECK(a.relay.active_low);
  CHECK(a.flame_on_hold == milliseconds{0});
  CHECK(a.flame_off_hold == milliseconds{60000});
  CHECK(a.temperature == "iio:/sys/bus/iio/devices/iio:device0");

  CHECK(c.presence.pir->active_low);
  CHECK(c.presence.mqtt_topic == "home/kitchen/occupancy");
  CHECK(c.alarm.smoke_topic == "home/smoke");
  CHECK(c.alarm.gas_topic == "home/gas");
  CHECK(c.alarm.line->offset == 9);
  CHECK(c.cutoff.verify_within == seconds{1});
  CHECK(c.cutoff.retries == 0);
  CHECK(c.cutoff.max_hold == seconds{12 * 3600});
  CHECK(c.rules.unattended_after == seconds{600});
  CHECK(c.rules.warn_for == seconds{60});
  CHECK(c.rules.away_grace == seconds{45});
  CHECK(c.rules.max_on == seconds{5400});
  CHECK(c.rules.overheat_c == doctest::Approx(250.5));
  CHECK(c.rules.overheat_rise_c_per_min == doctest::Approx(20.0));
  CHECK(c.rules.away_lockout);
  CHECK_FALSE(c.rules.unattended_guard);
  CHECK(c.rules.sensor_fault == SensorFaultPolicy::warn);
  CHECK(c.control.socket == "/tmp/s.sock");
  CHECK(c.state.dir == "/tmp/state");
}

TEST_CASE("values: [mqtt] defaults derive from the device id - urls are normalised") {
  const Config c = load_valid(with("[mqtt]\nurl = \"mqtt://broker.local:1883\"\n"));
  REQUIRE(c.mqtt.has_value());
  CHECK(c.mqtt->url == "tcp://broker.local:1883");
  CHECK(c.mqtt->base_topic == "stoveguard/d");
  CHECK(c.mqtt->client_id == "stoved-d");
  CHECK(c.mqtt->discovery_prefix == "homeassistant");
}

TEST_CASE("values: every [mqtt] key") {
  const Config c = load_valid(with(
      "[mqtt]\nurl = \"mqtts://[::1]:8883\"\ndiscovery_prefix = \"ha\"\nbase_topic = \"home/stove\"\n"
      "client_id = \"stove1\"\nusername = \"u\"\npassword_file = \"/etc/stoved/pw\"\nca_file = \"/ca.pem\"\n"
      "cert_file = \"/c.pem\"\nkey_file = \"/k.pem\"\naway_topic = \"home/away\"\nallow_remote_unlock = true\n"
      "keepalive = \"1m\"\n"));
  REQUIRE(c.mqtt.has_value());
  const Mqtt& m = *c.mqtt;
  CHECK(m.url == "ssl://[::1]:8883");
  CHECK(m.discovery_prefix == "ha");
  CHECK(m.base_topic == "home/stove");
  CHECK(m.client_id == "stove1");
  CHECK(m.username == "u");
  CHECK_FALSE(m.password.has_value());
  CHECK(m.password_file == "/etc/stoved/pw");
  CHECK(m.ca_file == "/ca.pem");
  CHECK(m.cert_file == "/c.pem");
  CHECK(m.key_file == "/k.pem");
  CHECK(m.away_topic == "home/away");
  CHECK(m.allow_remote_unlock);
  CHECK(m.keepalive == seconds{60});
}

TEST_CASE("values: a password in the file is accepted with a located warning") {
  const LoadResult result = load_string(with("[mqtt]\nurl = \"tcp://h:1883\"\npassword = \"secret\"\n"), "t.toml");
  CHECK(result.ok());
  CHECK(result.config.mqtt->password == "secret");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] ==
        "t.toml:11:12: mqtt.password keeps the broker password in the configuration file; prefer "
        "mqtt.password_file or a systemd credential (LoadCredential=)");
}

TEST_CASE("values: a TOML integer is a fine overheat temperature") {
  CHECK(load_valid(with("[rules]\noverheat_c = 40\n")).rules.overheat_c == doctest::Approx(40.0));
}

TEST_CASE("values: inline tables and dotted keys are ordinary TOML") {
  const Config c = load_valid(
      "device = { id = \"d\" }\nhardware.backend = \"sim\"\nrules.max_on = \"1h\"\n"
      "burner = [{ id = \"a\", relay_line = 1, flame_line = 2 }, { id = \"b\", relay_line = 3, flame_line = 4 }]\n");
  CHECK(c.device.id == "d");
  CHECK(c.rules.max_on == seconds{3600});
  REQUIRE(c.burners.size() == 2);
  CHECK(c.burners[1].relay.offset == 3);
  CHECK(problems("device = { id = \"d\", colour = 1 }\nhardware.backend = \"sim\"\nburner = [{ id = \"a\", "
                 "relay_line = 1, flame_line = 1 }]\n") ==
        std::vector<std::string>{"t.toml:1:22: unknown key 'colour' in [device]",
                                 "t.toml:3:52: relay_line 1 of burner 'a' is also used as flame_line of burner "
                                 "'a'; a relay line cannot be an input"});
}

}  // namespace
}  // namespace stove::config::test
