// A driver that hangs in the kernel must not stall the loop, must not pile up
// threads, and must not outlive its source unsafely.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/steady_timer.hpp>

#include "drivers/temperature/make_source.hpp"
#include "drivers/temperature/polled_source.hpp"
#include "tests/temperature/fake_sysfs.hpp"

using namespace stove::drivers;
using namespace stove::drivers::temperature;
using namespace stove::drivers::temperature::testing;
using namespace std::chrono_literals;

namespace {

PollOptions fast_options() {
  PollOptions options;
  options.interval = 10ms;
  options.timeout = 50ms;
  return options;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Counts ticks of the loop itself: proof that it kept running.
class Heartbeat {
 public:
  explicit Heartbeat(boost::asio::io_context& io) : timer_(io) { arm(); }
  int beats() const { return beats_; }

 private:
  void arm() {
    timer_.expires_after(1ms);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      ++beats_;
      arm();
    });
  }
  boost::asio::steady_timer timer_;
  int beats_ = 0;
};

// A read that blocks until released, counting calls and overlap.
struct BlockingRead {
  std::mutex mutex;
  std::condition_variable released_cv;
  bool released = false;
  std::atomic<int> calls{0};
  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};

  Outcome<double> operator()() {
    ++calls;
    const int now = ++in_flight;
    int seen = max_in_flight.load();
    while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
    }
    std::unique_lock lock(mutex);
    released_cv.wait(lock, [&] { return released; });
    --in_flight;
    return Outcome<double>::ok(42.0);
  }

  void release() {
    {
      const std::lock_guard lock(mutex);
      released = true;
    }
    released_cv.notify_all();
  }
};

}  // namespace

TEST_CASE("a hung read (FIFO without writer) times out - the loop runs on - the source recovers") {
  FakeSysfs sys;
  const auto fifo = sys.path("temp1_input");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);

  boost::asio::io_context io;
  auto source = make_temperature_source(io, "hwmon:" + fifo.string(), fast_options());
  Recorder recorder;
  recorder.attach(*source);
  Heartbeat heartbeat(io);

  // The worker is stuck in open(): only timeouts can arrive, and several of
  // them (one per interval) while the loop keeps beating.
  REQUIRE(recorder.wait_for_count(io, 3));
  for (const auto& reading : recorder.readings) {
    CHECK_FALSE(reading.celsius);
    CHECK(contains(reading.fault, "read timed out"));
  }
  CHECK(heartbeat.beats() > 3);

  // Give the hung read its answer. Opening the write end wakes the blocked
  // open(); swapping a regular file in first makes every later read succeed.
  const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(writer >= 0);
  sys.write("temp1_input", "31000\n");
  const std::string answer = "30000\n";
  REQUIRE(::write(writer, answer.data(), answer.size()) == static_cast<ssize_t>(answer.size()));
  ::close(writer);

  const auto before = recorder.readings.size();
  // The hung read answers 30 °C; every read after it finds the regular file.
  const auto fresh = [&] {
    return recorder.readings.size() > before && recorder.last().celsius == doctest::Approx(31.0);
  };
  REQUIRE(recorder.run_until(io, fresh));
  bool saw_hung_answer = false;
  for (auto i = before; i < recorder.readings.size(); ++i) {
    if (recorder.readings[i].celsius == doctest::Approx(30.0)) saw_hung_answer = true;
  }
  CHECK(saw_hung_answer);
}

TEST_CASE("a hung read is never joined by a second one") {
  auto read = std::make_shared<BlockingRead>();
  boost::asio::io_context io;
  PolledSource source(io, "test", [read] { return (*read)(); }, fast_options());
  Recorder recorder;
  recorder.attach(source);

  REQUIRE(recorder.wait_for_count(io, 5));  // five timeouts: many ticks passed
  CHECK(read->calls == 1);
  CHECK(read->max_in_flight == 1);

  read->release();
  REQUIRE(recorder.run_until(io, [&] { return read->calls >= 3; }));
  CHECK(read->max_in_flight == 1);
}

TEST_CASE("destroying a source with a read in flight never blocks nor calls back later") {
  auto read = std::make_shared<BlockingRead>();
  boost::asio::io_context io;
  Recorder recorder;
  {
    PolledSource source(io, "test", [read] { return (*read)(); }, fast_options());
    recorder.attach(source);
    REQUIRE(recorder.run_until(io, [&] { return read->calls == 1; }));
  }  // the worker is still blocked inside read here
  const auto delivered = recorder.readings.size();
  read->release();
  REQUIRE(recorder.run_until(io, [&] { return read->in_flight == 0; }));
  io.run_for(50ms);
  CHECK(recorder.readings.size() == delivered);
}
