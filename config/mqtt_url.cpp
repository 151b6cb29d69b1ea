#include "config/mqtt_url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace stove::config {
namespace {

struct Scheme {
  std::string_view prefix;
  bool tls;
};
constexpr Scheme kSchemes[] = {{"tcp://", false}, {"mqtt://", false}, {"ssl://", true}, {"mqtts://", true}};

bool valid_host(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    return std::all_of(host.begin() + 1, host.end() - 1,
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; });
  }
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

std::string MqttUrl::to_string() const {
  return std::string(tls ? "ssl://" : "tcp://") + host + ":" + std::to_string(port);
}

std::optional<MqttUrl> parse_mqtt_url(std::string_view text) {
  for (const Scheme& scheme : kSchemes) {
    if (!text.starts_with(scheme.prefix)) continue;
    const std::string_view rest = text.substr(scheme.prefix.size());
    const std::size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view host = rest.substr(0, colon);
    const std::string_view port_text = rest.substr(colon + 1);
    unsigned port = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc{} || end != port_text.data() + port_text.size() || port < 1 || port > 65535 ||
        !valid_host(host)) {
      return std::nullopt;
    }
    return MqttUrl{scheme.tls, std::string(host), port};
  }
  return std::nullopt;
}

}  // namespace stove::config
