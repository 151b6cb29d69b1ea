#include <doctest/doctest.h>

#include "config/mqtt_url.hpp"

namespace stove::config {
namespace {

std::string normalised(std::string_view text) {
  const auto url = parse_mqtt_url(text);
  return url ? url->to_string() : "invalid";
}

TEST_CASE("mqtt url: accepted forms - normalised to Paho's spelling") {
  CHECK(normalised("tcp://127.0.0.1:1883") == "tcp://127.0.0.1:1883");
  CHECK(normalised("mqtt://broker.lan:1883") == "tcp://broker.lan:1883");
  CHECK(normalised("ssl://broker:8883") == "ssl://broker:8883");
  CHECK(normalised("mqtts://broker:8883") == "ssl://broker:8883");
  CHECK(normalised("tcp://[::1]:1883") == "tcp://[::1]:1883");
  CHECK(normalised("tcp://h:65535") == "tcp://h:65535");
  const auto url = parse_mqtt_url("mqtts://my-broker_1.lan:8884");
  REQUIRE(url.has_value());
  CHECK(url->tls);
  CHECK(url->host == "my-broker_1.lan");
  CHECK(url->port == 8884);
}

TEST_CASE("mqtt url: refused forms") {
  for (std::string_view bad : {"", "tcp://", "tcp://h", "tcp://h:", "tcp://:1883", "tcp://h:0", "tcp://h:65536",
                               "tcp://h:1883/", "tcp://h:18x3", "tcp://h:-1", "http://h:80", "h:1883",
                               "tcp://us er:1", "tcp://u@h:1", "TCP://h:1", "tcp://[zz]:1", "tcp://::1:1883"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_mqtt_url(bad).has_value());
  }
}

}  // namespace
}  // namespace stove::config
