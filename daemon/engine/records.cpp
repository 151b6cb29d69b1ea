#include "daemon/engine/records.hpp"

#include <array>
#include <utility>

namespace stove::engine {
namespace {

constexpr std::array kReasons = {
    std::pair{Reason::manual, std::string_view{"manual"}},
    std::pair{Reason::timer, std::string_view{"timer"}},
    std::pair{Reason::away, std::string_view{"away"}},
    std::pair{Reason::unattended, std::string_view{"unattended"}},
    std::pair{Reason::max_on, std::string_view{"max_on"}},
    std::pair{Reason::overheat, std::string_view{"overheat"}},
    std::pair{Reason::alarm, std::string_view{"alarm"}},
    std::pair{Reason::sensor_fault, std::string_view{"sensor_fault"}},
};

constexpr std::array kKinds = {
    std::pair{EventKind::warning, std::string_view{"warning"}},
    std::pair{EventKind::cancelled, std::string_view{"cancelled"}},
    std::pair{EventKind::shutoff, std::string_view{"shutoff"}},
    std::pair{EventKind::confirmed, std::string_view{"confirmed"}},
    std::pair{EventKind::retry, std::string_view{"retry"}},
    std::pair{EventKind::shutoff_failed, std::string_view{"shutoff_failed"}},
    std::pair{EventKind::expired, std::string_view{"expired"}},
    std::pair{EventKind::fault, std::string_view{"fault"}},
    std::pair{EventKind::recovered, std::string_view{"recovered"}},
    std::pair{EventKind::locked, std::string_view{"locked"}},
    std::pair{EventKind::unlocked, std::string_view{"unlocked"}},
};

template <typename Table, typename Value>
std::string_view name_of(const Table& table, Value v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "?";
}

template <typename Value, typename Table>
std::optional<Value> value_of(const Table& table, std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Reason r) { return name_of(kReasons, r); }
std::optional<Reason> reason_from_string(std::string_view s) { return value_of<Reason>(kReasons, s); }
std::string_view to_string(EventKind k) { return name_of(kKinds, k); }
std::optional<EventKind> event_kind_from_string(std::string_view s) {
  return value_of<EventKind>(kKinds, s);
}

}  // namespace stove::engine
