// Discovery payloads against the reviewed JSON files in expected/.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "daemon/mqtt/discovery.hpp"
#include "daemon/mqtt/topics.hpp"
#include "tests/mqtt/example_config.hpp"
#include "version.hpp"

namespace stove::mqtt {
namespace {

nlohmann::json expected_payload(const std::string& key) {
  std::ifstream in(std::string(STOVE_MQTT_EXPECTED_DIR) + "/" + key + ".json");
  REQUIRE_MESSAGE(in.good(), "no expected file for ", key);
  std::stringstream text;
  text << in.rdbuf();
  std::string body = text.str();
  // The files hold a placeholder so a version bump does not touch them.
  for (auto at = body.find("<version>"); at != std::string::npos; at = body.find("<version>")) {
    body.replace(at, 9, stove::kVersion);
  }
  return nlohmann::json::parse(body);
}

TEST_CASE("every entity's discovery payload matches its reviewed file") {
  const auto cfg = test::example_config();
  const auto all = entities(cfg);
  std::set<std::string> keys;
  for (const auto& entity : all) {
    CAPTURE(entity.key);
    CHECK(discovery_payload(entity, cfg) == expected_payload(entity.key));
    keys.insert(entity.key);
  }
  // Exactly one file per entity: a stale expected file means a lost entity.
  std::size_t files = 0;
  for (const auto& f : std::filesystem::directory_iterator(STOVE_MQTT_EXPECTED_DIR)) {
    CAPTURE(f.path());
    CHECK(keys.count(f.path().stem().string()) == 1);
    ++files;
  }
  CHECK(files == all.size());
}

TEST_CASE("the entity set follows the burners and their temperature sources") {
  auto cfg = test::example_config();
  auto keys = [&] {
    std::vector<std::string> out;
    for (const auto& e : entities(cfg)) out.push_back(e.key);
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& k) {
    return std::find(v.begin(), v.end(), k) != v.end();
  };
  auto before = keys();
  CHECK(has(before, "left_temperature"));
  CHECK_FALSE(has(before, "right_temperature"));
  cfg.burners.pop_back();
  auto after = keys();
  CHECK_FALSE(has(after, "right_flame"));
  CHECK_FALSE(has(after, "right_valve"));
  CHECK(after.size() == before.size() - 3);
}

TEST_CASE("discovery topics - unique ids and default entity ids follow the device id") {
  auto cfg = test::example_config();
  cfg.device.id = "flat_2";
  cfg.mqtt->base_topic = "stoveguard/flat_2";
  cfg.mqtt->discovery_prefix = "ha";
  const Topics topics(cfg);
  for (const auto& entity : entities(cfg)) {
    const auto payload = discovery_payload(entity, cfg);
    CAPTURE(entity.key);
    CHECK(payload.at("unique_id") == "flat_2_" + entity.key);
    CHECK(payload.at("default_entity_id") == std::string(component(entity.kind)) + ".flat_2_" + entity.key);
    CHECK_FALSE(payload.contains("object_id"));
    CHECK(payload.at("availability_topic") == "stoveguard/flat_2/availability");
    CHECK(payload.at("device").at("identifiers") == nlohmann::json::array({"flat_2"}));
    CHECK(topics.discovery(component(entity.kind), entity.key) ==
          "ha/" + std::string(component(entity.kind)) + "/flat_2/" + entity.key + "/config");
    CHECK(payload.contains("command_topic") == has_command(entity.kind));
  }
}

TEST_CASE("command topics map back to their entity key and nothing else") {
  const auto cfg = test::example_config();
  const Topics topics(cfg);
  CHECK(topics.command_key("stoveguard/kitchen_stove/left_valve/set") == "left_valve");
  CHECK(topics.command_key(topics.command("timer")) == "timer");
  CHECK_FALSE(topics.command_key("stoveguard/kitchen_stove/left_valve/state"));
  CHECK_FALSE(topics.command_key("stoveguard/kitchen_stove/a/b/set"));
  CHECK_FALSE(topics.command_key("stoveguard/kitchen_stovex/timer/set"));
  CHECK_FALSE(topics.command_key("stoveguard/kitchen_stove//set"));
}

}  // namespace
}  // namespace stove::mqtt
