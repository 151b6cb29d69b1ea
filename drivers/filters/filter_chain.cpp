#include "drivers/filters/filter_chain.hpp"

#include <algorithm>

#include "drivers/filters/hold_filter.hpp"

namespace stove::drivers::filters {

FilterChain::FilterChain(std::vector<std::unique_ptr<Filter>> filters) : filters_(std::move(filters)) {}

std::optional<bool> FilterChain::new_value(bool value, TimePoint now) { return report(feed(0, value, now)); }

std::optional<TimePoint> FilterChain::next_deadline() const {
  std::optional<TimePoint> earliest;
  for (const auto& filter : filters_) {
    const auto due = filter->next_deadline();
    if (due && (!earliest || *due < *earliest)) earliest = due;
  }
  return earliest;
}

std::optional<bool> FilterChain::on_deadline(TimePoint now) {
  std::optional<bool> out;
  // In chain order, so a value that falls due upstream reaches the
  // downstream filters before they are asked about their own deadlines. It
  // enters them at the instant it fell due, not when the timer got round to
  // firing, so a late wake-up does not stretch the downstream holds.
  for (std::size_t i = 0; i < filters_.size(); ++i) {
    const auto due_at = filters_[i]->next_deadline();
    if (!due_at || *due_at > now) continue;
    if (const auto due = filters_[i]->on_deadline(now)) {
      if (const auto passed = feed(i + 1, *due, *due_at)) out = passed;
    }
  }
  return report(out);
}

std::optional<bool> FilterChain::feed(std::size_t first, bool value, TimePoint now) {
  std::optional<bool> carried = value;
  for (std::size_t i = first; i < filters_.size() && carried; ++i) {
    carried = filters_[i]->new_value(*carried, now);
  }
  return carried;
}

std::optional<bool> FilterChain::report(std::optional<bool> out) {
  if (!out || *out == output_) return std::nullopt;
  output_ = *out;
  return out;
}

FilterChain flame_filter(Duration on_hold, Duration off_hold) {
  const Duration bridge = std::min(on_hold / 2, off_hold);
  std::vector<std::unique_ptr<Filter>> chain;
  chain.push_back(delayed_off(bridge));
  // Hysteresis on the bridged signal: the bridge already delayed "out" by
  // `bridge`, the rest of off_hold is held here.
  chain.push_back(std::make_unique<HoldFilter>(on_hold, off_hold - bridge));
  return FilterChain(std::move(chain));
}

FilterChain settle_filter(Duration hold) {
  std::vector<std::unique_ptr<Filter>> chain;
  chain.push_back(debounce(hold));
  return FilterChain(std::move(chain));
}

}  // namespace stove::drivers::filters
