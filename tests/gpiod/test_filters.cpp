// The filter chain, replayed with explicit instants: each case is a list of
// raw edges and the filtered changes they must produce, with a perfect timer
// that calls on_deadline exactly when a deadline falls due.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "drivers/filters/filter_chain.hpp"
#include "drivers/filters/hold_filter.hpp"

namespace {

using namespace std::chrono_literals;
using stove::drivers::filters::Duration;
using stove::drivers::filters::FilterChain;
using stove::drivers::filters::TimePoint;
namespace filters = stove::drivers::filters;

struct Edge {
  long ms;
  bool value;
  bool operator==(const Edge&) const = default;
};

TimePoint at(long ms) { return TimePoint{} + std::chrono::milliseconds(ms); }
long ms_of(TimePoint t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t - TimePoint{}).count(); }

std::string show(const std::vector<Edge>& edges) {
  std::string text;
  for (const auto& e : edges) text += std::to_string(e.ms) + (e.value ? ":on " : ":off ");
  return text.empty() ? "(none)" : text;
}

// Fires every deadline due up to `until_ms`, recording what comes out.
void fire_due(FilterChain& chain, long until_ms, std::vector<Edge>& out) {
  while (const auto due = chain.next_deadline()) {
    if (ms_of(*due) > until_ms) break;
    if (const auto v = chain.on_deadline(*due)) out.push_back({ms_of(*due), *v});
  }
}

std::vector<Edge> replay(FilterChain chain, const std::vector<Edge>& raw, long until_ms) {
  std::vector<Edge> out;
  for (const auto& e : raw) {
    fire_due(chain, e.ms, out);
    if (const auto v = chain.new_value(e.value, at(e.ms))) out.push_back({e.ms, *v});
  }
  fire_due(chain, until_ms, out);
  return out;
}

FilterChain single(std::unique_ptr<filters::Filter> f) {
  std::vector<std::unique_ptr<filters::Filter>> v;
  v.push_back(std::move(f));
  return FilterChain(std::move(v));
}

struct Case {
  const char* name;
  std::vector<Edge> raw;
  std::vector<Edge> expected;
};

void check_cases(auto make_chain, const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto got = replay(make_chain(), c.raw, 100'000);
    CHECK_MESSAGE(got == c.expected, "got " << show(got) << " expected " << show(c.expected));
  }
}

}  // namespace

TEST_CASE("delayed-on passes true only after it lasted the hold - false at once") {
  check_cases([] { return single(filters::delayed_on(100ms)); },
              {
                  {"held true", {{0, true}}, {{100, true}}},
                  {"true too short", {{0, true}, {99, false}}, {}},
                  {"true then false", {{0, true}, {250, false}}, {{100, true}, {250, false}}},
                  {"repeated true keeps the first start", {{0, true}, {60, true}}, {{100, true}}},
                  {"retry after a short true", {{0, true}, {50, false}, {70, true}}, {{170, true}}},
                  {"false alone changes nothing", {{0, false}}, {}},
              });
}

TEST_CASE("delayed-off passes true at once - false only after it lasted the hold") {
  check_cases([] { return single(filters::delayed_off(100ms)); },
              {
                  {"true at once", {{0, true}}, {{0, true}}},
                  {"short gap bridged", {{0, true}, {50, false}, {149, true}}, {{0, true}}},
                  {"long gap", {{0, true}, {50, false}}, {{0, true}, {150, false}}},
                  {"repeated false keeps the first start", {{0, true}, {50, false}, {90, false}}, {{0, true}, {150, false}}},
              });
}

TEST_CASE("debounce needs either value to be stable for the hold") {
  check_cases([] { return filters::settle_filter(50ms); },
              {
                  {"contact bounce", {{0, true}, {5, false}, {9, true}, {12, false}, {15, true}}, {{65, true}}},
                  {"press and release", {{0, true}, {300, false}}, {{50, true}, {350, false}}},
                  {"glitch while active", {{0, true}, {200, false}, {230, true}}, {{50, true}}},
                  {"spike while idle", {{0, true}, {49, false}}, {}},
              });
}

TEST_CASE("a steady flame is lit after on_hold and out after off_hold") {
  // on_hold 500 ms, off_hold 3000 ms: gaps up to 250 ms are flicker.
  check_cases([] { return filters::flame_filter(500ms, 3000ms); },
              {
                  {"lit and blown out", {{0, true}, {10'000, false}}, {{500, true}, {13'000, false}}},
                  {"an igniter spark", {{0, true}, {10, false}}, {}},
                  {"a flash shorter than half of on_hold", {{0, true}, {240, false}, {241, false}}, {}},
                  {"seen with a flicker gap inside on_hold",
                   {{0, true}, {200, false}, {400, true}, {10'000, false}},
                   {{500, true}, {13'000, false}}},
                  {"a gap longer than the bridge restarts on_hold",
                   {{0, true}, {200, false}, {451, true}, {10'000, false}},
                   {{951, true}, {13'000, false}}},
                  {"a dropout shorter than off_hold while lit", {{0, true}, {5000, false}, {7999, true}}, {{500, true}}},
                  {"a dropout of exactly off_hold while lit", {{0, true}, {5000, false}, {8000, true}},
                   {{500, true}, {8000, false}, {8500, true}}},
              });
}

TEST_CASE("blips of light that are no flame never read lit") {
  // The gpio-sim rig's scenario: 50 ms of light every 250 ms, on_hold 300 ms.
  std::vector<Edge> raw;
  for (long k = 0; k < 5; ++k) {
    raw.push_back({k * 250, true});
    raw.push_back({k * 250 + 50, false});
  }
  const auto got = replay(filters::flame_filter(300ms, 1000ms), raw, 100'000);
  CHECK_MESSAGE(got.empty(), "got " << show(got));
}

TEST_CASE("a flickering flame reads as one lit period") {
  constexpr long kOnHold = 500;
  constexpr long kOffHold = 3000;
  constexpr long kStep = 40;
  std::vector<Edge> raw;
  for (long k = 0; k < 50; ++k) raw.push_back({k * kStep, k % 2 == 0});
  const long last_seen = raw.back().ms;  // the sequence ends with the flame gone
  REQUIRE_FALSE(raw.back().value);

  const auto got = replay(filters::flame_filter(std::chrono::milliseconds(kOnHold), std::chrono::milliseconds(kOffHold)),
                          raw, 100'000);
  const std::vector<Edge> expected{{kOnHold, true}, {last_seen + kOffHold, false}};
  CHECK_MESSAGE(got == expected, "got " << show(got));
}

TEST_CASE("a value that falls due upstream enters the next filter at its due instant") {
  std::vector<std::unique_ptr<filters::Filter>> two;
  two.push_back(filters::delayed_on(100ms));
  two.push_back(filters::delayed_on(100ms));
  FilterChain chain(std::move(two));

  CHECK_FALSE(chain.new_value(true, at(0)));
  REQUIRE(chain.next_deadline() == at(100));
  // The timer wakes late; the second hold still counts from 100 ms.
  CHECK_FALSE(chain.on_deadline(at(150)));
  CHECK(chain.next_deadline() == at(200));
  CHECK(chain.on_deadline(at(260)) == true);
  CHECK(chain.value());
  CHECK_FALSE(chain.next_deadline());
}

TEST_CASE("on_deadline before the deadline does nothing") {
  auto chain = single(filters::delayed_on(100ms));
  chain.new_value(true, at(0));
  CHECK_FALSE(chain.on_deadline(at(99)));
  CHECK_FALSE(chain.value());
  CHECK(chain.on_deadline(at(100)) == true);
}
