#pragma once
// Filters applied one after the other; the chain is itself a Filter, and it
// only ever reports changes of its final output. Like every Filter, its owner
// must settle due deadlines (on_deadline) before feeding a later value, or a
// change that fell due in between would be lost.

#include <memory>
#include <vector>

#include "drivers/filters/filter.hpp"

namespace stove::drivers::filters {

class FilterChain final : public Filter {
 public:
  explicit FilterChain(std::vector<std::unique_ptr<Filter>> filters);

  std::optional<bool> new_value(bool value, TimePoint now) override;
  std::optional<TimePoint> next_deadline() const override;
  std::optional<bool> on_deadline(TimePoint now) override;

  bool value() const { return output_; }

 private:
  // Feeds `value` into the filters from index `first` on; returns what comes
  // out of the last one.
  std::optional<bool> feed(std::size_t first, bool value, TimePoint now);
  std::optional<bool> report(std::optional<bool> out);

  std::vector<std::unique_ptr<Filter>> filters_;
  bool output_ = false;
};

// A flame module's output. A burning flame flickers: its module reports short
// dropouts, so gaps of up to half of on_hold are bridged first. The bridged
// signal must then last on_hold to count as lit (a flame seen throughout
// on_hold, never missing for more than half of it), while an igniter spark or
// a few blips of reflected light do not; once lit, the flame is out when it
// has not been seen for off_hold, measured from the moment it was last seen.
FilterChain flame_filter(Duration on_hold, Duration off_hold);
// Buttons, PIR sensors and alarm contacts: a value must be stable for `hold`.
FilterChain settle_filter(Duration hold);

}  // namespace stove::drivers::filters
