#pragma once
// Builds small TOML files for the loader tests and returns what the loader
// says about them, so each test reads as "this text gives these problems".

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/load.hpp"

namespace stove::config::test {

// The smallest valid file: 8 lines, so text appended by with() starts on
// line 9 and expected positions can be read off the test.
inline constexpr std::string_view kMinimal =
    "[device]\n"
    "id = \"d\"\n"
    "[hardware]\n"
    "backend = \"sim\"\n"
    "[[burner]]\n"
    "id = \"a\"\n"
    "relay_line = 1\n"
    "flame_line = 2\n";

inline std::string with(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

inline std::vector<std::string> problems(std::string_view toml) {
  std::vector<std::string> texts;
  for (const auto& problem : load_string(toml, "t.toml").problems) texts.push_back(problem.to_string());
  return texts;
}

inline std::vector<std::string> one(std::string text) { return {std::move(text)}; }

}  // namespace stove::config::test

// Failed comparisons show every problem text.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& texts) {
    std::string out = "{";
    for (const auto& text : texts) out += "\n  \"" + text + "\"";
    return (out + "}").c_str();
  }
};
