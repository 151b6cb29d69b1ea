#include "config/table_reader.hpp"

#include <algorithm>
#include <sstream>

#include "config/duration.hpp"

namespace stove::config::schema {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The schema key a typo most likely meant, if any is close enough.
std::optional<std::string> closest(std::string_view key, const std::vector<std::string>& candidates) {
  constexpr std::size_t kMaxDistance = 2;
  std::optional<std::string> best;
  std::size_t best_distance = kMaxDistance + 1;
  for (const auto& candidate : candidates) {
    // The distance is at least the length difference; skip the full computation.
    const std::size_t longer = std::max(key.size(), candidate.size());
    if (longer - std::min(key.size(), candidate.size()) > kMaxDistance) continue;
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string value_text(const toml::node& node) {
  std::ostringstream out;
  if (const auto* i = node.as_integer()) out << i->get();
  if (const auto* f = node.as_floating_point()) out << f->get();
  return out.str();
}

}  // namespace

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

TableReader::TableReader(const toml::table& table, std::string path, std::string title, Problems& problems)
    : table_(table), path_(std::move(path)), title_(std::move(title)), problems_(problems) {}

const toml::node* TableReader::find(std::string_view key) {
  if (std::find(schema_keys_.begin(), schema_keys_.end(), key) == schema_keys_.end()) {
    schema_keys_.emplace_back(key);
  }
  return table_.get(key);
}

bool TableReader::require(std::string_view key) {
  if (find(key) != nullptr) return true;
  problems_.add(position(), "missing required key '" + std::string(key) + "' in " + title_);
  return false;
}

std::string TableReader::name(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string TableReader::number_text(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node != nullptr ? value_text(*node) : std::string();
}

toml::source_position TableReader::position_of(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node != nullptr ? node->source().begin : position();
}

void TableReader::problem(std::string_view key, std::string message) {
  problems_.add(position_of(key), std::move(message));
}

void TableReader::type_error(std::string_view key, const toml::node& node, std::string_view expected) {
  problem(key, name(key) + " must be " + std::string(expected) + ", got " + std::string(type_name(node)));
}

std::optional<std::string> TableReader::string(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_string();
  if (value == nullptr) {
    type_error(key, *node, "a string");
    return std::nullopt;
  }
  if (value->get().empty()) {
    problem(key, name(key) + " must not be empty");
    return std::nullopt;
  }
  return value->get();
}

std::optional<std::string> TableReader::identifier(std::string_view key) {
  constexpr std::size_t kMaxLength = 64;
  auto text = string(key);
  if (!text) return std::nullopt;
  const bool valid = std::all_of(text->begin(), text->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!valid) {
    problem(key, name(key) + " must contain only a-z, 0-9 and _, got \"" + *text + "\"");
    return std::nullopt;
  }
  if (text->size() > kMaxLength) {
    problem(key, name(key) + " must be at most " + std::to_string(kMaxLength) + " characters, got " +
                     std::to_string(text->size()));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> TableReader::mqtt_topic(std::string_view key) {
  auto text = string(key);
  if (text && text->find_first_of("+#") != std::string::npos) {
    problem(key, name(key) + " must not contain the MQTT wildcards '+' or '#', got \"" + *text + "\"");
    return std::nullopt;
  }
  return text;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* value = node->as_boolean()) return value->get();
  type_error(key, *node, "a boolean (true or false)");
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_integer();
  if (value == nullptr) {
    type_error(key, *node, "an integer");
    return std::nullopt;
  }
  if (value->get() < min || value->get() > max) {
    problem(key, name(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                     ", got " + value_text(*node));
    return std::nullopt;
  }
  return value->get();
}

std::optional<double> TableReader::number(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node->as_floating_point()) return f->get();
  type_error(key, *node, "a number");
  return std::nullopt;
}

std::optional<Seconds> TableReader::duration(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_string();
  if (value == nullptr) {
    type_error(key, *node, "a duration string such as \"90s\", \"20m\" or \"1h30m\"");
    return std::nullopt;
  }
  std::string error;
  auto parsed = parse_duration(value->get(), &error);
  if (!parsed) problem(key, name(key) + ": " + error);
  return parsed;
}

std::optional<Line> TableReader::line(std::string_view line_key, std::string_view active_low_key) {
  constexpr std::int64_t kMaxLineOffset = 511;
  const auto offset = integer(line_key, 0, kMaxLineOffset);
  const auto active_low = boolean(active_low_key);
  if (active_low && find(line_key) == nullptr) {
    problem(active_low_key, name(active_low_key) + " is set but " + name(line_key) + " is missing");
  }
  if (!offset) return std::nullopt;
  return Line{static_cast<unsigned>(*offset), active_low.value_or(false)};
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return nullptr;
  if (const auto* value = node->as_table()) return value;
  type_error(key, *node, "a table [" + name(key) + "]");
  return nullptr;
}

const toml::array* TableReader::array_of_tables(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return nullptr;
  const auto* value = node->as_array();
  if (value == nullptr || !value->is_array_of_tables()) {
    type_error(key, *node, "an array of tables [[" + name(key) + "]]");
    return nullptr;
  }
  return value;
}

void TableReader::report_unknown_keys() {
  for (const auto& [key, node] : table_) {
    const std::string_view text = key.str();
    if (std::find(schema_keys_.begin(), schema_keys_.end(), text) != schema_keys_.end()) continue;
    std::string message;
    if (!path_.empty()) {
      message = "unknown key '" + std::string(text) + "' in " + title_;
    } else if (node.is_table()) {
      message = "unknown table [" + std::string(text) + "]";
    } else {
      message = "unknown key '" + std::string(text) + "' at the top level";
    }
    if (auto hint = closest(text, schema_keys_)) message += "; did you mean '" + *hint + "'?";
    const auto& at = key.source().begin.line != 0 ? key.source().begin : node.source().begin;
    problems_.add(at, std::move(message));
  }
}

}  // namespace stove::config::schema
