#include "daemon/mqtt/topics.hpp"

namespace stove::mqtt {

Topics::Topics(const config::Config& cfg)
    : base_(cfg.mqtt->base_topic), prefix_(cfg.mqtt->discovery_prefix), device_id_(cfg.device.id) {}

std::string Topics::join(std::string_view key, std::string_view leaf) const {
  std::string out = base_;
  out += '/';
  out += key;
  out += '/';
  out += leaf;
  return out;
}

std::string Topics::discovery(std::string_view component, std::string_view key) const {
  std::string out = prefix_;
  out += '/';
  out += component;
  out += '/';
  out += device_id_;
  out += '/';
  out += key;
  out += "/config";
  return out;
}

std::optional<std::string> Topics::command_key(std::string_view topic) const {
  constexpr std::string_view suffix = "/set";
  if (topic.size() <= base_.size() + 1 + suffix.size()) return std::nullopt;
  if (topic.substr(0, base_.size()) != base_ || topic[base_.size()] != '/') return std::nullopt;
  if (topic.substr(topic.size() - suffix.size()) != suffix) return std::nullopt;
  auto key = topic.substr(base_.size() + 1, topic.size() - base_.size() - 1 - suffix.size());
  if (key.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(key);
}

}  // namespace stove::mqtt
