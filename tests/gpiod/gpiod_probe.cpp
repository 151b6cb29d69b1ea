// gpiod_probe: the real GPIO adapters on one relay line and one flame input,
// driven line by line from stdin, for the gpio-sim guest (guest-probe.sh).
//
//   gpiod_probe --chip NAME|LABEL|PATH --relay N --flame N [--active-low]
//               [--on-hold-ms MS] [--off-hold-ms MS]
//
// Commands on stdin: "engage", "release", "quit" (or end of input).
// Prints "ready relay=R flame=F", then "flame lit" / "flame out" as the
// filtered input changes, "engaged" / "released" after each command,
// "fault: ..." if the input fails. A refused start prints
// "setup error: ..." on stderr and exits 1.
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <unistd.h>

#include "drivers/gpiod/open_hardware.hpp"

namespace {

// Reads commands from stdin on the loop; "quit" or end of input stops the
// loop (the flame input would otherwise wait for edges forever).
class Commands {
 public:
  Commands(boost::asio::io_context& io, stove::drivers::Relay& relay) : io_(io), in_(io, STDIN_FILENO), relay_(relay) {}

  void next() {
    boost::asio::async_read_until(in_, buffer_, '\n', [this](const boost::system::error_code& ec, std::size_t) {
      std::istream text(&buffer_);
      std::string command;
      if (ec || !std::getline(text, command) || command == "quit") {
        io_.stop();
        return;
      }
      if (command == "engage") {
        relay_.engage();
        std::cout << "engaged" << std::endl;
      } else if (command == "release") {
        relay_.release();
        std::cout << "released" << std::endl;
      } else {
        std::cout << "unknown command: " << command << std::endl;
      }
      next();
    });
  }

 private:
  boost::asio::io_context& io_;
  boost::asio::posix::stream_descriptor in_;
  boost::asio::streambuf buffer_;
  stove::drivers::Relay& relay_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Drive one relay and read one flame input through stoveguard's libgpiod adapters"};
  stove::config::Config cfg;
  cfg.hardware.backend = stove::config::Backend::gpiod;
  stove::config::Burner burner;
  burner.id = "probe";
  bool active_low = false;
  long on_hold_ms = 100;
  long off_hold_ms = 300;
  app.add_option("--chip", cfg.hardware.chip, "GPIO chip name, label or path")->required();
  app.add_option("--relay", burner.relay.offset, "relay line offset")->required();
  app.add_option("--flame", burner.flame.offset, "flame input line offset")->required();
  app.add_flag("--active-low", active_low, "both lines are active-low");
  app.add_option("--on-hold-ms", on_hold_ms, "flame on hold");
  app.add_option("--off-hold-ms", off_hold_ms, "flame off hold");
  CLI11_PARSE(app, argc, argv);
  burner.relay.active_low = burner.flame.active_low = active_low;
  burner.flame_on_hold = std::chrono::milliseconds(on_hold_ms);
  burner.flame_off_hold = std::chrono::milliseconds(off_hold_ms);
  cfg.burners.push_back(burner);

  boost::asio::io_context io;
  stove::drivers::Hardware hw;
  try {
    hw = stove::drivers::open_gpiod_hardware(io, cfg);
  } catch (const stove::drivers::SetupError& e) {
    std::cerr << "setup error: " << e.what() << std::endl;
    return 1;
  }
  auto& probe = hw.burners.front();
  probe.flame->on_change([](bool lit) { std::cout << (lit ? "flame lit" : "flame out") << std::endl; });
  probe.flame->on_fault([](std::optional<std::string> fault) { std::cout << "fault: " << fault.value_or("cleared") << std::endl; });
  std::cout << "ready relay=" << probe.relay->engaged() << " flame=" << probe.flame->active() << std::endl;

  Commands commands(io, *probe.relay);
  commands.next();
  io.run();
  return 0;  // hw goes out of scope: the relay is driven released, then freed
}
