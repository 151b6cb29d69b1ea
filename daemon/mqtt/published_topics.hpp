#pragma once
// The discovery topics published last time, kept in <state.dir>/mqtt-published.json
// so entities of burners removed from the config can be deleted from Home
// Assistant (an empty retained config) on the next start.

#include <string>
#include <vector>

namespace stove::mqtt {

class PublishedTopics {
 public:
  explicit PublishedTopics(std::string path) : path_(std::move(path)) {}

  // What the file lists; empty when it is missing or unreadable (logged).
  std::vector<std::string> load() const;

  // Atomic replace (temp file + fsync + rename); false (logged) on failure.
  bool save(const std::vector<std::string>& topics) const;

  // Topics in `previous` that `current` no longer has.
  static std::vector<std::string> stale(const std::vector<std::string>& previous,
                                        const std::vector<std::string>& current);

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace stove::mqtt
