#pragma once
// Reconnect delays: doubling from `first` up to `cap`, each stretched by a
// random factor so many devices that lost the same broker do not come back
// in lockstep.

#include <algorithm>
#include <chrono>
#include <random>

namespace stove::mqtt {

class Backoff {
 public:
  using Duration = std::chrono::milliseconds;

  Backoff(Duration first, Duration cap) : first_(first), cap_(cap), base_(first) {}

  // The next delay: base x [0.8, 1.2), then the base doubles up to the cap.
  Duration next(std::mt19937& rng) {
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    const auto delay = Duration(static_cast<Duration::rep>(static_cast<double>(base_.count()) * jitter(rng)));
    base_ = std::min(base_ * 2, cap_);
    return delay;
  }

  void reset() { base_ = first_; }

 private:
  Duration first_;
  Duration cap_;
  Duration base_;
};

}  // namespace stove::mqtt
