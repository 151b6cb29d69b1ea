// The checked-in configuration files, read from disk through load_file.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "config/describe.hpp"
#include "config/load.hpp"

namespace stove::config {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const std::string kConfigDir = STOVE_CONFIG_DIR;

LoadResult load_ok(const std::string& path) {
  LoadResult result = load_file(path);
  for (const auto& problem : result.problems) FAIL_CHECK(problem.to_string());
  REQUIRE(result.ok());
  return result;
}

TEST_CASE("example: the interfaces.md example loads and maps to the right values") {
  const LoadResult result = load_ok(kConfigDir + "/stoved.example.toml");
  const Config& c = result.config;
  CHECK(result.warnings.empty());

  CHECK(c.device.id == "kitchen_stove");
  CHECK(c.device.name == "Kitchen stove");
  CHECK(c.hardware.backend == Backend::sim);
  CHECK(c.hardware.chip == "gpiochip0");
  CHECK(c.hardware.temperature_interval == seconds{2});
  CHECK_FALSE(c.hardware.buzzer.has_value());

  REQUIRE(c.burners.size() == 2);
  const Burner& left = c.burners[0];
  CHECK(left.id == "left");
  CHECK(left.name == "Left burner");
  CHECK(left.relay.offset == 17);
  CHECK_FALSE(left.relay.active_low);
  CHECK(left.relay_wiring == RelayWiring::series);
  CHECK(left.flame.offset == 27);
  CHECK(left.flame.active_low);
  CHECK(left.flame_on_hold == milliseconds{500});
  CHECK(left.flame_off_hold == milliseconds{3000});
  CHECK(left.temperature == "hwmon:/sys/class/hwmon/hwmon2/temp1_input");
  CHECK(left.pulse == seconds{5});
  const Burner& right = c.burners[1];
  CHECK(right.id == "right");
  CHECK(right.relay.offset == 22);
  CHECK(right.flame.offset == 23);
  CHECK_FALSE(right.temperature.has_value());

  REQUIRE(c.presence.pir.has_value());
  CHECK(c.presence.pir->offset == 24);
  CHECK_FALSE(c.presence.mqtt_topic.has_value());

  CHECK(c.cutoff.pulse == seconds{5});
  CHECK(c.cutoff.verify_within == seconds{10});
  CHECK(c.cutoff.retries == 2);
  CHECK_FALSE(c.cutoff.max_hold.has_value());

  CHECK(c.rules.unattended_after == seconds{30 * 60});
  CHECK(c.rules.warn_for == seconds{2 * 60});
  CHECK(c.rules.away_grace == seconds{60});
  CHECK(c.rules.max_on == seconds{4 * 3600});
  CHECK(c.rules.overheat_c == doctest::Approx(300.0));

  REQUIRE(c.mqtt.has_value());
  CHECK(c.mqtt->url == "tcp://127.0.0.1:1883");
  CHECK(c.mqtt->discovery_prefix == "homeassistant");
  CHECK(c.mqtt->base_topic == "stoveguard/kitchen_stove");
  CHECK(c.mqtt->client_id == "stoved-kitchen_stove");
  CHECK(c.mqtt->keepalive == seconds{30});
  CHECK_FALSE(c.mqtt->allow_remote_unlock);

  CHECK(c.control.socket == "/run/stoved/control.sock");
  CHECK(c.state.dir == "/var/lib/stoved");
}

TEST_CASE("example: the demo configuration loads") {
  const Config c = load_ok(kConfigDir + "/sim.toml").config;
  CHECK(c.device.id == "demo_stove");
  CHECK(c.hardware.backend == Backend::sim);
  REQUIRE(c.burners.size() == 3);
  CHECK(c.burners[0].id == "left");
  CHECK(c.burners[0].temperature == "hwmon:/sys/class/hwmon/hwmon0/temp1_input");
  CHECK(c.burners[1].id == "right");
  CHECK(c.burners[2].id == "back");
  for (const Burner& burner : c.burners) CHECK(burner.pulse == seconds{3});
  CHECK(c.presence.pir.has_value());
  CHECK(c.cutoff.verify_within == seconds{5});
  CHECK(c.rules.unattended_after == seconds{5 * 60});
  CHECK(c.rules.warn_for == seconds{30});
  CHECK_FALSE(c.mqtt.has_value());
  CHECK(c.control.socket == "build/demo/control.sock");
  CHECK(c.state.dir == "build/demo/state");
}

TEST_CASE("example: describe shows the effective configuration") {
  const std::string text = describe(load_ok(kConfigDir + "/stoved.example.toml").config);
  CHECK(text.find("device: kitchen_stove (\"Kitchen stove\")\n") != std::string::npos);
  CHECK(text.find("burner left (\"Left burner\"): relay line 17 (active high), series wiring, pulse 5s; flame "
                  "line 27 (active low)") != std::string::npos);
  CHECK(text.find("temperature hwmon:/sys/class/hwmon/hwmon2/temp1_input") != std::string::npos);
  CHECK(text.find("max on 4h") != std::string::npos);
  CHECK(text.find("mqtt: tcp://127.0.0.1:1883") != std::string::npos);
  CHECK(text.find("control socket: /run/stoved/control.sock\n") != std::string::npos);
  CHECK(text.back() == '\n');
}

TEST_CASE("describe never shows the MQTT password") {
  LoadResult result = load_ok(kConfigDir + "/stoved.example.toml");
  result.config.mqtt->password = "hunter2-secret";
  const std::string text = describe(result.config);
  CHECK(text.find("hunter2-secret") == std::string::npos);
  CHECK(text.find("password set in the file") != std::string::npos);
}

struct TempFile {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("stove_config_test_" + std::to_string(::getpid()) + ".toml");
  ~TempFile() { std::filesystem::remove(path); }
};

TEST_CASE("load_file: an unreadable file is one problem naming the reason") {
  const LoadResult result = load_file("/nonexistent/stoved.toml");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].to_string() == "/nonexistent/stoved.toml:1:1: cannot read: No such file or directory");
}

TEST_CASE("load_file: a directory is not a configuration") {
  const std::string dir = std::filesystem::temp_directory_path().string();
  const LoadResult result = load_file(dir);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].to_string() == dir + ":1:1: cannot read: Is a directory");
}

TEST_CASE("load_file: files over 1 MiB are refused before parsing") {
  TempFile file;
  {
    std::ofstream out(file.path);
    out << "[device]\nid = \"d\"\n" << std::string(1024 * 1024, '#') << "\n";
  }
  const LoadResult result = load_file(file.path.string());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].to_string() ==
        file.path.string() + ":1:1: the file is larger than 1 MiB, which no configuration needs");
}

TEST_CASE("load_file: reports problems with the path as given") {
  TempFile file;
  {
    std::ofstream out(file.path);
    out << "[device]\nid = \"Bad Id\"\n";
  }
  const LoadResult result = load_file(file.path.string());
  REQUIRE_FALSE(result.problems.empty());
  CHECK(result.problems[0].file == file.path.string());
  CHECK(result.problems[0].line == 1);
}

}  // namespace
}  // namespace stove::config
