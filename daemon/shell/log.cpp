#include "daemon/shell/log.hpp"

#include <cstdio>
#include <string>

namespace stove::log {

void write(Level level, std::string_view message) {
  // One write per line, so lines from the MQTT threads never interleave.
  std::string line = "<" + std::to_string(static_cast<int>(level)) + ">";
  line.append(message);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace stove::log
