#pragma once
// The JSON shapes of interfaces.md §1: `stovectl --json status` and the
// event lines of `stovectl events`.

#include <nlohmann/json.hpp>

#include "daemon/engine/records.hpp"
#include "daemon/engine/status.hpp"

namespace stove::shell {

nlohmann::json status_json(const engine::Status& s);
nlohmann::json event_json(const engine::EventRecord& e);

}  // namespace stove::shell
