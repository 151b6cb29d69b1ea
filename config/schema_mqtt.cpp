// [mqtt]: the broker, the topics and the credentials.

#include "config/duration.hpp"
#include "config/mqtt_url.hpp"
#include "config/sections.hpp"
#include "config/table_reader.hpp"

namespace stove::config::schema {
namespace {

// Keepalive bounds: shorter floods a slow broker, longer lets Home Assistant
// show a dead daemon as available for too long.
constexpr Seconds kMinKeepalive{5};
constexpr Seconds kMaxKeepalive{10 * 60};

// `tls` is unknown when the url is invalid (and reported already).
void read_tls_files(TableReader& reader, std::optional<bool> tls, Mqtt& mqtt) {
  mqtt.ca_file = reader.string("ca_file");
  mqtt.cert_file = reader.string("cert_file");
  mqtt.key_file = reader.string("key_file");
  if (tls == false) {
    for (std::string_view key : {"ca_file", "cert_file", "key_file"}) {
      if (reader.find(key) != nullptr) {
        reader.problem(key, reader.name(key) + " needs an ssl:// (or mqtts://) mqtt.url");
      }
    }
    return;
  }
  if (mqtt.cert_file && !reader.find("key_file")) reader.problem("cert_file", "mqtt.cert_file needs mqtt.key_file");
  if (mqtt.key_file && !reader.find("cert_file")) reader.problem("key_file", "mqtt.key_file needs mqtt.cert_file");
}

void read_credentials(TableReader& reader, Mqtt& mqtt, Problems& problems) {
  mqtt.username = reader.string("username");
  mqtt.password = reader.string("password");
  mqtt.password_file = reader.string("password_file");
  if (reader.find("password") != nullptr && reader.find("password_file") != nullptr) {
    reader.problem("password_file", "mqtt.password and mqtt.password_file exclude each other");
  } else if (mqtt.password) {
    problems.warn(reader.position_of("password"),
                  "mqtt.password keeps the broker password in the configuration file; prefer mqtt.password_file "
                  "or a systemd credential (LoadCredential=)");
  }
}

}  // namespace

void read_mqtt(const toml::table& table, const std::string& device_id, Mqtt& mqtt, Context& context) {
  TableReader reader(table, "mqtt", "[mqtt]", context.problems);
  reader.require("url");
  std::optional<MqttUrl> url;
  if (auto text = reader.string("url")) {
    url = parse_mqtt_url(*text);
    if (url) {
      mqtt.url = url->to_string();
    } else {
      reader.problem("url", "mqtt.url must be tcp://HOST:PORT or ssl://HOST:PORT (mqtt:// and mqtts:// work too) "
                            "with PORT 1..65535, got \"" + *text + "\"");
    }
  }
  if (auto prefix = reader.mqtt_topic("discovery_prefix")) mqtt.discovery_prefix = *prefix;
  mqtt.base_topic = reader.mqtt_topic("base_topic").value_or("stoveguard/" + device_id);
  mqtt.client_id = reader.string("client_id").value_or("stoved-" + device_id);
  read_credentials(reader, mqtt, context.problems);
  read_tls_files(reader, url ? std::optional<bool>(url->tls) : std::nullopt, mqtt);
  mqtt.away_topic = reader.mqtt_topic("away_topic");
  if (auto allow = reader.boolean("allow_remote_unlock")) mqtt.allow_remote_unlock = *allow;
  if (auto keepalive = reader.duration("keepalive")) {
    if (*keepalive < kMinKeepalive || *keepalive > kMaxKeepalive) {
      reader.problem("keepalive", "mqtt.keepalive must be between " + format_duration(kMinKeepalive) + " and " +
                                      format_duration(kMaxKeepalive) + ", got " + format_duration(*keepalive));
    } else {
      mqtt.keepalive = *keepalive;
    }
  }
  reader.report_unknown_keys();
}

}  // namespace stove::config::schema
