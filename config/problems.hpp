#pragma once
// Collects located problems and warnings while a file is read, so that every
// mistake is reported at once and in file order.

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/load.hpp"

namespace stove::config::schema {

class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}

  void add(const toml::source_position& at, std::string message);
  // For things that are missing from the whole file.
  void add_at_start(std::string message);
  void warn(const toml::source_position& at, const std::string& message);

  bool empty() const { return problems_.empty(); }
  // Sorted by position; problems at the same position keep their order.
  std::vector<Problem> take_sorted();
  std::vector<std::string> take_warnings() { return std::move(warnings_); }

 private:
  std::string file_;
  std::vector<Problem> problems_;
  std::vector<std::string> warnings_;
};

// "LINE:COL", as problem texts refer to other places in the file.
std::string to_string(const toml::source_position& at);

}  // namespace stove::config::schema
