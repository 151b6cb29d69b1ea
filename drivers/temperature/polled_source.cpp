#include "drivers/temperature/polled_source.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace stove::drivers::temperature {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_text(std::chrono::milliseconds d) {
  return std::to_string(d.count() / 1000) + "." + std::to_string(d.count() % 1000 / 100) + " s";
}

}  // namespace

PollOptions default_poll_options(std::chrono::milliseconds interval) {
  using namespace std::chrono_literals;
  return PollOptions{interval, std::max<std::chrono::milliseconds>(2 * interval, 3s), {}};
}

// The loop-side state. Completions and timer handlers hold it weakly, so any
// of them arriving after the source is gone is a no-op.
class PolledSource::Poller : public std::enable_shared_from_this<Poller> {
 public:
  Poller(boost::asio::io_context& io, const PollOptions& options)
      : timer_(io), options_(options), checker_(options.rules) {}

  void attach(ReadWorker::Read read) {
    auto deliver = [executor = timer_.get_executor(), weak = weak_from_this()](Outcome<double> result) {
      boost::asio::post(executor, [weak, result = std::move(result)] {
        if (const auto self = weak.lock()) self->finish(result);
      });
    };
    worker_.emplace(std::move(read), std::move(deliver));
  }

  void set_handler(Handler handler) {
    const bool first = !handler_;
    handler_ = std::move(handler);
    if (first) tick();
  }

 private:
  void tick() {
    const auto now = Clock::now();
    if (!read_started_) {
      read_started_ = now;
      worker_->request();
    } else if (now - *read_started_ >= options_.timeout) {
      deliver(Outcome<double>::fail("read timed out (no answer for " +
                                    seconds_text(options_.timeout) + ")"),
              now);
    }
    timer_.expires_after(options_.interval);
    timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      if (const auto self = weak.lock()) self->tick();
    });
  }

  void finish(const Outcome<double>& result) {
    read_started_.reset();
    deliver(result, Clock::now());
  }

  void deliver(const Outcome<double>& result, Clock::time_point now) {
    const auto reading = checker_.check(result, now);
    if (handler_) handler_(reading);
  }

  boost::asio::steady_timer timer_;
  PollOptions options_;
  PlausibilityChecker checker_;
  Handler handler_;
  std::optional<Clock::time_point> read_started_;  // set while a read is in flight
  std::optional<ReadWorker> worker_;                // set right after construction
};

PolledSource::PolledSource(boost::asio::io_context& io, std::string description,
                           ReadWorker::Read read, const PollOptions& options)
    : poller_(std::make_shared<Poller>(io, options)), description_(std::move(description)) {
  poller_->attach(std::move(read));
}

PolledSource::~PolledSource() = default;

void PolledSource::on_reading(Handler handler) { poller_->set_handler(std::move(handler)); }

std::string PolledSource::describe() const { return description_; }

}  // namespace stove::drivers::temperature
