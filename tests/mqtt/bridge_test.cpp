// The bridge in-process against a real mosquitto, watched with mosquitto_sub
// and poked with mosquitto_pub.

#include <doctest/doctest.h>

#include <fstream>

#include <boost/asio/executor_work_guard.hpp>

#include "daemon/mqtt/bridge.hpp"
#include "tests/mqtt/broker.hpp"
#include "tests/mqtt/example_config.hpp"

namespace stove::mqtt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using test::Message;

const std::string kBase = "stoveguard/kitchen_stove";

json status(bool left_lit, bool locked = false) {
  return {{"ok", true}, {"state", left_lit ? "cooking" : (locked ? "locked" : "idle")}, {"away", false},
          {"unattended_guard", true}, {"shutoff_at", nullptr}, {"warning", nullptr}, {"problems", json::array()},
          {"burners", {{{"id", "left"}, {"flame", left_lit}, {"temperature_c", 120.0}, {"locked", locked}},
                       {{"id", "right"}, {"flame", false}, {"temperature_c", nullptr}, {"locked", locked}}}},
          {"last_shutoff", nullptr}};
}

// One bridge wired to fake daemon hooks that record what they were given.
struct Rig {
  explicit Rig(test::Mosquitto& b, const std::function<void(config::Config&)>& tweak = {}) : broker(b) {
    cfg = test::example_config(broker.url());
    cfg.state.dir = state_dir.path();
    cfg.presence.mqtt_topic = "home/kitchen/occupancy";
    cfg.alarm.smoke_topic = "home/kitchen/smoke";
    cfg.alarm.gas_topic = "home/kitchen/gas";
    cfg.mqtt->away_topic = "home/away";
    if (tweak) tweak(cfg);
    BridgeHooks hooks;
    hooks.request = [this](const json& request) {
      requests.push_back(request);
      return request.value("cmd", "") == "unlock" ? json{{"ok", false}, {"error", "remote unlock not allowed"}}
                                                 : json{{"ok", true}};
    };
    hooks.presence = [this](bool on) { inputs.push_back("presence " + std::string(on ? "ON" : "OFF")); };
    hooks.alarm = [this](const std::string& kind, bool on) { inputs.push_back(kind + " " + (on ? "ON" : "OFF")); };
    hooks.away_input = [this](bool on) { inputs.push_back("away " + std::string(on ? "ON" : "OFF")); };
    bridge.emplace(io, cfg, std::move(hooks));
  }

  bool until(const std::function<bool()>& done, std::chrono::milliseconds limit = 15s) {
    return test::run_until(io, done, limit);
  }
  bool online(const test::Subscriber& sub) {
    return until([&] {
      const auto a = sub.on(kBase + "/availability");
      return !a.empty() && a.back().payload == "online";
    });
  }

  test::Mosquitto& broker;
  test::TempDir state_dir;
  config::Config cfg;
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
  std::vector<json> requests;
  std::vector<std::string> inputs;
  std::optional<Bridge> bridge;
};

std::vector<Message> discovery_configs(const test::Subscriber& sub) {
  std::vector<Message> out;
  for (auto& m : sub.messages()) {
    if (m.topic.rfind("homeassistant/", 0) == 0 && m.topic.size() > 7 &&
        m.topic.substr(m.topic.size() - 7) == "/config") {
      out.push_back(std::move(m));
    }
  }
  return out;
}

constexpr std::size_t kEntities = 18;  // the example config: 11 stove-wide + 3 + 4 per burner

TEST_CASE("after connect: availability - every discovery config and every state - retained") {
  test::Mosquitto broker;
  Rig rig(broker);
  rig.bridge->update_status(status(true));
  rig.bridge->start();
  test::Subscriber live(broker);
  REQUIRE(rig.until([&] { return discovery_configs(live).size() >= kEntities && !live.on(kBase + "/left_valve/state").empty(); }));

  test::Subscriber late(broker);  // sees only what the broker retained
  REQUIRE(rig.until([&] { return discovery_configs(late).size() >= kEntities && !late.on(kBase + "/state/state").empty(); }));
  for (const auto& m : discovery_configs(late)) {
    CAPTURE(m.topic);
    CHECK(m.retained);
    const auto payload = json::parse(m.payload);
    for (const char* key : {"unique_id", "default_entity_id", "name", "availability_topic", "device", "origin"}) {
      CHECK(payload.contains(key));
    }
  }
  const auto availability = late.on(kBase + "/availability");
  REQUIRE_FALSE(availability.empty());
  CHECK(availability.back().retained);
  CHECK(availability.back().payload == "online");
  CHECK(late.on(kBase + "/left_valve/state").at(0).payload == "open");
  CHECK(late.on(kBase + "/left_temperature/state").at(0).payload == "120.0");
  CHECK(late.on(kBase + "/state/state").at(0).retained);

  // A change publishes only what changed.
  const auto before = live.messages().size();
  rig.bridge->update_status(status(false));
  REQUIRE(rig.until([&] { return live.on(kBase + "/left_valve/state").size() >= 2; }));
  rig.until([] { return false; }, 500ms);
  CHECK(live.on(kBase + "/left_valve/state").back().payload == "closed");
  CHECK(live.messages().size() - before == 3);  // state, left_flame, left_valve
  CHECK(live.on(kBase + "/right_valve/state").size() == 1);

  rig.bridge->stop();
  test::Subscriber after_stop(broker);
  rig.until([&] { return !after_stop.on(kBase + "/availability").empty(); }, 3s);
  REQUIRE_FALSE(after_stop.on(kBase + "/availability").empty());
  CHECK(after_stop.on(kBase + "/availability").back().payload == "offline");
}

TEST_CASE("every command topic in discovery reaches the daemon as the right request") {
  test::Mosquitto broker;
  Rig rig(broker);
  test::Subscriber live(broker);
  rig.bridge->start();
  REQUIRE(rig.until([&] { return discovery_configs(live).size() >= kEntities; }));
  const std::map<std::string, std::pair<std::string, json>> expected = {
      {"cut_now", {"PRESS", {{"cmd", "off"}}}},
      {"timer", {"20", {{"cmd", "off"}, {"after_s", 1200}}}},
      {"away", {"ON", {{"cmd", "away"}, {"on", true}}}},
      {"lockout", {"ON", {{"cmd", "lock"}}}},
      {"here", {"PRESS", {{"cmd", "here"}}}},
      {"unattended_guard", {"OFF", {{"cmd", "guard"}, {"on", false}}}},
      {"left_cut", {"PRESS", {{"cmd", "off"}, {"burner", "left"}}}},
      {"right_cut", {"PRESS", {{"cmd", "off"}, {"burner", "right"}}}},
      {"left_valve", {"CLOSE", {{"cmd", "off"}, {"burner", "left"}}}},
      {"right_valve", {"CLOSE", {{"cmd", "off"}, {"burner", "right"}}}},
  };
  std::size_t commands = 0;
  for (const auto& m : discovery_configs(live)) {
    const auto payload = json::parse(m.payload);
    if (!payload.contains("command_topic")) continue;
    const std::string topic = payload["command_topic"];
    const std::string key = topic.substr(kBase.size() + 1, topic.size() - kBase.size() - 5);
    CAPTURE(key);
    REQUIRE(expected.count(key) == 1);
    const auto& [body, request] = expected.at(key);
    rig.requests.clear();
    test::publish(broker, topic, body);
    REQUIRE(rig.until([&] { return !rig.requests.empty(); }, 10s));
    CHECK(rig.requests.front() == request);
    ++commands;
  }
  CHECK(commands == expected.size());
}

TEST_CASE("retained - malformed and unknown commands never reach the daemon") {
  test::Mosquitto broker;
  // A retained command left on the broker is what would replay after a reboot.
  test::publish(broker, kBase + "/cut_now/set", "PRESS", true);
  Rig rig(broker);
  test::Subscriber live(broker);
  rig.bridge->start();
  REQUIRE(rig.online(live));
  for (const auto& [key, payload] : std::vector<std::pair<std::string, std::string>>{
           {"cut_now", "ON"}, {"timer", "99999"}, {"timer", "abc"}, {"left_valve", "OPEN"}, {"middle_cut", "PRESS"},
           {"state", "idle"}, {"away", std::string(300, 'O')}, {"here", "\x01\x02\xff"}, {"lockout", ""}}) {
    test::publish(broker, kBase + "/" + key + "/set", payload);
  }
  test::publish(broker, kBase + "/here/set", "PRESS");  // a good one last: everything before it was handled
  REQUIRE(rig.until([&] { return !rig.requests.empty(); }, 10s));
  rig.until([] { return false; }, 300ms);
  REQUIRE(rig.requests.size() == 1);
  CHECK(rig.requests[0] == json{{"cmd", "here"}});
}

TEST_CASE("a refused remote unlock re-publishes the lockout state") {
  test::Mosquitto broker;
  Rig rig(broker);
  test::Subscriber live(broker);
  rig.bridge->update_status(status(false, true));
  rig.bridge->start();
  REQUIRE(rig.until([&] { return live.on(kBase + "/lockout/state").size() == 1; }));
  test::publish(broker, kBase + "/lockout/set", "OFF");
  REQUIRE(rig.until([&] { return live.on(kBase + "/lockout/state").size() == 2; }, 10s));
  CHECK(rig.requests.at(0) == json{{"cmd", "unlock"}});
  CHECK(live.on(kBase + "/lockout/state").back().payload == "ON");
}

TEST_CASE("inputs are states: retained values count - garbage is ignored") {
  test::Mosquitto broker;
  test::publish(broker, "home/kitchen/occupancy", "ON", true);
  test::publish(broker, "home/kitchen/smoke", "OFF", true);
  Rig rig(broker);
  test::Subscriber live(broker);
  rig.bridge->start();
  REQUIRE(rig.until([&] { return rig.inputs.size() >= 2; }));
  test::publish(broker, "home/kitchen/gas", "maybe");
  test::publish(broker, "home/kitchen/gas", "ON");
  test::publish(broker, "home/away", "ON");
  test::publish(broker, "home/kitchen/occupancy", "OFF");
  REQUIRE(rig.until([&] { return rig.inputs.size() >= 5; }));
  rig.until([] { return false; }, 300ms);
  std::sort(rig.inputs.begin(), rig.inputs.begin() + 2);  // retained ones arrive in subscription order
  CHECK(rig.inputs == std::vector<std::string>{"presence ON", "smoke OFF", "gas ON", "away ON", "presence OFF"});
}

TEST_CASE("events go to the event entities and are not retained") {
  test::Mosquitto broker;
  Rig rig(broker);
  test::Subscriber live(broker);
  rig.bridge->start();
  REQUIRE(rig.online(live));
  rig.bridge->publish_event({{"at", "2026-12-04T18:28:00Z"}, {"kind", "warning"}, {"reason", "unattended"},
                             {"burner", "left"}, {"cut_at", "2026-12-04T18:30:00Z"}});
  rig.bridge->publish_event({{"at", "2026-12-04T18:30:00Z"}, {"kind", "shutoff_failed"}, {"reason", "unattended"},
                             {"burner", "left"}});
  rig.bridge->publish_event({{"at", "2026-12-04T18:30:00Z"}, {"kind", "shutoff"}, {"reason", "unattended"},
                             {"burner", "left"}});
  REQUIRE(rig.until([&] { return !live.on(kBase + "/shutoff/event").empty(); }));
  CHECK(json::parse(live.on(kBase + "/warning/event").at(0).payload) ==
        json{{"event_type", "unattended"}, {"burner", "left"}, {"cut_at", "2026-12-04T18:30:00Z"}});
  CHECK(live.on(kBase + "/shutoff/event").size() == 1);
  test::Subscriber late(broker);
  rig.until([] { return false; }, 500ms);
  CHECK(late.on(kBase + "/warning/event").empty());
  CHECK(late.on(kBase + "/shutoff/event").empty());
}

TEST_CASE("Home Assistant's birth message brings discovery and states again") {
  test::Mosquitto broker;
  Rig rig(broker);
  test::Subscriber live(broker);
  rig.bridge->update_status(status(true));
  rig.bridge->start();
  const auto state_config = "homeassistant/sensor/kitchen_stove/state/config";
  REQUIRE(rig.until([&] { return live.on(state_config).size() == 1 && !live.on(kBase + "/state/state").empty(); }));
  test::publish(broker, "homeassistant/status", "online");
  // Announced after a 1-5 s random delay.
  REQUIRE(rig.until([&] { return live.on(state_config).size() == 2 && live.on(kBase + "/state/state").size() == 2; }));
  CHECK(discovery_configs(live).size() == 2 * kEntities);
}

TEST_CASE("a broker restart (nothing persisted) gets availability - discovery and states back") {
  test::Mosquitto broker;
  Rig rig(broker);
  rig.bridge->update_status(status(true));
  rig.bridge->start();
  {
    test::Subscriber live(broker);
    REQUIRE(rig.online(live));
  }
  broker.kill();
  rig.until([] { return false; }, 1500ms);  // the bridge notices and starts backing off
  broker.restart();
  test::Subscriber after(broker);
  REQUIRE(rig.until([&] { return discovery_configs(after).size() >= kEntities && !after.on(kBase + "/left_valve/state").empty(); }, 30s));
  CHECK(after.on(kBase + "/availability").back().payload == "online");
  CHECK(after.on(kBase + "/left_valve/state").back().payload == "open");
}

TEST_CASE("entities of a removed burner are deleted on the next start") {
  test::Mosquitto broker;
  test::TempDir state;
  const auto right_valve = "homeassistant/valve/kitchen_stove/right_valve/config";
  {
    Rig rig(broker, [&](config::Config& c) { c.state.dir = state.path(); });
    test::Subscriber live(broker);
    rig.bridge->start();
    REQUIRE(rig.until([&] { return discovery_configs(live).size() >= kEntities; }));
    rig.until([] { return false; }, 500ms);  // the published-topics file is written on the broker's ack
    rig.bridge->stop();
  }
  Rig rig(broker, [&](config::Config& c) {
    c.state.dir = state.path();
    c.burners.pop_back();
  });
  test::Subscriber live(broker);
  REQUIRE(live.on(right_valve).size() == 1);  // still retained from the first run
  rig.bridge->start();
  REQUIRE(rig.until([&] { return live.on(right_valve).size() == 2; }));
  CHECK(live.on(right_valve).back().payload.empty());
  test::Subscriber late(broker);
  rig.until([] { return false; }, 500ms);
  CHECK(late.on(right_valve).empty());
  CHECK(discovery_configs(late).size() == kEntities - 3);
}

TEST_CASE("TLS with a CA made at test time - hostname verified") {
  test::BrokerOptions options;
  options.tls = true;
  test::Mosquitto broker(options);
  Rig rig(broker, [&](config::Config& c) { c.mqtt->ca_file = broker.file("ca.crt"); });
  test::Subscriber live(broker);
  rig.bridge->start();
  CHECK(rig.online(live));
}

TEST_CASE("TLS refuses a certificate for another host name") {
  test::BrokerOptions options;
  options.tls = true;
  options.tls_cert_host = "elsewhere.example";
  test::Mosquitto broker(options);
  Rig rig(broker, [&](config::Config& c) { c.mqtt->ca_file = broker.file("ca.crt"); });
  rig.bridge->start();
  rig.until([] { return false; }, 3s);
  test::Subscriber watch(broker, "stoveguard/#");  // mosquitto_sub itself does not check the name
  rig.until([] { return false; }, 500ms);
  CHECK(watch.on(kBase + "/availability").empty());
}

TEST_CASE("username and password from a password file - a wrong one is refused") {
  test::BrokerOptions options;
  options.user = "stove";
  test::Mosquitto broker(options);
  test::TempDir secrets;
  std::ofstream(secrets.path() + "/good") << "secret-pw\n";
  std::ofstream(secrets.path() + "/bad") << "wrong\n";
  {
    Rig wrong(broker, [&](config::Config& c) {
      c.mqtt->username = "stove";
      c.mqtt->password_file = secrets.path() + "/bad";
    });
    wrong.bridge->start();
    wrong.until([] { return false; }, 2s);
    test::Subscriber watch(broker, "stoveguard/#");
    wrong.until([] { return false; }, 500ms);
    CHECK(watch.on(kBase + "/availability").empty());
  }
  Rig rig(broker, [&](config::Config& c) {
    c.mqtt->username = "stove";
    c.mqtt->password_file = secrets.path() + "/good";
  });
  test::Subscriber live(broker);
  rig.bridge->start();
  CHECK(rig.online(live));
}

}  // namespace
}  // namespace stove::mqtt
