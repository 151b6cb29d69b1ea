// The TOML configuration is written by hand and read before anything else:
// whatever the bytes, loading either yields a valid configuration or problems
// that each point at a place in the file, never a crash or an exception.

#include <algorithm>
#include <cstdint>
#include <set>

#include "config/describe.hpp"
#include "config/load.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using stove::fuzz::check;
using stove::fuzz::fail;

const std::string kFileName = "fuzz.toml";

void check_problem(const stove::config::Problem& p) {
  const std::string text = p.to_string();
  if (p.line < 1 || p.column < 1) fail("problem without a position: " + text);
  if (p.file != kFileName) fail("problem names file '" + p.file + "': " + text);
  if (p.message.empty()) fail("problem without a message: " + text);
  const std::string expected =
      kFileName + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message;
  if (text != expected) fail("problem text '" + text + "' is not FILE:LINE:COL: message");
}

void check_valid(const stove::config::Config& cfg) {
  check(!cfg.burners.empty(), "a valid configuration without burners");
  std::set<std::string> ids;
  for (const auto& b : cfg.burners) {
    if (b.id.empty() || !ids.insert(b.id).second) fail("burner id '" + b.id + "' empty or repeated");
    // A zero pulse would make every cut of that burner a no-op.
    if (b.pulse.count() <= 0) fail("burner '" + b.id + "' has no relay pulse");
  }
  check(!stove::config::describe(cfg).empty(), "describe() of a valid configuration is empty");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto result = stove::config::load_string(stove::fuzz::as_text(data, size), kFileName);
  for (const auto& p : result.problems) check_problem(p);
  if (result.ok()) check_valid(result.config);
  return 0;
}
