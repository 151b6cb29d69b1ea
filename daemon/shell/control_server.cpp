#include "daemon/shell/control_server.hpp"

#include <sys/stat.h>

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <istream>
#include <stdexcept>

#include "daemon/shell/log.hpp"

namespace stove::shell {

using boost::asio::local::stream_protocol;

ControlSession::ControlSession(stream_protocol::socket socket, Dispatch dispatch)
    : socket_(std::move(socket)), input_(kMaxRequestBytes), dispatch_(std::move(dispatch)) {}

void ControlSession::start() { read_next(); }

void ControlSession::read_next() {
  boost::asio::async_read_until(
      socket_, input_, '\n', [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
        if (ec == boost::asio::error::not_found) {
          self->send({{"ok", false}, {"error", "request longer than 64 KiB"}});
          self->close();
          return;
        }
        if (ec) {
          self->close();
          return;
        }
        std::string line(n, '\0');
        std::istream in(&self->input_);
        in.read(line.data(), static_cast<std::streamsize>(n));
        auto request = nlohmann::json::parse(line, nullptr, false);
        if (request.is_discarded()) {
          self->send({{"ok", false}, {"error", "request is not valid JSON"}});
        } else {
          self->dispatch_(request, self);
        }
        if (self->open()) self->read_next();
      });
}

void ControlSession::send(const nlohmann::json& reply) {
  if (!open()) return;
  output_.push_back(reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  if (output_.size() == 1) write_next();
}

void ControlSession::write_next() {
  boost::asio::async_write(socket_, boost::asio::buffer(output_.front()),
                           [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                             if (ec) {
                               self->close();
                               return;
                             }
                             self->output_.pop_front();
                             if (!self->output_.empty()) self->write_next();
                           });
}

void ControlSession::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
  output_.clear();
}

ControlServer::ControlServer(boost::asio::io_context& io, std::string path, ControlSession::Dispatch dispatch)
    : acceptor_(io), path_(std::move(path)), dispatch_(std::move(dispatch)) {
  namespace fs = std::filesystem;
  const fs::path p(path_);
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  if (fs::exists(fs::symlink_status(p))) {
    // A socket file left by a daemon that died; refuse only if one is alive.
    stream_protocol::socket probe(io);
    boost::system::error_code ec;
    probe.connect(stream_protocol::endpoint(path_), ec);
    if (!ec) throw std::runtime_error("another stoved is already listening on " + path_);
    fs::remove(p);
  }
  acceptor_.open(stream_protocol());
  acceptor_.bind(stream_protocol::endpoint(path_));
  ::chmod(path_.c_str(), 0660);
  acceptor_.listen();
  accept_next();
}

ControlServer::~ControlServer() { stop(); }

void ControlServer::stop() {
  if (!acceptor_.is_open()) return;
  boost::system::error_code ec;
  acceptor_.close(ec);
  std::error_code fs_ec;
  std::filesystem::remove(path_, fs_ec);
}

void ControlServer::accept_next() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, stream_protocol::socket socket) {
    if (ec == boost::asio::error::operation_aborted) return;
    if (ec) {
      log::warning("control socket: accept failed: " + ec.message());
    } else {
      std::make_shared<ControlSession>(std::move(socket), dispatch_)->start();
    }
    accept_next();
  });
}

}  // namespace stove::shell
