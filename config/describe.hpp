#pragma once
// A human summary of the effective configuration (defaults filled in), which
// the daemon logs at start so the journal shows what it believes. Secrets are
// never part of it.

#include <string>

#include "config/config.hpp"

namespace stove::config {

// Several lines, each ending in '\n'.
std::string describe(const Config& config);

}  // namespace stove::config
