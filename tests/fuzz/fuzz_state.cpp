// The durable state file is read back after every restart, and a power cut,
// a full disk or a hand edit can leave anything in it. Whatever the bytes:
// from_json returns a state or throws std::runtime_error, load() turns that
// into a usable state or a reported problem, and whatever the engine makes of
// a restored state saves back into a file that reads again.

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "daemon/engine/engine.hpp"
#include "daemon/state/state_file.hpp"
#include "tests/fuzz/example_config.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace std::chrono_literals;
using stove::fuzz::check;
using stove::fuzz::fail;
namespace engine = stove::engine;
namespace state = stove::state;

// A private directory for load(), removed when the process ends.
class ScratchDir {
 public:
  ScratchDir() {
    // Rewriting a file once per input costs seconds of I/O wait on a
    // disk-backed /tmp and nothing on tmpfs.
    const std::filesystem::path shm = "/dev/shm";
    const auto base = std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path();
    std::string name = (base / "stove-fuzz-state.XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) fail("cannot create a scratch directory");
    path_ = name;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::optional<engine::DurableState> parse(const std::string& text) {
  try {
    return state::from_json(text);
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }  // anything else escapes, terminates and counts as a crash
}

void check_load(const std::string& text, const std::optional<engine::DurableState>& parsed) {
  static const ScratchDir dir;
  std::ofstream(dir.path() + "/state.json", std::ios::binary | std::ios::trunc) << text;
  const auto loaded = state::load(dir.path());
  check(loaded.found, "load() did not find the state file");
  const bool usable = parsed && text.size() <= state::kMaxStateFileBytes;
  if (usable != !loaded.problem) fail("load() and from_json() disagree: " + loaded.problem.value_or("no problem"));
  // A lockout must never be dropped silently: an unusable file locks everything.
  check(loaded.problem.has_value() == loaded.state.state_unreadable, "load() problem without state_unreadable");
  if (usable) check(state::to_json(loaded.state) == state::to_json(*parsed), "load() differs from from_json()");
}

// What the daemon does next: restore the engine from the state, run it, save.
void check_restore(const engine::DurableState& restored) {
  const auto& cfg = stove::fuzz::example_config();
  const engine::Now now{engine::SteadyTime{100h},
                        engine::WallTime{std::chrono::sys_days{std::chrono::December / 4 / 2026}} + 17h};
  engine::Engine e(cfg, restored, std::vector<std::optional<bool>>(cfg.burners.size(), true), now);
  e.advance(now);
  (void)e.status(now);
  const std::string saved = state::to_json(e.durable(now));
  if (!parse(saved)) fail("the engine's own state does not read back:\n" + saved);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(stove::fuzz::as_text(data, size));
  const auto parsed = parse(text);
  check_load(text, parsed);
  if (!parsed) return 0;
  // What was read writes back and reads again unchanged.
  const std::string written = state::to_json(*parsed);
  const auto reread = parse(written);
  if (!reread) fail("to_json(from_json(input)) does not read back:\n" + written);
  if (state::to_json(*reread) != written) fail("the state changes when written and read again:\n" + written);
  check_restore(*parsed);
  return 0;
}
