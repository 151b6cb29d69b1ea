#include "config/load.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <toml++/toml.h>

#include "config/sections.hpp"
#include "config/table_reader.hpp"

namespace stove::config {
namespace {

// A configuration is a few kilobytes; the limit keeps a hostile or mistaken
// input (the parser is fuzzed) from costing much memory or time.
constexpr std::size_t kMaxFileSize = 1024 * 1024;

using schema::Context;
using schema::Problems;
using schema::TableReader;

// Reads table `key` of the root with `read` when present; a missing required
// table is a problem of the whole file.
template <class Read>
void section(TableReader& root, std::string_view key, bool required, Problems& problems, Read read) {
  if (const toml::table* table = root.table(key)) {
    read(*table);
  } else if (required && root.find(key) == nullptr) {
    problems.add_at_start("missing required table [" + std::string(key) + "]");
  }
}

// Input topics only mean something when there is a broker to subscribe to.
void check_topics_need_mqtt(const toml::table& root, const Config& config, Problems& problems) {
  if (config.mqtt) return;
  const std::pair<std::string_view, bool> topics[] = {{"presence.mqtt_topic", config.presence.mqtt_topic.has_value()},
                                                      {"alarm.smoke_topic", config.alarm.smoke_topic.has_value()},
                                                      {"alarm.gas_topic", config.alarm.gas_topic.has_value()}};
  for (const auto& [path, set] : topics) {
    if (set) problems.add(root.at_path(path).node()->source().begin, std::string(path) + " needs an [mqtt] table");
  }
}

void read_config(const toml::table& root, Config& config, Problems& problems) {
  schema::GpioLines lines;
  Context context{problems, lines};
  TableReader reader(root, "", "the top level", problems);

  section(reader, "device", true, problems, [&](auto& t) { schema::read_device(t, config.device, context); });
  section(reader, "hardware", true, problems, [&](auto& t) { schema::read_hardware(t, config.hardware, context); });
  section(reader, "cutoff", false, problems, [&](auto& t) { schema::read_cutoff(t, config.cutoff, context); });
  if (const toml::array* burners = reader.array_of_tables("burner")) {
    schema::read_burners(*burners, config.cutoff, config.burners, context);
  } else if (reader.find("burner") == nullptr) {
    problems.add_at_start("at least one [[burner]] is required");
  }
  section(reader, "presence", false, problems, [&](auto& t) { schema::read_presence(t, config.presence, context); });
  section(reader, "alarm", false, problems, [&](auto& t) { schema::read_alarm(t, config.alarm, context); });
  section(reader, "rules", false, problems, [&](auto& t) { schema::read_rules(t, config.rules, context); });
  section(reader, "mqtt", false, problems, [&](auto& t) {
    schema::read_mqtt(t, config.device.id, config.mqtt.emplace(), context);
  });
  section(reader, "control", false, problems, [&](auto& t) { schema::read_control(t, config.control, context); });
  section(reader, "state", false, problems, [&](auto& t) { schema::read_state(t, config.state, context); });
  reader.report_unknown_keys();

  check_topics_need_mqtt(root, config, problems);
  lines.check(problems);
}

LoadResult finish(Problems& problems, Config config) {
  LoadResult result;
  result.config = std::move(config);
  result.problems = problems.take_sorted();
  result.warnings = problems.take_warnings();
  return result;
}

}  // namespace

std::string Problem::to_string() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

LoadResult load_string(std::string_view toml, const std::string& file_name) {
  Problems problems(file_name);
  Config config;
  if (toml.size() > kMaxFileSize) {
    problems.add_at_start("the file is larger than 1 MiB, which no configuration needs");
    return finish(problems, std::move(config));
  }
  try {
    const toml::table root = toml::parse(toml, file_name);
    read_config(root, config, problems);
  } catch (const toml::parse_error& error) {
    problems.add(error.source().begin, std::string(error.description()));
  }
  return finish(problems, std::move(config));
}

LoadResult load_file(const std::string& path) {
  const auto fail = [&](const std::string& message) {
    LoadResult result;
    result.problems.push_back(Problem{path, 1, 1, message});
    return result;
  };
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return fail(std::string("cannot read: ") + std::strerror(errno));

  // One byte more than allowed tells "too large" apart from "exactly full".
  std::string text(kMaxFileSize + 1, '\0');
  const std::size_t size = std::fread(text.data(), 1, text.size(), file.get());
  if (std::ferror(file.get()) != 0) return fail(std::string("cannot read: ") + std::strerror(errno));
  text.resize(size);
  return load_string(text, path);
}

}  // namespace stove::config
