#include "tests/mqtt/broker.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace stove::mqtt::test {
namespace {

using namespace std::chrono_literals;

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepting(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

void must_run(const std::vector<std::string>& argv) {
  if (run_program(argv) != 0) throw std::runtime_error("failed: " + argv.front() + " " + argv.at(1));
}

void make_certificates(const Mosquitto& broker) {
  const auto f = [&](const char* name) { return broker.file(name); };
  const std::vector<std::string> ec = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
  auto with = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  must_run(with({"openssl", "req", "-x509"}, with(ec, {"-keyout", f("ca.key"), "-out", f("ca.crt"), "-subj",
                                                       "/CN=stoveguard test CA", "-days", "1"})));
  must_run(with({"openssl", "req"}, with(ec, {"-keyout", f("server.key"), "-out", f("server.csr"), "-subj",
                                              "/CN=" + broker.options().tls_cert_host})));
  const bool ip = broker.options().tls_cert_host.find_first_not_of("0123456789.") == std::string::npos;
  std::ofstream(f("ext.cnf")) << "subjectAltName=" << (ip ? "IP:" : "DNS:") << broker.options().tls_cert_host << "\n";
  must_run({"openssl", "x509", "-req", "-in", f("server.csr"), "-CA", f("ca.crt"), "-CAkey", f("ca.key"),
            "-CAcreateserial", "-out", f("server.crt"), "-days", "1", "-extfile", f("ext.cnf")});
}

}  // namespace

Child::Child(const std::vector<std::string>& argv, const std::string& log_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int rc = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv.front());
}

Child::Child(Child&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }

Child::~Child() { kill(); }

void Child::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

bool Child::exited() {
  if (pid_ <= 0) return true;
  if (::waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = -1;
  return pid_ <= 0;
}

int run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  for (auto waited = 0ms; waited < 10s; waited += 10ms) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(10ms);
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return -1;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "stove-mqtt-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Mosquitto::Mosquitto(BrokerOptions options) : options_(std::move(options)), port_(free_port()) {
  std::ofstream conf(file("mosquitto.conf"));
  // Started as root, mosquitto would drop to its own user and lose access
  // to our 0700 temp dir: stay whoever runs the tests.
  const passwd* me = ::getpwuid(::getuid());
  conf << "user " << (me ? me->pw_name : "root") << "\n"
       << "persistence false\n"
       << "log_dest stderr\n"
       << "listener " << port_ << " 127.0.0.1\n"
       << "set_tcp_nodelay " << (options_.tcp_nodelay ? "true" : "false") << "\n";
  if (options_.user) {
    must_run({"mosquitto_passwd", "-c", "-b", file("passwd"), *options_.user, "secret-pw"});
    conf << "allow_anonymous false\npassword_file " << file("passwd") << "\n";
  } else {
    conf << "allow_anonymous true\n";
  }
  if (options_.tls) {
    make_certificates(*this);
    conf << "cafile " << file("ca.crt") << "\ncertfile " << file("server.crt") << "\nkeyfile "
         << file("server.key") << "\n";
  }
  conf.close();
  launch();
}

void Mosquitto::launch() {
  process_.emplace(std::vector<std::string>{"/usr/sbin/mosquitto", "-c", file("mosquitto.conf")}, file("broker.log"));
  for (auto waited = 0ms; waited < 5s; waited += 20ms) {
    if (accepting(port_)) return;
    std::this_thread::sleep_for(20ms);
  }
  throw std::runtime_error("mosquitto did not start, see " + file("broker.log"));
}

void Mosquitto::restart() {
  kill();
  launch();
}

std::string Mosquitto::url() const {
  return std::string(options_.tls ? "ssl://" : "tcp://") + "127.0.0.1:" + std::to_string(port_);
}

std::vector<std::string> client_args(const Mosquitto& broker) {
  std::vector<std::string> args = {"-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-q", "1"};
  if (broker.options().tls) args.insert(args.end(), {"--cafile", broker.file("ca.crt")});
  if (broker.options().user) args.insert(args.end(), {"-u", *broker.options().user, "-P", "secret-pw"});
  return args;
}

namespace {
std::vector<std::string> sub_args(const Mosquitto& broker, const std::string& filter) {
  std::vector<std::string> args = {"mosquitto_sub"};
  const auto common = client_args(broker);
  args.insert(args.end(), common.begin(), common.end());
  args.insert(args.end(), {"-t", filter, "-F", "%r %t %p"});
  return args;
}
std::string unique_file(const Mosquitto& broker) {
  std::string pattern = broker.file("sub-XXXXXX");
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return pattern;
}
}  // namespace

Subscriber::Subscriber(const Mosquitto& broker, const std::string& filter)
    : file_(unique_file(broker)), process_(sub_args(broker, filter), file_) {
  // mosquitto_sub has subscribed once the broker logs it; a short settle is simpler and bounded.
  std::this_thread::sleep_for(300ms);
}

std::vector<Message> Subscriber::messages() const {
  std::vector<Message> out;
  std::ifstream in(file_);
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.find(' ', 2);
    if (line.size() < 3 || (line[0] != '0' && line[0] != '1') || space == std::string::npos) continue;
    out.push_back({line[0] == '1', line.substr(2, space - 2), line.substr(space + 1)});
  }
  return out;
}

std::vector<Message> Subscriber::on(const std::string& topic) const {
  std::vector<Message> out;
  for (auto& m : messages()) {
    if (m.topic == topic) out.push_back(std::move(m));
  }
  return out;
}

void publish(const Mosquitto& broker, const std::string& topic, const std::string& payload, bool retain) {
  std::vector<std::string> args = {"mosquitto_pub"};
  const auto common = client_args(broker);
  args.insert(args.end(), common.begin(), common.end());
  args.insert(args.end(), {"-t", topic, "-m", payload});
  if (retain) args.push_back("-r");
  if (run_program(args) != 0) throw std::runtime_error("mosquitto_pub failed on " + topic);
}

bool run_until(boost::asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    io.restart();
    io.run_for(10ms);
  }
  return done();
}

}  // namespace stove::mqtt::test
