#include "daemon/mqtt/connect_options.hpp"

#include <fstream>
#include <sstream>

#include <mqtt/ssl_options.h>
#include <mqtt/will_options.h>

#include "daemon/mqtt/log.hpp"

namespace stove::mqtt {
namespace {

std::optional<std::string> read_secret_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    log::warning("cannot read password file " + path);
    return std::nullopt;
  }
  std::stringstream content;
  content << in.rdbuf();
  std::string secret = content.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

}  // namespace

std::optional<std::string> read_password(const config::Mqtt& cfg, const char* credentials_directory) {
  if (cfg.password_file) {
    if (auto secret = read_secret_file(*cfg.password_file)) return secret;
  }
  if (credentials_directory && *credentials_directory) {
    const std::string path = std::string(credentials_directory) + "/mqtt-password";
    if (std::ifstream(path)) return read_secret_file(path);
  }
  return cfg.password;
}

::mqtt::connect_options make_connect_options(const config::Mqtt& cfg, const std::string& availability_topic,
                                             const std::optional<std::string>& password) {
  ::mqtt::connect_options opts;
  opts.set_mqtt_version(MQTTVERSION_3_1_1);
  opts.set_clean_session(true);
  opts.set_keep_alive_interval(cfg.keepalive);
  opts.set_connect_timeout(std::chrono::seconds(10));
  opts.set_automatic_reconnect(false);  // the bridge reconnects itself, with jitter
  opts.set_will(::mqtt::will_options(availability_topic, std::string("offline"), 1, true));
  if (cfg.username) opts.set_user_name(*cfg.username);
  if (password) opts.set_password(*password);
  if (cfg.url.rfind("ssl://", 0) == 0 || cfg.url.rfind("mqtts://", 0) == 0) {
    ::mqtt::ssl_options ssl;
    if (cfg.ca_file) ssl.set_trust_store(*cfg.ca_file);
    if (cfg.cert_file) ssl.set_key_store(*cfg.cert_file);
    if (cfg.key_file) ssl.set_private_key(*cfg.key_file);
    ssl.set_enable_server_cert_auth(true);
    ssl.set_verify(true);  // the certificate must name the host we dialled
    opts.set_ssl(std::move(ssl));
  }
  return opts;
}

}  // namespace stove::mqtt
