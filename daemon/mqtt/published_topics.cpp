#include "daemon/mqtt/published_topics.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "daemon/mqtt/log.hpp"

namespace stove::mqtt {
namespace {

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const auto n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, std::max<std::size_t>(slash, 1));
}

}  // namespace

std::vector<std::string> PublishedTopics::load() const {
  std::ifstream in(path_);
  if (!in) return {};
  try {
    return nlohmann::json::parse(in).at("discovery_topics").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    log::warning(path_ + ": ignored (" + e.what() + "); stale entities of removed burners stay in Home Assistant");
    return {};
  }
}

bool PublishedTopics::save(const std::vector<std::string>& topics) const {
  const std::string data = nlohmann::json{{"discovery_topics", topics}}.dump(2) + "\n";
  const std::string temp = path_ + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0 && write_all(fd, data) && ::fsync(fd) == 0;
  if (fd >= 0) ok = (::close(fd) == 0) && ok;
  ok = ok && ::rename(temp.c_str(), path_.c_str()) == 0;
  if (!ok) {
    log::warning("cannot write " + path_ + ": " + std::strerror(errno));
    ::unlink(temp.c_str());
    return false;
  }
  // The rename is only durable once the directory entry is on disk.
  if (const int dir = ::open(directory_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

std::vector<std::string> PublishedTopics::stale(const std::vector<std::string>& previous,
                                                const std::vector<std::string>& current) {
  std::vector<std::string> out;
  for (const auto& topic : previous) {
    if (std::find(current.begin(), current.end(), topic) == current.end()) out.push_back(topic);
  }
  return out;
}

}  // namespace stove::mqtt
