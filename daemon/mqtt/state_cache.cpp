#include "daemon/mqtt/state_cache.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>

namespace stove::mqtt {
namespace {

std::optional<double> number(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

StateCache::StateCache(std::set<std::string> deadbanded, Deadband deadband)
    : deadbanded_(std::move(deadbanded)), deadband_(deadband) {}

bool StateCache::worth_sending(const std::string& topic, const std::string& payload, Clock::time_point now) const {
  const auto sent = sent_.find(topic);
  if (sent == sent_.end()) return true;
  if (sent->second.payload == payload) return false;
  if (!deadbanded_.count(topic)) return true;
  const auto before = number(sent->second.payload);
  const auto after = number(payload);
  if (!before || !after) return true;  // to or from "None": always news
  return std::fabs(*after - *before) >= deadband_.min_change || now - sent->second.at >= deadband_.max_quiet;
}

std::vector<StateCache::Publication> StateCache::update(const StatePayloads& latest, Clock::time_point now) {
  latest_ = latest;
  std::vector<Publication> out;
  for (const auto& [topic, payload] : latest_) {
    if (!worth_sending(topic, payload, now)) continue;
    sent_[topic] = {payload, now};
    out.push_back({topic, payload});
  }
  return out;
}

std::vector<StateCache::Publication> StateCache::everything(Clock::time_point now) {
  std::vector<Publication> out;
  for (const auto& [topic, payload] : latest_) {
    sent_[topic] = {payload, now};
    out.push_back({topic, payload});
  }
  return out;
}

std::vector<StateCache::Publication> StateCache::latest(const std::string& topic) const {
  const auto it = latest_.find(topic);
  if (it == latest_.end()) return {};
  return {{topic, it->second}};
}

}  // namespace stove::mqtt
