#include "daemon/mqtt/published_topics.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "daemon/mqtt/log.hpp"
#include "daemon/state/atomic_file.hpp"

namespace stove::mqtt {
std::vector<std::string> PublishedTopics::load() const {
  std::ifstream in(path_);
  if (!in) return {};
  try {
    return nlohmann::json::parse(in).at("discovery_topics").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    log::warning(path_ + ": ignored (" + e.what() + "); stale entities of removed burners stay in Home Assistant");
    return {};
  }
}

bool PublishedTopics::save(const std::vector<std::string>& topics) const {
  const std::string data = nlohmann::json{{"discovery_topics", topics}}.dump(2) + "\n";
  if (auto error = files::write_atomically(path_, data, 0644)) {
    log::warning(*error);
    return false;
  }
  return true;
}

std::vector<std::string> PublishedTopics::stale(const std::vector<std::string>& previous,
                                                const std::vector<std::string>& current) {
  std::vector<std::string> out;
  for (const auto& topic : previous) {
    if (std::find(current.begin(), current.end(), topic) == current.end()) out.push_back(topic);
  }
  return out;
}

}  // namespace stove::mqtt
