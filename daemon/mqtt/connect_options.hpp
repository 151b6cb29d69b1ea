#pragma once
// Paho connect options from the [mqtt] config: TLS, credentials, last will.

#include <optional>
#include <string>

#include <mqtt/connect_options.h>

#include "config/config.hpp"

namespace stove::mqtt {

// The password from, in this order: mqtt.password_file (trailing newline
// trimmed), the systemd credential $CREDENTIALS_DIRECTORY/mqtt-password,
// mqtt.password. Unreadable files are logged and skipped.
std::optional<std::string> read_password(const config::Mqtt& cfg, const char* credentials_directory);

// Clean session, keepalive from config, QoS-1 retained `offline` will on
// `availability_topic`, TLS with server and hostname verification for ssl://.
::mqtt::connect_options make_connect_options(const config::Mqtt& cfg, const std::string& availability_topic,
                                             const std::optional<std::string>& password);

}  // namespace stove::mqtt
