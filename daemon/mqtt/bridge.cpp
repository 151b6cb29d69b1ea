#include "daemon/mqtt/bridge.hpp"

#include "config/mqtt_url.hpp"

#include <cstdlib>
#include <random>
#include <set>
#include <variant>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <mqtt/async_client.h>

#include "daemon/mqtt/backoff.hpp"
#include "daemon/mqtt/commands.hpp"
#include "daemon/mqtt/connect_options.hpp"
#include "daemon/mqtt/discovery.hpp"
#include "daemon/mqtt/log.hpp"
#include "daemon/mqtt/nodelay.hpp"
#include "daemon/mqtt/published_topics.hpp"
#include "daemon/mqtt/state_cache.hpp"
#include "daemon/mqtt/topics.hpp"

namespace stove::mqtt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr auto kStopWait = 900ms;          // offline publish + disconnect, each: stop() stays under 2 s
constexpr auto kTimerRefresh = 15s;        // the timer number counts down in whole minutes
constexpr int kQos = 1;

// Calls `done(ok)` on Paho's thread; the bridge only ever posts from there.
class Listener : public ::mqtt::iaction_listener {
 public:
  explicit Listener(std::function<void(bool ok, int rc)> done) : done_(std::move(done)) {}
  void on_success(const ::mqtt::token& tok) override { done_(true, tok.get_return_code()); }
  void on_failure(const ::mqtt::token& tok) override { done_(false, tok.get_return_code()); }

 private:
  std::function<void(bool, int)> done_;
};

// CONNACK refusals first: Paho's own text for them is "Unknown error code N".
std::string connect_error(int rc) {
  switch (rc) {
    case 1: return "protocol version refused";
    case 2: return "client id refused";
    case 3: return "server unavailable";
    case 4: return "bad user name or password";
    case 5: return "not authorized";
    default: return ::mqtt::exception::error_str(rc);
  }
}

std::set<std::string> temperature_topics(const config::Config& cfg) {
  std::set<std::string> out;
  for (const auto& b : cfg.burners) out.insert(b.id + "_temperature/state");
  return out;
}

}  // namespace

class Bridge::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(boost::asio::io_context& io, const config::Config& cfg, BridgeHooks hooks)
      : io_(io),
        cfg_(cfg),
        hooks_(std::move(hooks)),
        topics_(cfg_),
        entities_(entities(cfg_)),
        cache_(temperature_topics(cfg_), Deadband{}),
        published_(cfg_.state.dir + "/mqtt-published.json"),
        client_(cfg_.mqtt->url, cfg_.mqtt->client_id),
        backoff_(1s, 60s),
        rng_(std::random_device{}()),
        reconnect_timer_(io),
        announce_timer_(io),
        refresh_timer_(io) {}

  // Everything Paho calls captures only the io_context and a weak pointer:
  // the work is posted onto the loop, and a callback racing the bridge's
  // teardown finds nothing to call there.
  void install_callbacks() {
    auto post = [&io = io_, weak = weak_from_this()](auto fn) {
      boost::asio::post(io, [weak, fn = std::move(fn)] {
        if (auto self = weak.lock()) fn(*self);
      });
    };
    client_.set_connected_handler([post](const std::string&) { post([](Impl& self) { self.on_connected(); }); });
    client_.set_connection_lost_handler([post](const std::string& why) {
      post([why](Impl& self) { self.on_connection_lost(why); });
    });
    client_.set_message_callback([post](::mqtt::const_message_ptr msg) {
      post([msg](Impl& self) { self.on_message(*msg); });
    });
    connect_listener_ = std::make_unique<Listener>([post](bool ok, int rc) {
      post([ok, rc](Impl& self) { self.on_connect_done(ok, rc); });
    });
    stale_listener_ = std::make_unique<Listener>([post](bool ok, int) {
      post([ok](Impl& self) { self.on_stale_removed(ok); });
    });
  }

  void start() {
    if (running_) return;
    running_ = true;
    log::info("bridge for " + cfg_.mqtt->url + " as " + cfg_.mqtt->client_id + ", base topic " +
              cfg_.mqtt->base_topic + ", discovery prefix " + cfg_.mqtt->discovery_prefix);
    connect();
  }

  void stop() {
    if (!running_) return;
    running_ = false;
    reconnect_timer_.cancel();
    announce_timer_.cancel();
    refresh_timer_.cancel();
    if (connected_) {
      try {
        client_.publish(topics_.availability(), std::string("offline"), kQos, true)->wait_for(kStopWait);
        client_.disconnect(std::chrono::duration_cast<std::chrono::milliseconds>(kStopWait))->wait_for(kStopWait);
      } catch (const ::mqtt::exception& e) {
        log::debug(std::string("clean disconnect failed: ") + e.what());
      }
    }
    connected_ = false;
    log::info("bridge stopped");
  }

  void shutdown() noexcept {
    stop();
    try {
      client_.disable_callbacks();
    } catch (const ::mqtt::exception&) {
      // Paho refuses while a connect is still in flight (seen under TSAN with
      // a slow TLS handshake); the handlers only hold a weak pointer anyway.
    }
  }

  void update_status(const json& status) {
    last_status_ = status;
    publish_states(cache_.update(state_payloads(status, cfg_, std::chrono::system_clock::now()), Clock::now()));
    arm_refresh();
  }

  void publish_event(const json& event) {
    const auto message = event_message(event);
    if (!message) return;  // shutoff_failed, fault, ...: Home Assistant sees them as the problem sensor
    publish(topics_.event(message->key), message->payload.dump(), false);
  }

 private:
  using Clock = StateCache::Clock;

  void connect() {
    try {
      const auto password = read_password(*cfg_.mqtt, std::getenv("CREDENTIALS_DIRECTORY"));
      client_.connect(make_connect_options(*cfg_.mqtt, topics_.availability(), password), nullptr, *connect_listener_);
    } catch (const ::mqtt::exception& e) {
      on_connect_done(false, e.get_return_code());
    }
  }

  void on_connect_done(bool ok, int rc) {
    if (ok) return;  // the connected handler takes it from here
    const std::string why = connect_error(rc);
    if (!down_logged_) {
      log::warning("cannot reach broker " + cfg_.mqtt->url + " (" + why + "); retrying in the background");
      down_logged_ = true;
    } else {
      log::debug("connect failed (" + why + ")");
    }
    schedule_reconnect();
  }

  void on_connection_lost(const std::string& why) {
    connected_ = false;
    log::warning("connection to broker lost" + (why.empty() ? std::string() : " (" + why + ")") + "; reconnecting");
    down_logged_ = true;
    schedule_reconnect();
  }

  void schedule_reconnect() {
    if (!running_) return;
    reconnect_timer_.expires_after(backoff_.next(rng_));
    reconnect_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec && running_) connect();
    });
  }

  void on_connected() {
    if (!running_) {  // a connect that finished after stop()
      try { client_.disconnect(); } catch (const ::mqtt::exception&) {}
      return;
    }
    connected_ = true;
    down_logged_ = false;
    backoff_.reset();
    // The loader validated the url: it always parses here.
    const auto url = config::parse_mqtt_url(cfg_.mqtt->url);
    const int nodelay = url ? set_nodelay_on_connection(static_cast<int>(url->port)) : 0;
    log::info("connected to " + cfg_.mqtt->url + (nodelay == 1 ? "" : " (TCP_NODELAY not set: Nagle may add ~40 ms)"));
    subscribe();
    publish(topics_.availability(), "online", true);
    announce();
  }

  void subscribe() {
    std::vector<std::string> filters = {topics_.command_filter(), topics_.ha_status()};
    for (const auto& input : {cfg_.presence.mqtt_topic, cfg_.alarm.smoke_topic, cfg_.alarm.gas_topic,
                              cfg_.mqtt->away_topic}) {
      if (input) filters.push_back(*input);
    }
    for (const auto& filter : filters) {
      try {
        client_.subscribe(filter, kQos);
      } catch (const ::mqtt::exception& e) {
        log::warning("cannot subscribe to " + filter + ": " + e.what());
      }
    }
  }

  // Discovery, removal of entities that no longer exist, then every state.
  void announce() {
    std::vector<std::string> current;
    for (const auto& entity : entities_) {
      current.push_back(topics_.discovery(component(entity.kind), entity.key));
      publish(current.back(), discovery_payload(entity, cfg_).dump(), true);
    }
    remove_stale(current);
    publish_states(cache_.everything(Clock::now()));
  }

  void remove_stale(const std::vector<std::string>& current) {
    const auto previous = published_.load();
    const auto stale = PublishedTopics::stale(previous, current);
    current_discovery_ = current;
    if (stale.empty()) {
      if (previous != current) published_.save(current);
      return;
    }
    ::mqtt::delivery_token_ptr last;
    for (const auto& topic : stale) {
      log::info("removing stale entity " + topic);
      last = publish(topic, "", true);
    }
    // QoS 1 on one connection is delivered in order: the last removal
    // acknowledged means all were, so the file may forget them.
    if (last) last->set_action_callback(*stale_listener_);
  }

  void on_stale_removed(bool ok) {
    if (ok) published_.save(current_discovery_);
  }

  void on_message(const ::mqtt::message& msg) {
    const std::string& topic = msg.get_topic();
    const std::string payload = msg.get_payload_str();
    if (topic == topics_.ha_status()) {
      if (payload == "online") schedule_announce();
      return;
    }
    if (handle_input(topic, payload)) return;
    if (const auto key = topics_.command_key(topic)) handle_command(*key, payload, msg.is_retained());
  }

  // Inputs are states: retained values count, unlike commands.
  bool handle_input(const std::string& topic, const std::string& payload) {
    bool matched = false;
    const auto value = parse_on_off(payload);
    auto deliver = [&](const std::optional<std::string>& input, auto&& call) {
      if (!input || *input != topic) return;
      matched = true;
      if (value) {
        call(*value);
      } else {
        log::warning("input " + topic + ": expected ON or OFF, ignored");
      }
    };
    deliver(cfg_.presence.mqtt_topic, [&](bool v) { if (hooks_.presence) hooks_.presence(v); });
    deliver(cfg_.alarm.smoke_topic, [&](bool v) { if (hooks_.alarm) hooks_.alarm("smoke", v); });
    deliver(cfg_.alarm.gas_topic, [&](bool v) { if (hooks_.alarm) hooks_.alarm("gas", v); });
    deliver(cfg_.mqtt->away_topic, [&](bool v) { if (hooks_.away_input) hooks_.away_input(v); });
    return matched;
  }

  void handle_command(const std::string& key, const std::string& payload, bool retained) {
    if (retained) {
      log::warning("retained command on " + topics_.command(key) + " ignored (commands are never replayed)");
      return;
    }
    const auto parsed = parse_command(key, payload, cfg_);
    if (const auto* rejected = std::get_if<Rejected>(&parsed)) {
      log::warning("command ignored: " + rejected->why);
      return;
    }
    const json& request = std::get<json>(parsed);
    log::info("command " + key + " -> " + request.dump());
    json reply;
    try {
      reply = hooks_.request ? hooks_.request(request) : json{{"ok", false}, {"error", "no request handler"}};
    } catch (const std::exception& e) {
      reply = {{"ok", false}, {"error", e.what()}};
    }
    if (!reply.is_object() || !reply.value("ok", false)) {
      log::warning("command " + key + " refused: " + (reply.is_object() ? reply.value("error", std::string("?")) : "?"));
      // Home Assistant shows the switch as commanded until told otherwise.
      publish_states(cache_.latest(key + "/state"));
    }
  }

  void schedule_announce() {
    if (!connected_ || announce_pending_) return;
    announce_pending_ = true;
    // Many devices hear the same birth message: spread the replies out.
    std::uniform_int_distribution<int> delay_ms(1000, 5000);
    announce_timer_.expires_after(std::chrono::milliseconds(delay_ms(rng_)));
    announce_timer_.async_wait([this](boost::system::error_code ec) {
      announce_pending_ = false;
      if (!ec && connected_) {
        log::info("Home Assistant restarted: re-announcing");
        announce();
      }
    });
  }

  void arm_refresh() {
    const bool counting = last_status_.is_object() && last_status_.contains("shutoff_at") &&
                          last_status_["shutoff_at"].is_string();
    if (!counting || refresh_armed_ || !running_) return;
    refresh_armed_ = true;
    refresh_timer_.expires_after(kTimerRefresh);
    refresh_timer_.async_wait([this](boost::system::error_code ec) {
      refresh_armed_ = false;
      if (ec) return;
      update_status(last_status_);
    });
  }

  void publish_states(const std::vector<StateCache::Publication>& changes) {
    for (const auto& change : changes) publish(topics_.absolute(change.topic), change.payload, true);
  }

  ::mqtt::delivery_token_ptr publish(const std::string& topic, const std::string& payload, bool retained) {
    if (!connected_) return nullptr;
    try {
      return client_.publish(topic, payload.data(), payload.size(), kQos, retained);
    } catch (const ::mqtt::exception& e) {
      log::warning("publish to " + topic + " failed: " + e.what());
      return nullptr;
    }
  }

  boost::asio::io_context& io_;
  const config::Config cfg_;
  BridgeHooks hooks_;
  Topics topics_;
  std::vector<Entity> entities_;
  StateCache cache_;
  PublishedTopics published_;
  std::vector<std::string> current_discovery_;
  json last_status_;
  ::mqtt::async_client client_;
  Backoff backoff_;
  std::mt19937 rng_;
  boost::asio::steady_timer reconnect_timer_;
  boost::asio::steady_timer announce_timer_;
  boost::asio::steady_timer refresh_timer_;
  std::unique_ptr<Listener> connect_listener_;
  std::unique_ptr<Listener> stale_listener_;
  bool running_ = false;
  bool connected_ = false;
  bool down_logged_ = false;
  bool announce_pending_ = false;
  bool refresh_armed_ = false;
};

Bridge::Bridge(boost::asio::io_context& io, const config::Config& cfg, BridgeHooks hooks)
    : impl_(std::make_shared<Impl>(io, cfg, std::move(hooks))) {
  impl_->install_callbacks();
}

Bridge::~Bridge() {
  if (impl_) impl_->shutdown();
}

void Bridge::start() { impl_->start(); }
void Bridge::stop() { impl_->stop(); }
void Bridge::update_status(const json& status) { impl_->update_status(status); }
void Bridge::publish_event(const json& event) { impl_->publish_event(event); }

}  // namespace stove::mqtt
