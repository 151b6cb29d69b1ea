#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "daemon/state/state_file.hpp"

namespace stove::state {
namespace {

std::string path_in(const std::string& dir) { return dir + "/state.json"; }

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Loaded load(const std::string& dir) {
  Loaded out;
  const std::string path = path_in(dir);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return out;  // first start
    out.problem = errno_text("cannot read " + path);
    out.state.state_unreadable = true;
    return out;
  }
  out.found = true;
  std::ostringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  try {
    if (s.size() > kMaxStateFileBytes) throw std::runtime_error("file larger than 1 MiB");
    out.state = from_json(s);
  } catch (const std::exception& e) {
    out.problem = path + " is corrupt (" + e.what() + ")";
    out.state = {};
    out.state.state_unreadable = true;
  }
  return out;
}

std::optional<std::string> save(const std::string& dir, const std::string& json) {
  const std::string path = path_in(dir);
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return errno_text("cannot create " + tmp);
  const bool written = write_all(fd, json) && ::fsync(fd) == 0;
  const std::string write_error = written ? "" : errno_text("cannot write " + tmp);
  ::close(fd);
  if (!written) return write_error;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return errno_text("cannot rename to " + path);
  // The rename itself is only durable once the directory is synced.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return std::nullopt;
}

}  // namespace stove::state
