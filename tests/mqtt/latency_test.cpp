// Command -> state latency through mosquitto, with and without the broker's
// set_tcp_nodelay: a measurement (printed), plus the check that every round
// trip completed. docs/home-assistant.md quotes the numbers.

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include "daemon/mqtt/bridge.hpp"
#include "tests/mqtt/broker.hpp"
#include "tests/mqtt/example_config.hpp"

namespace stove::mqtt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::vector<double> round_trips(bool tcp_nodelay, int count) {
  test::BrokerOptions options;
  options.tcp_nodelay = tcp_nodelay;
  test::Mosquitto broker(options);
  test::TempDir state;
  auto cfg = test::example_config(broker.url());
  cfg.state.dir = state.path();
  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  json status = {{"state", "idle"}, {"away", false}, {"burners", json::array()}};
  std::optional<Bridge> bridge;
  BridgeHooks hooks;
  hooks.request = [&](const json& request) {
    // The daemon answers an away command with a new status snapshot.
    status["away"] = request.value("on", false);
    boost::asio::post(io, [&] { bridge->update_status(status); });
    return json{{"ok", true}};
  };
  bridge.emplace(io, cfg, std::move(hooks));
  bridge->update_status(status);
  bridge->start();
  test::Subscriber live(broker);
  REQUIRE(test::run_until(io, [&] { return !live.on("stoveguard/kitchen_stove/away/state").empty(); }));

  const auto out = state.path() + "/latency.json";
  test::Child probe({"/usr/bin/python3", STOVE_MQTT_LATENCY_PROBE, std::to_string(broker.port()),
                     "stoveguard/kitchen_stove", std::to_string(count), out},
                    state.path() + "/probe.log");
  REQUIRE(test::run_until(io, [&] { return probe.exited(); }, 60s));
  bridge->stop();
  std::ifstream in(out);
  REQUIRE(in.good());
  return json::parse(in).at("samples").get<std::vector<double>>();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.at(static_cast<std::size_t>(p * static_cast<double>(v.size() - 1)));
}

TEST_CASE("command to state round trip - broker with and without set_tcp_nodelay") {
  constexpr int kCount = 40;
  for (const bool nodelay : {false, true}) {
    const auto samples = round_trips(nodelay, kCount);
    CAPTURE(nodelay);
    CHECK(samples.size() == static_cast<std::size_t>(kCount));
    if (samples.empty()) continue;
    MESSAGE("set_tcp_nodelay " << std::string(nodelay ? "true" : "false") << ": median " << percentile(samples, 0.5)
                               << " ms, p90 " << percentile(samples, 0.9) << " ms, max "
                               << percentile(samples, 1.0) << " ms over " << samples.size() << " round trips");
  }
}

}  // namespace
}  // namespace stove::mqtt
