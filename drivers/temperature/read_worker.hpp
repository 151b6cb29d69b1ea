#pragma once
// One thread per source that runs its blocking sysfs reads, so a driver that
// hangs in read() stalls only that source, never the daemon's event loop.
//
// The thread is detached, not joined: destruction must not wait for a read
// that may never return. Everything the thread touches (the read function,
// the delivery callback, the flags) lives in state the thread co-owns, and
// the destructor marks it stopped under the same lock the thread holds while
// delivering — after the destructor returns, deliver is never called again
// and the thread exits as soon as its current read returns.

#include <functional>
#include <memory>

#include "drivers/temperature/outcome.hpp"

namespace stove::drivers::temperature {

class ReadWorker {
 public:
  using Read = std::function<Outcome<double>()>;
  // Runs on the worker thread; it must only hand the result over (post it).
  using Deliver = std::function<void(Outcome<double>)>;

  ReadWorker(Read read, Deliver deliver);
  ~ReadWorker();
  ReadWorker(const ReadWorker&) = delete;
  ReadWorker& operator=(const ReadWorker&) = delete;

  // Starts one read. The caller starts the next only after the previous one
  // was delivered: at most one read per source is ever in flight.
  void request();

 private:
  struct Shared;
  static void run(const std::shared_ptr<Shared>& shared);

  std::shared_ptr<Shared> shared_;
};

}  // namespace stove::drivers::temperature
