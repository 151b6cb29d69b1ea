// stoved: the stoveguard daemon. Exit codes: 0 stopped cleanly (or config
// valid), 1 invalid configuration or hardware/socket set-up failed, 2 usage.

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <iostream>

#include "config/load.hpp"
#include "daemon/shell/daemon.hpp"
#include "daemon/shell/log.hpp"
#include "version.hpp"

namespace {

// Prints every problem as FILE:LINE:COL: message; returns whether it loaded.
bool report(const stove::config::LoadResult& r) {
  for (const auto& w : r.warnings) std::cerr << "warning: " << w << '\n';
  for (const auto& p : r.problems) std::cerr << p.to_string() << '\n';
  return r.ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"stoved: the stoveguard gas hob safety daemon"};
  std::string config_path, check_path;
  bool version = false;
  app.add_option("--config", config_path, "run the daemon with this configuration file");
  app.add_option("--check-config", check_path, "validate a configuration file and exit (0 ok, 1 problems)");
  app.add_flag("--version", version, "print the version and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (version) {
    std::cout << "stoved " << stove::kVersion << '\n';
    return 0;
  }
  if (!check_path.empty()) {
    const auto r = stove::config::load_file(check_path);
    if (!report(r)) return 1;
    std::cout << check_path << ": ok\n";
    return 0;
  }
  if (config_path.empty()) {
    std::cerr << "stoved: --config PATH is required (or --check-config PATH, --version)\n";
    return 2;
  }
  auto loaded = stove::config::load_file(config_path);
  if (!report(loaded)) return 1;
  try {
    boost::asio::io_context io;
    stove::shell::Daemon daemon(io, std::move(loaded.config));
    io.run();
  } catch (const std::exception& e) {
    stove::log::error(std::string("stoved: ") + e.what());
    return 1;
  }
  return 0;
}
