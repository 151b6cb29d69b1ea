#include "config/duration.hpp"

#include <cstdint>

namespace stove::config {
namespace {

using std::chrono::seconds;

// Anything longer is a typo ("1000h"), not a cooking time; the bound also
// keeps the arithmetic below far from overflow.
constexpr std::int64_t kMaxSeconds = 30LL * 24 * 60 * 60;

struct Unit {
  char symbol;
  std::int64_t seconds;
};
constexpr Unit kUnits[] = {{'h', 3600}, {'m', 60}, {'s', 1}};

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Index into kUnits, or -1.
int unit_index(char c) {
  for (int i = 0; i < 3; ++i) {
    if (kUnits[i].symbol == c) return i;
  }
  return -1;
}

std::optional<seconds> fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

}  // namespace

std::optional<seconds> parse_duration(std::string_view text, std::string* error) {
  if (text.empty()) return fail(error, "duration is empty (use e.g. \"90s\", \"20m\", \"1h30m\")");
  if (text.front() == '-') return fail(error, "duration must be positive, got " + quoted(text));
  if (text.front() == '+') return fail(error, "duration must not have a sign, got " + quoted(text));
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      return fail(error, "duration must not contain spaces, got " + quoted(text));
    }
    if (c == '.' || c == ',') {
      return fail(error, "duration must be whole seconds, no fractions, got " + quoted(text));
    }
  }

  std::int64_t total = 0;
  int next_unit = 0;  // units must come in kUnits order, each once
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t digits_begin = i;
    std::int64_t amount = 0;
    while (i < text.size() && is_digit(text[i])) {
      amount = amount * 10 + (text[i] - '0');
      if (amount > kMaxSeconds) return fail(error, "duration is too long (at most 720h), got " + quoted(text));
      ++i;
    }
    if (i == text.size()) {
      return fail(error, "missing unit after " + std::string(text.substr(digits_begin)) + " in " +
                             quoted(text) + " (use h, m, s)");
    }
    const char symbol = text[i];
    const int unit = unit_index(symbol);
    if (unit < 0) {
      return fail(error, "unknown unit '" + std::string(1, symbol) + "' in " + quoted(text) + " (use h, m, s)");
    }
    if (i == digits_begin) {
      return fail(error, "missing number before '" + std::string(1, symbol) + "' in " + quoted(text));
    }
    if (unit < next_unit) {
      return fail(error, "units must come in the order h, m, s, each at most once, in " + quoted(text));
    }
    next_unit = unit + 1;
    total += amount * kUnits[unit].seconds;
    if (total > kMaxSeconds) return fail(error, "duration is too long (at most 720h), got " + quoted(text));
    ++i;
  }
  if (total == 0) return fail(error, "duration must be positive, got " + quoted(text));
  return seconds{total};
}

std::string format_duration(seconds d) {
  if (d < seconds::zero()) return "-" + format_duration(-d);
  if (d == seconds::zero()) return "0s";
  std::int64_t left = d.count();
  std::string out;
  for (const Unit& unit : kUnits) {
    const std::int64_t amount = left / unit.seconds;
    left %= unit.seconds;
    if (amount > 0) out += std::to_string(amount) + unit.symbol;
  }
  return out;
}

}  // namespace stove::config
