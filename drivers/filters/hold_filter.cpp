#include "drivers/filters/hold_filter.hpp"

namespace stove::drivers::filters {

HoldFilter::HoldFilter(Duration on_hold, Duration off_hold) : on_hold_(on_hold), off_hold_(off_hold) {}

std::optional<bool> HoldFilter::new_value(bool value, TimePoint now) {
  if (value == output_) {
    // The input went back before the hold ran out: the change never happened.
    pending_.reset();
    return std::nullopt;
  }
  if (pending_) {
    // A repeated report of the same pending value must not restart the hold.
    return std::nullopt;
  }
  const Duration hold = value ? on_hold_ : off_hold_;
  if (hold <= Duration::zero()) {
    output_ = value;
    return value;
  }
  pending_ = Pending{value, now + hold};
  return std::nullopt;
}

std::optional<TimePoint> HoldFilter::next_deadline() const {
  if (!pending_) return std::nullopt;
  return pending_->due;
}

std::optional<bool> HoldFilter::on_deadline(TimePoint now) {
  if (!pending_ || now < pending_->due) return std::nullopt;
  output_ = pending_->value;
  pending_.reset();
  return output_;
}

std::unique_ptr<Filter> delayed_on(Duration hold) { return std::make_unique<HoldFilter>(hold, Duration::zero()); }

std::unique_ptr<Filter> delayed_off(Duration hold) { return std::make_unique<HoldFilter>(Duration::zero(), hold); }

std::unique_ptr<Filter> debounce(Duration hold) { return std::make_unique<HoldFilter>(hold, hold); }

}  // namespace stove::drivers::filters
