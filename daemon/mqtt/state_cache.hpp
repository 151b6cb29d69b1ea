#pragma once
// Publish-on-change with a deadband: remembers what each retained state topic
// last carried so only differences go out, and keeps noisy temperatures from
// flooding the broker.

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "daemon/mqtt/payloads.hpp"

namespace stove::mqtt {

struct Deadband {
  double min_change = 0.5;                      // °C that are always worth a message
  std::chrono::seconds max_quiet{10};           // a smaller change still goes out after this
};

class StateCache {
 public:
  using Clock = std::chrono::steady_clock;
  struct Publication {
    std::string topic;  // relative to the base
    std::string payload;
  };

  // Topics in `deadbanded` carry numbers (or "None") and are rate-limited.
  StateCache(std::set<std::string> deadbanded, Deadband deadband);

  // Takes the latest snapshot; returns what should be published now.
  std::vector<Publication> update(const StatePayloads& latest, Clock::time_point now);

  // Everything latest, for a fresh connection; marks it all published.
  std::vector<Publication> everything(Clock::time_point now);

  // The latest payload of one topic (to re-assert a state after a refused command).
  std::vector<Publication> latest(const std::string& topic) const;

 private:
  struct Sent {
    std::string payload;
    Clock::time_point at;
  };
  bool worth_sending(const std::string& topic, const std::string& payload, Clock::time_point now) const;

  std::set<std::string> deadbanded_;
  Deadband deadband_;
  StatePayloads latest_;
  std::map<std::string, Sent> sent_;
};

}  // namespace stove::mqtt
