#pragma once
// stovectl's side of the control socket: one JSON request per line out, one
// JSON reply per line back.

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/streambuf.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace stove::ctl {

// The daemon could not be reached (exit status 3).
class Unreachable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Client {
 public:
  explicit Client(const std::string& socket_path);  // throws Unreachable
  void send(const nlohmann::json& request);
  // The next line from the daemon; std::nullopt when it closed the connection.
  std::optional<nlohmann::json> receive();

 private:
  std::string path_;
  boost::asio::io_context io_;
  boost::asio::local::stream_protocol::socket socket_;
  boost::asio::streambuf input_;
};

}  // namespace stove::ctl
