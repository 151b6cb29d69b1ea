#pragma once
// The safety engine: pure, single-threaded and deterministic. It owns no
// sockets, files, threads or clocks. The shell feeds it inputs and commands,
// each stamped with the time it happens at, then reads the outputs (which
// relays to engage, whether to sound the buzzer, new log events, the one
// deadline to be woken at). Every shutoff rule lives here.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/engine/durable.hpp"
#include "daemon/engine/status.hpp"

namespace stove::engine {

enum class SensorKind { flame, temperature };
enum class AlarmKind : std::uint8_t { smoke = 1, gas = 2, contact = 4 };  // contact: a wired detector

struct CommandResult {
  bool ok = true;
  std::string error;  // why it was refused
  std::string note;   // what happened, when worth saying ("no burner is lit")
  static CommandResult refused(std::string why) { return {false, std::move(why), {}}; }
  static CommandResult done(std::string note = {}) { return {true, {}, std::move(note)}; }
};

// std::nullopt as a burner means "every burner".
using BurnerSel = std::optional<std::size_t>;

class Engine {
 public:
  // `flames` holds each burner's flame input as read at start (std::nullopt:
  // not known yet), so that restored timers and locks act on real readings.
  Engine(const config::Config& cfg, const DurableState& restored,
         const std::vector<std::optional<bool>>& flames, Now now);

  // Inputs from sensors and the house.
  void flame(std::size_t burner, bool lit, Now now);
  void temperature(std::size_t burner, double celsius, Now now);
  void sensor_fault(std::size_t burner, SensorKind kind, std::optional<std::string> fault, Now now);
  void motion(Now now);                  // a PIR edge: someone is in the kitchen
  void presence(bool present, Now now);  // a presence state (ON: the unattended time stands still)
  void alarm(AlarmKind kind, bool active, Now now);
  void advance(Now now);                 // time passed (the shell's timer fired)

  // Commands from stovectl and Home Assistant.
  CommandResult cut_now(BurnerSel burner, Now now);
  CommandResult cut_after(BurnerSel burner, Duration after, Now now);
  CommandResult cancel(BurnerSel burner, Now now);
  CommandResult extend(Duration by, Now now);
  CommandResult here(Now now);
  CommandResult lock(BurnerSel burner, Now now);
  CommandResult unlock(BurnerSel burner, Now now);
  CommandResult set_away(bool on, Now now);
  CommandResult set_unattended_guard(bool on, Now now);

  // Outputs.
  bool relay_engaged(std::size_t burner) const;
  bool cutting(std::size_t burner) const;
  bool shutoff_failed(std::size_t burner) const;
  bool alerting() const;  // a warning or a problem: buzzer and status LED on
  std::optional<SteadyTime> next_deadline() const;
  std::vector<EventRecord> take_events();
  const std::deque<EventRecord>& event_log() const { return log_; }
  Status status(Now now) const;
  DurableState durable(Now now) const;

  std::size_t burner_count() const { return burners_.size(); }
  const std::string& burner_id(std::size_t b) const { return burners_[b].id; }
  std::optional<std::size_t> find_burner(std::string_view id) const;

  static constexpr std::size_t kLogCapacity = 200;

 private:
  enum class Flame { unknown, out, lit };

  struct Cut {
    Reason reason;
    unsigned attempt = 1;
    bool pulsing = true;  // relay engaged; then verifying with the relay released
    SteadyTime until;
    bool confirmed = false;
  };

  struct Candidate {  // a warned rule that will cut this burner
    Reason reason;
    SteadyTime start;  // the warning begins
    SteadyTime cut;    // the cut happens
  };

  struct Burner {
    std::string id;
    Duration pulse;
    Flame flame = Flame::unknown;
    std::optional<SteadyTime> lit_since;
    std::optional<double> temperature;
    std::deque<std::pair<SteadyTime, double>> history;  // recent samples for the rise rate
    std::optional<std::string> flame_fault;
    std::optional<std::string> temperature_fault;
    std::optional<SteadyTime> timer;
    Duration unattended_ext{}, max_on_ext{}, away_ext{};  // from `extend`
    std::optional<Cut> cut;
    bool failed = false;
    std::uint8_t locks = 0;
    std::optional<SteadyTime> hold_since;  // a lock holds the relay since then
    bool hold_lapsed = false;              // cutoff.max_hold reached: guard by re-pulsing
    std::optional<Candidate> announced;    // the warning last reported
  };

  // engine_rules.cpp
  std::vector<Candidate> candidates(const Burner& b) const;
  std::optional<Candidate> active_warning(const Burner& b, SteadyTime now) const;
  bool step_rules(std::size_t i, Now now);
  bool step_cut(std::size_t i, Now now);
  bool step_timers(Now now);
  bool step_hold(std::size_t i, Now now);
  void check_overheat(std::size_t i, Now now);

  // engine.cpp
  void evaluate(Now now);
  void start_cut(std::size_t i, Reason reason, Now now, std::string detail = {});
  void add_lock(std::size_t i, std::uint8_t reason, Now now);
  void remove_lock(std::size_t i, std::uint8_t reasons, Now now);
  void record(EventRecord e);
  void event(Now now, EventKind kind, std::string reason, std::optional<std::size_t> burner,
             std::string detail = {}, std::optional<WallTime> cut_at = std::nullopt);
  bool might_be_lit(const Burner& b) const { return b.flame != Flame::out; }
  bool faulted(const Burner& b) const { return b.flame_fault || b.temperature_fault; }
  std::vector<std::size_t> selected(BurnerSel sel) const;
  Reason lock_shutoff_reason(std::uint8_t locks) const;
  std::vector<std::string> problems() const;

  config::Config cfg_;
  std::vector<Burner> burners_;
  bool away_ = false;
  SteadyTime away_since_{};
  bool unattended_guard_ = true;
  SteadyTime guard_on_since_{};  // an unattended warning never starts before the guard is on
  bool present_ = false;  // presence state input
  std::optional<SteadyTime> last_motion_;
  std::optional<SteadyTime> stove_timer_;
  std::uint8_t alarms_ = 0;  // AlarmKind bits
  std::optional<ShutoffRecord> last_shutoff_;
  std::deque<EventRecord> log_;
  std::vector<EventRecord> new_events_;
  SteadyTime last_now_{};
};

}  // namespace stove::engine
