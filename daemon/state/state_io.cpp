#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "daemon/state/atomic_file.hpp"
#include "daemon/state/state_file.hpp"

namespace stove::state {
namespace {

std::string path_in(const std::string& dir) { return dir + "/state.json"; }

}  // namespace

Loaded load(const std::string& dir) {
  Loaded out;
  const std::string path = path_in(dir);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return out;  // first start
    out.problem = "cannot read " + path + ": " + std::strerror(errno);
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
  return files::write_atomically(path_in(dir), json);
}

}  // namespace stove::state
