// Status snapshot -> state payloads, publish-on-change with the temperature
// deadband, event messages, reconnect backoff, the published-topics file.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "daemon/mqtt/backoff.hpp"
#include "daemon/mqtt/payloads.hpp"
#include "daemon/mqtt/published_topics.hpp"
#include "daemon/mqtt/state_cache.hpp"
#include "tests/mqtt/example_config.hpp"

namespace stove::mqtt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json cooking_status() {
  return json::parse(R"({"ok":true,"state":"cooking","away":false,"unattended_guard":true,
    "shutoff_at":null,"warning":null,"problems":[],
    "burners":[{"id":"left","flame":true,"temperature_c":182.46,"relay_engaged":false,"locked":false,"shutoff_at":null},
               {"id":"right","flame":false,"temperature_c":null,"relay_engaged":false,"locked":false,"shutoff_at":null}],
    "last_shutoff":null})");
}

TEST_CASE("a status snapshot becomes one payload per state topic") {
  const auto p = state_payloads(cooking_status(), test::example_config(), std::chrono::system_clock::now());
  CHECK(p.at("state/state") == "cooking");
  CHECK(p.at("away/state") == "OFF");
  CHECK(p.at("unattended_guard/state") == "ON");
  CHECK(p.at("shutoff_at/state") == "None");
  CHECK(p.at("timer/state") == "0");
  CHECK(p.at("problem/state") == "OFF");
  CHECK(json::parse(p.at("problem/attributes")) == json{{"problems", json::array()}});
  CHECK(p.at("left_flame/state") == "ON");
  CHECK(p.at("left_valve/state") == "open");
  CHECK(p.at("left_temperature/state") == "182.5");
  CHECK(p.at("right_flame/state") == "OFF");
  CHECK(p.at("right_valve/state") == "closed");
  CHECK(p.count("right_temperature/state") == 0);  // no source configured
  CHECK(p.at("lockout/state") == "OFF");
}

TEST_CASE("lockout is ON only while every burner is locked - problems carry their list") {
  auto status = cooking_status();
  status["burners"][0]["locked"] = true;
  status["problems"] = {"shutoff_failed:left"};
  const auto cfg = test::example_config();
  const auto now = std::chrono::system_clock::now();
  auto p = state_payloads(status, cfg, now);
  CHECK(p.at("lockout/state") == "OFF");
  CHECK(p.at("problem/state") == "ON");
  CHECK(json::parse(p.at("problem/attributes")).at("problems") == json{"shutoff_failed:left"});
  status["burners"][1]["locked"] = true;
  CHECK(state_payloads(status, cfg, now).at("lockout/state") == "ON");
}

TEST_CASE("the timer number shows whole minutes left - rounded up") {
  auto status = cooking_status();
  status["shutoff_at"] = "2026-12-04T18:30:00+01:00";
  const auto cut = *parse_rfc3339("2026-12-04T17:30:00Z");
  const auto cfg = test::example_config();
  CHECK(state_payloads(status, cfg, cut - 20min).at("timer/state") == "20");
  CHECK(state_payloads(status, cfg, cut - 19min - 1s).at("timer/state") == "20");
  CHECK(state_payloads(status, cfg, cut - 1s).at("timer/state") == "1");
  CHECK(state_payloads(status, cfg, cut + 1s).at("timer/state") == "0");
  CHECK(state_payloads(status, cfg, cut).at("shutoff_at/state") == "2026-12-04T18:30:00+01:00");
}

TEST_CASE("RFC 3339 parsing handles offsets and rejects junk") {
  CHECK(parse_rfc3339("2026-12-04T18:30:00+01:00") == parse_rfc3339("2026-12-04T17:30:00Z"));
  CHECK(parse_rfc3339("2026-12-04T17:30:00.250Z") == parse_rfc3339("2026-12-04T17:30:00Z"));
  CHECK(parse_rfc3339("2026-12-04T12:30:00-05:00") == parse_rfc3339("2026-12-04T17:30:00Z"));
  CHECK_FALSE(parse_rfc3339("2026-12-04 17:30"));
  CHECK_FALSE(parse_rfc3339("2026-12-04T17:30:00"));
  CHECK_FALSE(parse_rfc3339("2026-12-04T17:30:00+0100"));
}

TEST_CASE("only changed states are published") {
  StateCache cache({}, Deadband{});
  const auto t0 = StateCache::Clock::now();
  StatePayloads p = {{"state/state", "idle"}, {"away/state", "OFF"}};
  CHECK(cache.update(p, t0).size() == 2);
  CHECK(cache.update(p, t0 + 1s).empty());
  p["state/state"] = "cooking";
  const auto changes = cache.update(p, t0 + 2s);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].topic == "state/state");
  CHECK(changes[0].payload == "cooking");
  CHECK(cache.everything(t0 + 3s).size() == 2);  // a new connection gets everything
  REQUIRE(cache.latest("away/state").size() == 1);
  CHECK(cache.latest("away/state")[0].payload == "OFF");
  CHECK(cache.latest("nothing/state").empty());
}

TEST_CASE("temperatures are deadbanded: 0.5 degrees or 10 s") {
  const std::string topic = "left_temperature/state";
  StateCache cache({topic}, Deadband{0.5, 10s});
  const auto t0 = StateCache::Clock::now();
  auto at = [&](const std::string& value, auto when) { return cache.update({{topic, value}}, t0 + when).size(); };
  CHECK(at("20.0", 0s) == 1);
  CHECK(at("20.3", 2s) == 0);   // small change, too soon
  CHECK(at("20.4", 4s) == 0);
  CHECK(at("20.5", 6s) == 1);   // |delta| reached 0.5 against the last published 20.0
  CHECK(at("20.6", 8s) == 0);
  CHECK(at("20.7", 17s) == 1);  // small change but 11 s quiet
  CHECK(at("None", 18s) == 1);  // a lost sensor is always news
  CHECK(at("20.7", 19s) == 1);
  CHECK(at("20.7", 40s) == 0);  // unchanged values are never repeated
}

TEST_CASE("warnings and shutoffs become event entity messages - other kinds do not") {
  const auto warning = event_message(json::parse(
      R"({"at":"2026-12-04T18:28:00Z","kind":"warning","reason":"unattended","burner":"left","cut_at":"2026-12-04T18:30:00Z"})"));
  REQUIRE(warning);
  CHECK(warning->key == "warning");
  CHECK(warning->payload == json{{"event_type", "unattended"}, {"burner", "left"}, {"cut_at", "2026-12-04T18:30:00Z"}});
  const auto shutoff = event_message(json::parse(R"({"at":"x","kind":"shutoff","reason":"timer","burner":null})"));
  REQUIRE(shutoff);
  CHECK(shutoff->key == "shutoff");
  CHECK(shutoff->payload == json{{"event_type", "timer"}, {"burner", nullptr}});
  CHECK_FALSE(event_message(json::parse(R"({"kind":"shutoff_failed","reason":"manual","burner":"left"})")));
  CHECK_FALSE(event_message(json::parse(R"({"kind":"shutoff"})")));
  CHECK_FALSE(event_message(json::array()));
}

TEST_CASE("reconnect delays double up to the cap - jittered - and reset") {
  Backoff backoff(1000ms, 60000ms);
  std::mt19937 rng(42);
  std::vector<long> delays;
  for (int i = 0; i < 10; ++i) delays.push_back(static_cast<long>(backoff.next(rng).count()));
  const long bases[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000};
  for (std::size_t i = 0; i < delays.size(); ++i) {
    CAPTURE(i);
    CHECK(delays[i] >= bases[i] * 8 / 10);
    CHECK(delays[i] < bases[i] * 12 / 10);
  }
  CHECK(delays[7] != delays[8]);  // jittered, not lockstep
  backoff.reset();
  CHECK(backoff.next(rng).count() < 1200);
}

TEST_CASE("published discovery topics survive in a file and name the stale ones") {
  const auto dir = std::filesystem::temp_directory_path() / ("stove-mqtt-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const PublishedTopics file((dir / "mqtt-published.json").string());
  CHECK(file.load().empty());
  const std::vector<std::string> before = {"ha/button/s/left_cut/config", "ha/button/s/right_cut/config"};
  REQUIRE(file.save(before));
  CHECK(file.load() == before);
  CHECK_FALSE(std::filesystem::exists(file.path() + ".tmp"));
  CHECK(PublishedTopics::stale(file.load(), {"ha/button/s/left_cut/config"}) ==
        std::vector<std::string>{"ha/button/s/right_cut/config"});
  std::ofstream(file.path()) << "{not json";
  CHECK(file.load().empty());
  CHECK_FALSE(PublishedTopics((dir / "missing" / "x.json").string()).save(before));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace stove::mqtt
