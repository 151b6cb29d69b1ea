#pragma once
// Broker addresses as the configuration accepts them: tcp://HOST:PORT or
// ssl://HOST:PORT, with mqtt:// and mqtts:// as aliases (HOST may be an
// [IPv6] literal). Paho only understands the tcp/ssl spelling.

#include <optional>
#include <string>
#include <string_view>

namespace stove::config {

struct MqttUrl {
  bool tls = false;
  std::string host;
  unsigned port = 0;
  std::string to_string() const;  // "tcp://host:port" or "ssl://host:port"
};

std::optional<MqttUrl> parse_mqtt_url(std::string_view text);

}  // namespace stove::config
