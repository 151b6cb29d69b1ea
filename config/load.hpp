#pragma once
// Loading and validating the TOML configuration. Every problem is reported as
// "FILE:LINE:COL: message" (FILE as given), all at once, before anything is
// touched.

#include <string>
#include <vector>

#include "config/config.hpp"

namespace stove::config {

struct Problem {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
  std::string message;
  std::string to_string() const;  // "FILE:LINE:COL: message"
};

struct LoadResult {
  Config config;
  std::vector<Problem> problems;  // empty: config is valid
  std::vector<std::string> warnings;
  bool ok() const { return problems.empty(); }
};

LoadResult load_file(const std::string& path);
LoadResult load_string(std::string_view toml, const std::string& file_name);

}  // namespace stove::config
