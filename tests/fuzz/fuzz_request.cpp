// Control requests come from anyone in the socket's group, and the same
// handler serves MQTT commands. The input is a session: one request per line,
// as on the socket, each a few seconds after the last. It runs twice, once as
// local and once as remote requests, each against its own engine. Whatever
// the lines: every reply is an object with a boolean "ok" and, when false, a
// non-empty "error"; remote requests never unlock or drive the simulator; the
// engine never asks to be woken in the past.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "daemon/engine/engine.hpp"
#include "daemon/shell/request_handler.hpp"
#include "tests/fuzz/example_config.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using stove::fuzz::check;
using stove::fuzz::fail;
using stove::shell::Source;
namespace engine = stove::engine;

// The control server refuses longer lines before parsing them.
constexpr std::size_t kMaxRequestLine = 64 * 1024;

void check_body(const json& body, const json& request) {
  // As the control server serialises it; must not throw.
  const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
  const std::string context = " (request " + request.dump(-1, ' ', false, json::error_handler_t::replace) +
                              ", reply " + text + ")";
  if (!body.is_object() || !body.contains("ok") || !body["ok"].is_boolean()) fail("reply without a boolean ok" + context);
  if (body["ok"] == false) {
    if (!body.contains("error") || !body["error"].is_string() || body["error"].get<std::string>().empty()) {
      fail("refusal without an error text" + context);
    }
  }
}

class Session {
 public:
  explicit Session(Source source)
      : source_(source),
        cfg_(stove::fuzz::example_config()),
        engine_(cfg_, {}, std::vector<std::optional<bool>>(cfg_.burners.size(), true), now_),
        handler_(engine_, cfg_, nullptr, [this] { return now_; }) {}

  void request(const json& req) {
    const auto reply = handler_.handle(req, source_);
    check_body(reply.body, req);
    const bool ok = reply.body["ok"] == true;
    const auto cmd = req.is_object() && req.contains("cmd") && req["cmd"].is_string()
                         ? req["cmd"].get<std::string>()
                         : std::string();
    if (source_ == Source::remote && ok && (cmd == "unlock" || cmd == "sim")) {
      fail("a remote '" + cmd + "' was carried out: " + req.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    check(cmd != "sim" || !ok, "a sim request succeeded without a simulator");
    if (!reply.wait_for.empty()) {
      check(cmd == "off" && ok, "a reply that waits, but not for an accepted off");
      for (auto b : reply.wait_for) check(b < engine_.burner_count(), "waiting for a burner that does not exist");
      check_body(handler_.wait_result(reply.wait_for), req);
    }
    check(!reply.follow || cmd == "events", "a reply that follows events, but not to 'events'");
    pass_time(3s);
  }

 private:
  Source source_;
  const stove::config::Config& cfg_;
  engine::Now now_{engine::SteadyTime{100h},
                   engine::WallTime{std::chrono::sys_days{std::chrono::December / 4 / 2026}} + 17h};
  engine::Engine engine_;
  stove::shell::RequestHandler handler_;

  // What the shell does between requests: wake at each deadline on the way.
  void pass_time(engine::Duration d) {
    const auto until = now_.steady + d;
    for (auto next = engine_.next_deadline(); next && *next <= until; next = engine_.next_deadline()) {
      if (*next <= now_.steady) fail("the engine asks to be woken in the past");
      move_to(*next);
      engine_.advance(now_);
    }
    move_to(until);
    (void)engine_.take_events();
  }
  void move_to(engine::SteadyTime t) {
    now_.wall += std::chrono::duration_cast<engine::WallTime::duration>(t - now_.steady);
    now_.steady = t;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& cfg = stove::fuzz::example_config();
  check(cfg.mqtt && !cfg.mqtt->allow_remote_unlock, "the example config should refuse remote unlock");
  Session local(Source::local);
  Session remote(Source::remote);
  auto text = stove::fuzz::as_text(data, size);
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (line.size() > kMaxRequestLine) continue;
    const json req = json::parse(line, nullptr, false);
    if (req.is_discarded()) continue;  // answered "request is not valid JSON" by the server
    local.request(req);
    remote.request(req);
  }
  return 0;
}
