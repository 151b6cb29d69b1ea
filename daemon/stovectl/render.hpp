#pragma once
// Human-readable output of stovectl (the --json output is the reply itself).

#include <nlohmann/json.hpp>
#include <string>

namespace stove::ctl {

std::string render_status(const nlohmann::json& status);
std::string render_event(const nlohmann::json& event);

}  // namespace stove::ctl
