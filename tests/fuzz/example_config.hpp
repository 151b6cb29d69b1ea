#pragma once
// The configuration the request, MQTT and state targets run under: the
// shipped example (two burners, MQTT on, remote unlock off), loaded once per
// process because libFuzzer calls a target millions of times.

#include <string>

#include "config/load.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace stove::fuzz {

inline const config::Config& example_config() {
  static const config::Config cfg = [] {
    auto loaded = config::load_file(STOVE_FUZZ_EXAMPLE_CONFIG);
    if (!loaded.ok()) fail("cannot load " + std::string(STOVE_FUZZ_EXAMPLE_CONFIG) + ": " + loaded.problems[0].to_string());
    return loaded.config;
  }();
  return cfg;
}

}  // namespace stove::fuzz
