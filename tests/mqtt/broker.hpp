#pragma once
// Test rig: a real mosquitto on a free loopback port in its own temp dir, and
// mosquitto_sub/mosquitto_pub to watch and poke it. Every process is killed
// in a destructor, so a failing test leaves nothing behind.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace stove::mqtt::test {

// A child process with stdout/stderr to `log_file`; SIGKILLed and reaped on destruction.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& log_file);
  ~Child();
  Child(Child&& other) noexcept;
  Child& operator=(Child&&) = delete;
  void kill();
  bool exited();  // reaps without blocking
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

// Runs a program to completion (bounded: killed after 10 s); returns its exit status.
int run_program(const std::vector<std::string>& argv);

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct BrokerOptions {
  bool tls = false;
  std::string tls_cert_host = "127.0.0.1";          // SAN of the server certificate
  std::optional<std::string> user;                  // with password "secret-pw"
  bool tcp_nodelay = false;
};

class Mosquitto {
 public:
  explicit Mosquitto(BrokerOptions options = {});
  void kill() { process_.reset(); }
  void restart();  // same port and config, nothing remembered
  int port() const { return port_; }
  std::string url() const;
  std::string file(const std::string& name) const { return dir_.path() + "/" + name; }
  const BrokerOptions& options() const { return options_; }

 private:
  void launch();
  BrokerOptions options_;
  TempDir dir_;
  int port_;
  std::optional<Child> process_;
};

struct Message {
  bool retained;
  std::string topic;
  std::string payload;
};

// mosquitto_sub on '#' (plus HA's topics), one message per line in a file.
class Subscriber {
 public:
  explicit Subscriber(const Mosquitto& broker, const std::string& filter = "#");
  std::vector<Message> messages() const;
  std::vector<Message> on(const std::string& topic) const;

 private:
  std::string file_;
  Child process_;
};

// mosquitto_pub of one message, QoS 1, waiting for it to be sent.
void publish(const Mosquitto& broker, const std::string& topic, const std::string& payload, bool retain = false);

// Runs `io` in slices until `done()` or `limit`; true if done.
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
               std::chrono::milliseconds limit = std::chrono::seconds(15));

// Broker client arguments (-h -p and TLS/credentials) for the mosquitto tools.
std::vector<std::string> client_args(const Mosquitto& broker);

}  // namespace stove::mqtt::test
