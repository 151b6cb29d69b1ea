#include "drivers/temperature/read_worker.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace stove::drivers::temperature {

struct ReadWorker::Shared {
  Read read;
  Deliver deliver;
  std::mutex mutex;
  std::condition_variable wake;
  bool requested = false;
  bool stopped = false;
};

ReadWorker::ReadWorker(Read read, Deliver deliver)
    : shared_(std::make_shared<Shared>()) {
  shared_->read = std::move(read);
  shared_->deliver = std::move(deliver);
  std::thread([shared = shared_] { run(shared); }).detach();
}

ReadWorker::~ReadWorker() {
  {
    const std::lock_guard lock(shared_->mutex);
    shared_->stopped = true;
  }
  shared_->wake.notify_one();
}

void ReadWorker::request() {
  {
    const std::lock_guard lock(shared_->mutex);
    shared_->requested = true;
  }
  shared_->wake.notify_one();
}

void ReadWorker::run(const std::shared_ptr<Shared>& shared) {
  for (;;) {
    {
      std::unique_lock lock(shared->mutex);
      shared->wake.wait(lock, [&] { return shared->requested || shared->stopped; });
      if (shared->stopped) return;
      shared->requested = false;
    }
    auto result = shared->read();  // may block for a long time: no lock held
    const std::lock_guard lock(shared->mutex);
    if (shared->stopped) return;
    shared->deliver(std::move(result));
  }
}

}  // namespace stove::drivers::temperature
