#pragma once
// Reads one TOML table against its schema: typed lookups that report wrong
// types and ranges with the value's position, and afterwards every key the
// schema never asked for as unknown (with a spelling hint).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "config/config.hpp"
#include "config/problems.hpp"

namespace stove::config::schema {

class TableReader {
 public:
  // `path` prefixes key names in messages ("rules" -> "rules.max_on"); the
  // root table has an empty path. `title` names the table ("[rules]").
  TableReader(const toml::table& table, std::string path, std::string title, Problems& problems);

  // Every lookup below marks `key` as part of the schema.
  const toml::node* find(std::string_view key);
  // Reports the key as missing (at the table) when absent.
  bool require(std::string_view key);

  std::optional<std::string> string(std::string_view key);  // non-empty
  // [a-z0-9_]+, as ids end up in MQTT topics and Home Assistant unique_ids.
  std::optional<std::string> identifier(std::string_view key);
  // A topic to publish on or subscribe to: no wildcards.
  std::optional<std::string> mqtt_topic(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<double> number(std::string_view key);  // integer or float
  std::optional<Seconds> duration(std::string_view key);
  std::optional<Line> line(std::string_view line_key, std::string_view active_low_key);
  const toml::table* table(std::string_view key);
  const toml::array* array_of_tables(std::string_view key);

  template <class Enum>
  std::optional<Enum> choice(std::string_view key,
                             std::initializer_list<std::pair<std::string_view, Enum>> options) {
    const auto text = string(key);
    if (!text) return std::nullopt;
    std::string accepted;
    for (const auto& [name, value] : options) {
      if (name == *text) return value;
      accepted += (accepted.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    }
    problem(key, name(key) + " must be one of " + accepted + ", got \"" + *text + "\"");
    return std::nullopt;
  }

  // A problem with the value of `key` (which must be present).
  void problem(std::string_view key, std::string message);
  std::string name(std::string_view key) const;
  // A numeric value as messages quote it.
  std::string number_text(std::string_view key) const;
  toml::source_position position_of(std::string_view key) const;
  toml::source_position position() const { return table_.source().begin; }

  // Call once all lookups are done.
  void report_unknown_keys();

 private:
  void type_error(std::string_view key, const toml::node& node, std::string_view expected);

  const toml::table& table_;
  std::string path_;
  std::string title_;
  Problems& problems_;
  std::vector<std::string> schema_keys_;
};

// The TOML type of a node, as messages name it.
std::string_view type_name(const toml::node& node);

}  // namespace stove::config::schema
