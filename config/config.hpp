#pragma once
// The daemon's configuration as plain data. config/load.cpp fills it from
// TOML and validates it; nothing else in the project parses configuration.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace stove::config {

using Seconds = std::chrono::seconds;

enum class Backend { sim, gpiod };
enum class RelayWiring { series, shunt };
enum class SensorFaultPolicy { warn, cut };

// A GPIO line with its active level; lines are offsets on hardware.chip.
struct Line {
  unsigned offset = 0;
  bool active_low = false;
};

struct Device {
  std::string id;
  std::string name;
};

struct Hardware {
  Backend backend = Backend::sim;
  std::string chip = "gpiochip0";     // name, label or /dev path
  Seconds temperature_interval{2};    // how often temperature sources are read
  std::optional<Line> buzzer;         // on while a warning or fault is active
  std::optional<Line> status_led;     // on while a warning or fault is active
  std::optional<Line> cut_button;     // a local push-button: cut every burner
};

struct Burner {
  std::string id;
  std::string name;
  Line relay;
  RelayWiring relay_wiring = RelayWiring::series;
  Line flame;
  std::chrono::milliseconds flame_on_hold{500};    // flame must be seen this long to count as lit
  std::chrono::milliseconds flame_off_hold{3000};  // and missing this long to count as out
  std::optional<std::string> temperature;          // "hwmon:PATH" | "iio:PATH" | "w1:PATH"
  Seconds pulse{0};                                // effective relay pulse (from cutoff/wiring)
};

struct Presence {
  std::optional<Line> pir;
  std::optional<std::string> mqtt_topic;
};

struct Alarm {
  std::optional<std::string> smoke_topic;
  std::optional<std::string> gas_topic;
  std::optional<Line> line;  // a detector's relay contact
};

struct Cutoff {
  std::optional<Seconds> pulse;      // unset: the wiring's default
  Seconds verify_within{10};
  unsigned retries = 2;
  std::optional<Seconds> max_hold;   // unset: a lockout holds the relay for as long as it lasts
};

struct Rules {
  Seconds unattended_after{30 * 60};
  Seconds warn_for{2 * 60};
  Seconds away_grace{60};
  Seconds max_on{4 * 60 * 60};
  double overheat_c = 300.0;
  std::optional<double> overheat_rise_c_per_min;  // boil-dry / oil pan detector; unset = off
  bool away_lockout = false;
  bool unattended_guard = true;                    // initial value of the run-time switch
  SensorFaultPolicy sensor_fault = SensorFaultPolicy::cut;
};

struct Mqtt {
  std::string url;                        // tcp://host:port or ssl://host:port
  std::string discovery_prefix = "homeassistant";
  std::string base_topic;                 // default "stoveguard/<device.id>"
  std::string client_id;                  // default "stoved-<device.id>"
  std::optional<std::string> username;
  std::optional<std::string> password;    // discouraged: warns at start
  std::optional<std::string> password_file;
  std::optional<std::string> ca_file;
  std::optional<std::string> cert_file;
  std::optional<std::string> key_file;
  std::optional<std::string> away_topic;  // away mode follows this ON/OFF topic
  bool allow_remote_unlock = false;
  Seconds keepalive{30};
};

struct Control {
  std::string socket = "/run/stoved/control.sock";
};

struct State {
  std::string dir = "/var/lib/stoved";
};

struct Config {
  Device device;
  Hardware hardware;
  std::vector<Burner> burners;
  Presence presence;
  Alarm alarm;
  Cutoff cutoff;
  Rules rules;
  std::optional<Mqtt> mqtt;  // absent: standalone, full local safety function
  Control control;
  State state;
};

// Pulse defaults per wiring: a series contact must hold the circuit open until
// the magnet has dropped the valve (~1 s, plus margin for a slow, hot
// thermocouple); a shunt contact diverts the current and needs less.
inline constexpr Seconds kSeriesPulseDefault{5};
inline constexpr Seconds kShuntPulseDefault{2};

}  // namespace stove::config
