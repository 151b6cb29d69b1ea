#pragma once
// Replacing a file so that a crash or power cut leaves either the old or the
// new content, never a torn one: write a temp file, fsync, rename, fsync the
// directory.

#include <optional>
#include <string>

namespace stove::files {

// Returns an error description, or std::nullopt once the data is on disk.
std::optional<std::string> write_atomically(const std::string& path, const std::string& data, unsigned mode = 0600);

}  // namespace stove::files
