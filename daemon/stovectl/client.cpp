#include "daemon/stovectl/client.hpp"

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <istream>

namespace stove::ctl {

Client::Client(const std::string& socket_path) : path_(socket_path), socket_(io_) {
  boost::system::error_code ec;
  socket_.connect(boost::asio::local::stream_protocol::endpoint(socket_path), ec);
  if (ec) throw Unreachable("cannot reach stoved at " + socket_path + ": " + ec.message());
}

void Client::send(const nlohmann::json& request) {
  boost::system::error_code ec;
  boost::asio::write(socket_, boost::asio::buffer(request.dump() + "\n"), ec);
  if (ec) throw Unreachable("lost the connection to stoved at " + path_ + ": " + ec.message());
}

std::optional<nlohmann::json> Client::receive() {
  boost::system::error_code ec;
  const std::size_t n = boost::asio::read_until(socket_, input_, '\n', ec);
  if (ec == boost::asio::error::eof) return std::nullopt;
  if (ec) throw Unreachable("lost the connection to stoved at " + path_ + ": " + ec.message());
  std::string line(n, '\0');
  std::istream in(&input_);
  in.read(line.data(), static_cast<std::streamsize>(n));
  auto reply = nlohmann::json::parse(line, nullptr, false);
  if (reply.is_discarded()) throw Unreachable("stoved sent a reply that is not JSON");
  return reply;
}

}  // namespace stove::ctl
