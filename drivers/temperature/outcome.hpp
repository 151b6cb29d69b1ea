#pragma once
// The result of reading or parsing one value: the value, or a human reason why
// there is none. Errors stay values (not exceptions) because a bad reading is
// an ordinary event while the daemon runs.

#include <optional>
#include <string>
#include <utility>

namespace stove::drivers::temperature {

template <class T>
struct Outcome {
  std::optional<T> value;
  std::string error;  // set exactly when value is not

  static Outcome ok(T v) { return Outcome{std::move(v), {}}; }
  static Outcome fail(std::string why) { return Outcome{std::nullopt, std::move(why)}; }
};

}  // namespace stove::drivers::temperature
