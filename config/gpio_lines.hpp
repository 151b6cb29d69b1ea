#pragma once
// Every GPIO line the configuration claims, so that a line used twice (most
// dangerously a relay line that is also read as an input) is refused.

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/problems.hpp"

namespace stove::config::schema {

enum class LineRole { relay, output, input };

class GpioLines {
 public:
  // `key` and `owner` say what the line is for: "flame_line" of "burner 'left'"
  // or "hardware.buzzer_line" with no owner.
  void add(unsigned offset, LineRole role, std::string key, std::string owner, const toml::source_position& at);
  // Reports every later use of an already used line at that later use.
  void check(Problems& problems) const;

 private:
  struct Use {
    unsigned offset;
    LineRole role;
    std::string key;
    std::string owner;
    toml::source_position at;
    std::string describe(bool with_offset) const;
  };
  std::vector<Use> uses_;
};

}  // namespace stove::config::schema
