#pragma once
// A TemperatureSource that polls a blocking read function every interval.
// Timing lives on the caller's io_context (one steady_timer); the read itself
// runs on the source's ReadWorker thread and its result is posted back, so the
// handler is always called on the loop thread.
//
// Each tick either starts a read (when none is in flight) or, when the read in
// flight has run longer than the timeout, delivers a "read timed out" fault —
// without starting another read, so a hung driver never piles up threads. The
// hung read's result is delivered when it finally returns.
//
// The io_context must outlive the source (as for any Asio I/O object).
// Destroying the source never blocks, even with a read hung in the kernel.

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "drivers/temperature/plausibility.hpp"
#include "drivers/temperature/read_worker.hpp"
#include "drivers/temperature_source.hpp"

namespace stove::drivers::temperature {

struct PollOptions {
  std::chrono::milliseconds interval{2000};
  std::chrono::milliseconds timeout{4000};  // a read running this long is a fault
  PlausibilityRules rules{};
};

// The daemon's defaults for a given interval: timeout max(2 x interval, 3 s).
PollOptions default_poll_options(std::chrono::milliseconds interval);

class PolledSource final : public TemperatureSource {
 public:
  PolledSource(boost::asio::io_context& io, std::string description, ReadWorker::Read read,
               const PollOptions& options);
  ~PolledSource() override;
  PolledSource(const PolledSource&) = delete;
  PolledSource& operator=(const PolledSource&) = delete;

  // Polling starts with the first handler: the first read at once, then one
  // reading or fault per interval.
  void on_reading(Handler handler) override;
  std::string describe() const override;

 private:
  class Poller;
  std::shared_ptr<Poller> poller_;
  std::string description_;
};

}  // namespace stove::drivers::temperature
