#pragma once
// How a fuzz target reports a broken invariant: one line saying which, then
// abort(), so that the replay driver and libFuzzer both stop on it and keep
// the input that caused it.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace stove::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void check(bool holds, std::string_view what) {
  if (!holds) fail(std::string(what));
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace stove::fuzz
