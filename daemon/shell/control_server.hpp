#pragma once
// The control socket: a Unix stream socket (mode 0660) speaking one JSON
// request per line and one JSON reply per line. Sessions may stay open to
// wait for a cut's closed-loop check or to follow the event stream.

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/streambuf.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace stove::shell {

class ControlSession : public std::enable_shared_from_this<ControlSession> {
 public:
  using Dispatch = std::function<void(const nlohmann::json&, const std::shared_ptr<ControlSession>&)>;

  ControlSession(boost::asio::local::stream_protocol::socket socket, Dispatch dispatch);
  void start();
  void send(const nlohmann::json& reply);
  void close();
  bool open() const { return socket_.is_open(); }

  static constexpr std::size_t kMaxRequestBytes = 64 * 1024;

 private:
  void read_next();
  void write_next();

  boost::asio::local::stream_protocol::socket socket_;
  boost::asio::streambuf input_;
  std::deque<std::string> output_;
  Dispatch dispatch_;
};

class ControlServer {
 public:
  // Throws std::runtime_error when the socket cannot be set up (path in use
  // by a running daemon, no permission, ...).
  ControlServer(boost::asio::io_context& io, std::string path, ControlSession::Dispatch dispatch);
  ~ControlServer();
  void stop();  // close the acceptor and remove the socket file

 private:
  void accept_next();

  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::string path_;
  ControlSession::Dispatch dispatch_;
};

}  // namespace stove::shell
