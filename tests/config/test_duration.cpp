#include <doctest/doctest.h>

#include "config/duration.hpp"

namespace stove::config {
namespace {

using std::chrono::seconds;

std::string error_of(std::string_view text) {
  std::string error;
  CHECK_FALSE(parse_duration(text, &error).has_value());
  return error;
}

TEST_CASE("durations: every accepted form") {
  CHECK(parse_duration("90s") == seconds{90});
  CHECK(parse_duration("1s") == seconds{1});
  CHECK(parse_duration("20m") == seconds{20 * 60});
  CHECK(parse_duration("2h") == seconds{2 * 3600});
  CHECK(parse_duration("1h30m") == seconds{5400});
  CHECK(parse_duration("1h0m5s") == seconds{3605});
  CHECK(parse_duration("1m30s") == seconds{90});
  CHECK(parse_duration("1h5s") == seconds{3605});
  CHECK(parse_duration("0h1s") == seconds{1});
  CHECK(parse_duration("007m") == seconds{7 * 60});
  CHECK(parse_duration("720h") == seconds{720 * 3600});
  CHECK(parse_duration("90m") == seconds{90 * 60});  // no carrying rule: 90m is fine
}

TEST_CASE("durations: the error is optional") {
  CHECK_FALSE(parse_duration("nope").has_value());
}

TEST_CASE("durations: refused forms say why") {
  CHECK(error_of("") == "duration is empty (use e.g. \"90s\", \"20m\", \"1h30m\")");
  CHECK(error_of("0s") == "duration must be positive, got \"0s\"");
  CHECK(error_of("0h0m0s") == "duration must be positive, got \"0h0m0s\"");
  CHECK(error_of("-5s") == "duration must be positive, got \"-5s\"");
  CHECK(error_of("+5s") == "duration must not have a sign, got \"+5s\"");
  CHECK(error_of("5x") == "unknown unit 'x' in \"5x\" (use h, m, s)");
  CHECK(error_of("5S") == "unknown unit 'S' in \"5S\" (use h, m, s)");
  CHECK(error_of("5ms") == "missing number before 's' in \"5ms\"");
  CHECK(error_of("5") == "missing unit after 5 in \"5\" (use h, m, s)");
  CHECK(error_of("1h30") == "missing unit after 30 in \"1h30\" (use h, m, s)");
  CHECK(error_of("h") == "missing number before 'h' in \"h\"");
  CHECK(error_of("1hm") == "missing number before 'm' in \"1hm\"");
  CHECK(error_of("5s3m") == "units must come in the order h, m, s, each at most once, in \"5s3m\"");
  CHECK(error_of("1m1m") == "units must come in the order h, m, s, each at most once, in \"1m1m\"");
  CHECK(error_of("1h 30m") == "duration must not contain spaces, got \"1h 30m\"");
  CHECK(error_of(" 5s") == "duration must not contain spaces, got \" 5s\"");
  CHECK(error_of("1.5h") == "duration must be whole seconds, no fractions, got \"1.5h\"");
  CHECK(error_of("1,5h") == "duration must be whole seconds, no fractions, got \"1,5h\"");
}

TEST_CASE("durations: absurd values are refused without overflowing") {
  CHECK(error_of("721h") == "duration is too long (at most 720h), got \"721h\"");
  CHECK(error_of("720h1s") == "duration is too long (at most 720h), got \"720h1s\"");
  CHECK(error_of("99999999999999999999999s") ==
        "duration is too long (at most 720h), got \"99999999999999999999999s\"");
  CHECK(error_of("2592001s") == "duration is too long (at most 720h), got \"2592001s\"");
}

TEST_CASE("durations: canonical spelling") {
  CHECK(format_duration(seconds{5400}) == "1h30m");
  CHECK(format_duration(seconds{45}) == "45s");
  CHECK(format_duration(seconds{7200}) == "2h");
  CHECK(format_duration(seconds{3605}) == "1h5s");
  CHECK(format_duration(seconds{0}) == "0s");
  CHECK(format_duration(seconds{-90}) == "-1m30s");
}

TEST_CASE("durations: formatting and parsing round-trip") {
  for (const long long s : {1LL, 59LL, 60LL, 61LL, 3599LL, 3600LL, 3661LL, 86400LL, 2592000LL}) {
    CAPTURE(s);
    CHECK(parse_duration(format_duration(seconds{s})) == seconds{s});
  }
}

}  // namespace
}  // namespace stove::config
