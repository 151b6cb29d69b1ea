#include "drivers/temperature/sysfs_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace stove::drivers::temperature {
namespace {

// sysfs attributes are at most a page; more means the path is not one.
constexpr std::size_t max_attribute_size = 4096;

Outcome<std::string> failure(const std::filesystem::path& path, int error) {
  if (error == ENOENT || error == ENODEV || error == ENXIO) {
    return Outcome<std::string>::fail("sensor disappeared (" + path.string() + ")");
  }
  return Outcome<std::string>::fail("read error on " + path.string() + ": " +
                                    std::system_category().message(error));
}

// Closes the descriptor on every path out of read_sysfs_file.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

Outcome<std::string> read_sysfs_file(const std::filesystem::path& path) {
  int opened = -1;
  do {
    opened = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (opened < 0 && errno == EINTR);
  if (opened < 0) return failure(path, errno);
  const FileDescriptor fd(opened);

  std::string text;
  std::array<char, 256> buffer{};
  while (text.size() < max_attribute_size) {
    const auto got = ::read(fd.get(), buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return failure(path, errno);
    if (got == 0) return Outcome<std::string>::ok(std::move(text));
    text.append(buffer.data(), static_cast<std::size_t>(got));
  }
  return Outcome<std::string>::fail(path.string() + " is larger than a sysfs attribute");
}

bool sysfs_exists(const std::filesystem::path& path) {
  std::error_code ignored;
  return std::filesystem::exists(path, ignored);
}

}  // namespace stove::drivers::temperature
