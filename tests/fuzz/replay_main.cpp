// A libFuzzer-compatible driver that needs no clang: it replays every corpus
// input through LLVMFuzzerTestOneInput, then a fixed number of seeded random
// mutations of them. Without coverage feedback it finds less than libFuzzer,
// but it is deterministic and bounded, so CTest runs it on every build and a
// regression in a parser's robustness fails the build.

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace stove::fuzz {
namespace {

using Bytes = std::vector<std::uint8_t>;

// A signal handler takes no arguments, so the input being run has to be
// reachable from a file-scope pointer; nothing else uses it.
struct CrashContext {
  const Bytes* input = nullptr;
  std::string save_path;
};
CrashContext* crash_context = nullptr;

void write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const auto n = ::write(fd, p, size);
    if (n <= 0) return;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void write_text(int fd, const char* text) { write_all(fd, text, std::char_traits<char>::length(text)); }

// Only async-signal-safe calls: the input goes to a file and, as hex, to
// stderr (so a CI log alone is enough to reproduce a failure).
void on_crash(int signal) {
  if (crash_context != nullptr && crash_context->input != nullptr) {
    const Bytes& input = *crash_context->input;
    const int fd = ::open(crash_context->save_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      write_all(fd, input.data(), input.size());
      ::close(fd);
    }
    write_text(STDERR_FILENO, "fuzz replay: crash on this input, saved to ");
    write_text(STDERR_FILENO, crash_context->save_path.c_str());
    write_text(STDERR_FILENO, "; hex (first 4096 bytes):\n");
    constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < input.size() && i < 4096; ++i) {
      const char pair[2] = {kHex[input[i] >> 4], kHex[input[i] & 15]};
      write_all(STDERR_FILENO, pair, 2);
    }
    write_text(STDERR_FILENO, "\n");
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void install_crash_handler(CrashContext& context) {
  crash_context = &context;
  for (int s : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(s, on_crash);
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every regular file under each path (a directory, searched recursively, or a
// file), in a stable order so a seed means the same run everywhere.
std::vector<Bytes> read_inputs(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const auto& p : paths) {
    if (std::filesystem::is_directory(p)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(p)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.emplace_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Bytes> inputs;
  for (const auto& f : files) inputs.push_back(read_file(f));
  return inputs;
}

// Byte-level mutations in the spirit of libFuzzer's: each mutant is a corpus
// input changed by a few stacked edits, some of which borrow from other inputs.
class Mutator {
 public:
  Mutator(const std::vector<Bytes>& corpus, std::uint64_t seed, std::size_t max_len)
      : corpus_(corpus), rng_(seed), max_len_(max_len) {}

  Bytes next() {
    Bytes b = pick();
    const std::size_t edits = 1 + below(8);
    for (std::size_t i = 0; i < edits; ++i) mutate(b);
    if (b.size() > max_len_) b.resize(max_len_);
    return b;
  }

 private:
  const std::vector<Bytes>& corpus_;
  std::mt19937_64 rng_;
  std::size_t max_len_;

  // The generator's raw output, not a distribution: distributions differ
  // between standard libraries, and a seed should mean one run.
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }
  const Bytes& pick() { return corpus_[below(corpus_.size())]; }

  void mutate(Bytes& b) {
    switch (below(8)) {
      case 0: flip_bit(b); break;
      case 1: set_byte(b); break;
      case 2: insert_bytes(b); break;
      case 3: erase_range(b); break;
      case 4: duplicate_range(b); break;
      case 5: insert_token(b); break;
      case 6: insert_from_other(b); break;
      default: splice(b); break;
    }
  }

  void flip_bit(Bytes& b) {
    if (!b.empty()) b[below(b.size())] ^= static_cast<std::uint8_t>(1u << below(8));
  }
  void set_byte(Bytes& b) {
    if (!b.empty()) b[below(b.size())] = random_byte();
  }
  std::uint8_t random_byte() {
    // Bytes that mean something to TOML, JSON and the payload parsers, then anything.
    static constexpr char kSpecial[] = "\0\x7f\x80\xff\"'\\\n\r\t []{}=,:.-+#0123456789eE";
    if (below(2) == 0) return static_cast<std::uint8_t>(kSpecial[below(sizeof kSpecial - 1)]);
    return static_cast<std::uint8_t>(below(256));
  }
  void insert_bytes(Bytes& b) {
    const auto at = below(b.size() + 1);
    const auto n = 1 + below(4);
    Bytes fresh;
    for (std::size_t i = 0; i < n; ++i) fresh.push_back(random_byte());
    b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), fresh.begin(), fresh.end());
  }
  void erase_range(Bytes& b) {
    if (b.empty()) return;
    const auto at = below(b.size());
    const auto n = 1 + below(std::min<std::size_t>(b.size() - at, 16));
    b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + n));
  }
  void duplicate_range(Bytes& b) {
    if (b.empty()) return;
    const auto from = below(b.size());
    const auto n = 1 + below(std::min<std::size_t>(b.size() - from, 32));
    const Bytes part(b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(from + n));
    const auto at = below(b.size() + 1);
    b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), part.begin(), part.end());
  }
  // Values at the edges of what numbers, strings and times can hold.
  void insert_token(Bytes& b) {
    static const char* const kTokens[] = {
        "0", "-1", "1e308", "-0", "nan", "inf", "9223372036854775807", "18446744073709551616",
        "4294967296", "null", "true", "\"\"", "\\u0000", "\\ud800", "[[", "]]", "{}", "[]",
        "1979-05-27T07:32:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "720h", "0s", "\xc3\xa9"};
    const std::string_view token = kTokens[below(std::size(kTokens))];
    const auto at = below(b.size() + 1);
    b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), token.begin(), token.end());
  }
  void insert_from_other(Bytes& b) {
    const Bytes& other = pick();
    if (other.empty()) return;
    const auto from = below(other.size());
    const auto n = 1 + below(std::min<std::size_t>(other.size() - from, 64));
    const auto at = below(b.size() + 1);
    b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), other.begin() + static_cast<std::ptrdiff_t>(from),
             other.begin() + static_cast<std::ptrdiff_t>(from + n));
  }
  // This input's head, another input's tail.
  void splice(Bytes& b) {
    const Bytes& other = pick();
    b.resize(below(b.size() + 1));
    const auto from = below(other.size() + 1);
    b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
  }
};

int run(int argc, char** argv) {
  CLI::App app{"Replays a fuzz corpus through this target, then seeded random mutations of it."};
  std::vector<std::string> paths;
  std::size_t mutations = 0;
  std::uint64_t seed = 1;
  std::size_t max_len = 1 << 16;
  app.add_option("inputs", paths, "corpus directories or single input files")->required()->check(CLI::ExistingPath);
  app.add_option("-n,--mutations", mutations, "mutated inputs to run after the corpus");
  app.add_option("-s,--seed", seed, "seed of the mutations");
  app.add_option("--max-len", max_len, "longest mutated input, in bytes");
  CLI11_PARSE(app, argc, argv);

  const auto corpus = read_inputs(paths);
  if (corpus.empty()) {
    std::cerr << "fuzz replay: no inputs found\n";
    return 2;
  }
  CrashContext context{nullptr, std::filesystem::path(argv[0]).filename().string() + ".crash"};
  install_crash_handler(context);

  for (const auto& input : corpus) {
    context.input = &input;
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::cout << "fuzz replay: " << corpus.size() << " corpus inputs ok; " << mutations
            << " mutations with seed " << seed << std::endl;

  Mutator mutator(corpus, seed, max_len);
  for (std::size_t i = 0; i < mutations; ++i) {
    const Bytes input = mutator.next();
    context.input = &input;
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  context.input = nullptr;
  std::cout << "fuzz replay: " << mutations << " mutations ok" << std::endl;
  return 0;
}

}  // namespace
}  // namespace stove::fuzz

int main(int argc, char** argv) { return stove::fuzz::run(argc, argv); }
