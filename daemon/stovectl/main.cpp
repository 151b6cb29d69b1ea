// stovectl: the command-line client of stoved. Exit codes: 0 done, 1 the
// daemon refused (reason on stderr), 2 usage error, 3 daemon not reachable.

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "config/duration.hpp"
#include "config/load.hpp"
#include "daemon/shell/time_format.hpp"
#include "daemon/stovectl/client.hpp"
#include "daemon/stovectl/render.hpp"

namespace {

using nlohmann::json;

enum Exit { kDone = 0, kRefused = 1, kUsage = 2, kUnreachable = 3 };

struct Usage : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string socket;
  bool json = false;
};

int fail(const Options& o, int code, const std::string& message) {
  if (o.json) std::cout << json{{"ok", false}, {"error", message}}.dump() << '\n';
  std::cerr << "stovectl: " << message << '\n';
  return code;
}

std::int64_t seconds_of(const std::string& text) {
  std::string error;
  auto d = stove::config::parse_duration(text, &error);
  if (!d) throw Usage(error);
  return d->count();
}

// Sends one request and prints the reply; events may keep streaming.
int run(const Options& o, const json& request, const std::string& subcommand) {
  stove::ctl::Client client(o.socket);
  client.send(request);
  auto reply = client.receive();
  if (!reply) throw stove::ctl::Unreachable("stoved closed the connection without a reply");
  if (!reply->value("ok", false)) return fail(o, kRefused, reply->value("error", "refused"));
  if (subcommand == "events") {
    for (const auto& e : (*reply)["events"]) std::cout << (o.json ? e.dump() : stove::ctl::render_event(e)) << '\n';
    std::cout.flush();
    if (request.value("follow", false)) {
      while (auto e = client.receive()) {
        std::cout << (o.json ? e->dump() : stove::ctl::render_event(*e)) << std::endl;
      }
    }
    return kDone;
  }
  if (o.json) {
    std::cout << reply->dump() << '\n';
  } else if (subcommand == "status") {
    std::cout << stove::ctl::render_status(*reply);
  } else {
    const std::string who = request.contains("burner") ? request["burner"].get<std::string>() : "every burner";
    if (reply->contains("shutoff_at")) {
      std::cout << who << " will be cut at " << (*reply)["shutoff_at"].get<std::string>() << '\n';
    }
    if (reply->contains("cutting") && !(*reply)["cutting"].empty()) {
      std::string ids;
      for (const auto& id : (*reply)["cutting"]) ids += (ids.empty() ? "" : ", ") + id.get<std::string>();
      std::cout << "cutting " << ids << (request.value("wait", false) ? ": flame confirmed out" : "") << '\n';
    }
    if (reply->contains("note")) std::cout << (*reply)["note"].get<std::string>() << '\n';
  }
  return kDone;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (const char* env = std::getenv("STOVED_SOCKET"); env && *env) o.socket = env;
  if (o.socket.empty()) o.socket = "/run/stoved/control.sock";
  for (int i = 1; i < argc; ++i) o.json = o.json || std::string(argv[i]) == "--json";

  CLI::App app{"stovectl: control stoved, the stoveguard daemon"};
  app.fallthrough();  // --socket/--json are accepted after the command too
  app.require_subcommand(1);
  app.add_option("--socket", o.socket, "control socket (default $STOVED_SOCKET or /run/stoved/control.sock)");
  app.add_flag("--json", o.json, "print JSON (JSON Lines for events)");

  std::string burner, after, at, duration, state, path, action, fault, celsius_text;
  bool now = false, wait = false, follow = false;
  int count = 20;

  app.add_subcommand("status", "the stove, every burner, timers, lockout and problems");
  auto* off = app.add_subcommand("off", "cut now, after a delay or at a local time");
  off->add_option("BURNER", burner, "burner id (default: every burner)");
  auto* o_now = off->add_flag("--now", now, "cut now (the default)");
  auto* o_after = off->add_option("--after", after, "cut after a duration, e.g. 20m, 1h30m, 90s");
  auto* o_at = off->add_option("--at", at, "cut at the next local HH:MM");
  off->add_flag("--wait", wait, "wait for the closed-loop check (exit 1 if the flame survived)");
  o_now->excludes(o_after)->excludes(o_at);
  o_after->excludes(o_at);
  auto* cancel = app.add_subcommand("cancel", "cancel pending timed cuts");
  cancel->add_option("BURNER", burner, "burner id (default: every timer)");
  auto* extend = app.add_subcommand("extend", "push the nearest pending automatic cut back");
  extend->add_option("DURATION", duration, "e.g. 10m")->required();
  app.add_subcommand("here", "acknowledge presence: resets the unattended timer, cancels its warning");
  auto* lock = app.add_subcommand("lock", "lock a burner (or all): it cannot stay lit");
  lock->add_option("BURNER", burner, "burner id (default: every burner)");
  auto* unlock = app.add_subcommand("unlock", "end a lockout");
  unlock->add_option("BURNER", burner, "burner id (default: every burner)");
  auto* away = app.add_subcommand("away", "away mode on or off");
  away->add_option("STATE", state, "on | off")->required()->check(CLI::IsMember({"on", "off"}));
  auto* guard = app.add_subcommand("guard", "switch the unattended-flame rule on or off");
  guard->add_option("STATE", state, "on | off")->required()->check(CLI::IsMember({"on", "off"}));
  auto* events = app.add_subcommand("events", "recent shutoffs, warnings and faults");
  events->add_flag("-f,--follow", follow, "keep printing new events");
  events->add_option("-n", count, "how many recent events (0-200)")->check(CLI::Range(0, 200));
  auto* config = app.add_subcommand("config", "configuration tools");
  config->require_subcommand(1);
  auto* check = config->add_subcommand("check", "validate a configuration file (same as stoved --check-config)");
  check->add_option("PATH", path, "configuration file")->required();
  auto* sim = app.add_subcommand("sim", "drive the simulated stove (backend = \"sim\" only)");
  sim->add_option("ACTION", action, "ignite | extinguish | temp | motion | fault")
      ->required()
      ->check(CLI::IsMember({"ignite", "extinguish", "temp", "motion", "fault"}));
  sim->add_option("BURNER", burner, "burner id");
  sim->add_option("VALUE", fault, "temp: degrees Celsius; fault: stuck-valve | sensor-unplugged | clear");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(o, kUsage, e.what());
  }

  try {
    const auto* sub = app.get_subcommands().front();
    const std::string name = sub->get_name();
    json req = {{"cmd", name}};
    if (!burner.empty() && name != "sim") req["burner"] = burner;
    if (name == "config") {
      const auto r = stove::config::load_file(path);
      for (const auto& w : r.warnings) std::cerr << "warning: " << w << '\n';
      for (const auto& p : r.problems) std::cerr << p.to_string() << '\n';
      if (o.json) {
        json problems = json::array();
        for (const auto& p : r.problems) problems.push_back(p.to_string());
        std::cout << json{{"ok", r.ok()}, {"problems", problems}}.dump() << '\n';
      } else if (r.ok()) {
        std::cout << path << ": ok\n";
      }
      return r.ok() ? kDone : kRefused;
    }
    if (name == "off") {
      if (!after.empty()) req["after_s"] = seconds_of(after);
      if (!at.empty()) {
        if (!stove::shell::parse_hh_mm(at)) throw Usage("--at takes a local time HH:MM (00:00 to 23:59), got '" + at + "'");
        req["at"] = at;
      }
      if (wait) req["wait"] = true;
    } else if (name == "extend") {
      req["seconds"] = seconds_of(duration);
    } else if (name == "away" || name == "guard") {
      req["on"] = state == "on";
    } else if (name == "events") {
      req["n"] = count;
      req["follow"] = follow;
    } else if (name == "sim") {
      req["action"] = action;
      if (action != "motion") {
        if (burner.empty()) throw Usage("sim " + action + " needs a BURNER");
        req["burner"] = burner;
      }
      if (action == "temp") {
        char* end = nullptr;
        const double c = std::strtod(fault.c_str(), &end);
        if (fault.empty() || *end != '\0') throw Usage("sim temp needs a temperature in °C, e.g. 182.5");
        req["celsius"] = c;
      } else if (action == "fault") {
        if (fault.empty()) throw Usage("sim fault needs stuck-valve, sensor-unplugged or clear");
        req["fault"] = fault;
      }
    }
    return run(o, req, name);
  } catch (const Usage& e) {
    return fail(o, kUsage, e.what());
  } catch (const stove::ctl::Unreachable& e) {
    return fail(o, kUnreachable, e.what());
  }
}
