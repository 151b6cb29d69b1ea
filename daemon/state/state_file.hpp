#pragma once
// The durable state on disk: <state.dir>/state.json, written with
// write-temp + fsync + rename (+ fsync of the directory) so that a power cut
// leaves either the old or the new file, never a torn one.

#include <cstddef>
#include <optional>
#include <string>

#include "daemon/engine/durable.hpp"

namespace stove::state {

inline constexpr std::size_t kMaxStateFileBytes = 1 << 20;

struct Loaded {
  engine::DurableState state;
  bool found = false;                  // false: no state file yet (first start)
  std::optional<std::string> problem;  // set when the file existed but could not be used
};

std::string to_json(const engine::DurableState& s);
// Throws std::runtime_error with a description when the text is not a state file.
engine::DurableState from_json(const std::string& text);

// A missing file is a fresh start. An unreadable or corrupt one is reported
// and yields a state with state_unreadable set: the engine then locks every
// burner rather than guess (a lockout must never be dropped silently).
Loaded load(const std::string& dir);

// Returns an error description, or std::nullopt when the state is on disk.
std::optional<std::string> save(const std::string& dir, const std::string& json);

}  // namespace stove::state
