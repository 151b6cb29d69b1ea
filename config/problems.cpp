#include "config/problems.hpp"

#include <algorithm>

namespace stove::config::schema {

void Problems::add(const toml::source_position& at, std::string message) {
  problems_.push_back(Problem{file_, at.line, at.column, std::move(message)});
}

void Problems::add_at_start(std::string message) { add(toml::source_position{1, 1}, std::move(message)); }

void Problems::warn(const toml::source_position& at, const std::string& message) {
  warnings_.push_back(Problem{file_, at.line, at.column, message}.to_string());
}

std::vector<Problem> Problems::take_sorted() {
  std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return std::move(problems_);
}

std::string to_string(const toml::source_position& at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

}  // namespace stove::config::schema
