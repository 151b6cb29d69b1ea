#pragma once
// The bridge's log lines: stderr with the systemd priority prefix, so journald
// files them at the right level. One write per line keeps lines whole.

#include <cstdio>
#include <string>
#include <string_view>

namespace stove::mqtt::log {

inline void line(char priority, std::string_view text) {
  std::string out = "<";
  out += priority;
  out += ">mqtt: ";
  out += text;
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stderr);
}

inline void warning(std::string_view text) { line('4', text); }
inline void info(std::string_view text) { line('6', text); }
inline void debug(std::string_view text) { line('7', text); }

}  // namespace stove::mqtt::log
