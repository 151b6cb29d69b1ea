#pragma once
// One primitive covers delayed-on, delayed-off and debounce: a change of the
// input only becomes the output after the input has stayed at the new value
// for that value's hold time. A hold of zero passes the change at once.

#include <memory>

#include "drivers/filters/filter.hpp"

namespace stove::drivers::filters {

class HoldFilter final : public Filter {
 public:
  HoldFilter(Duration on_hold, Duration off_hold);

  std::optional<bool> new_value(bool value, TimePoint now) override;
  std::optional<TimePoint> next_deadline() const override;
  std::optional<bool> on_deadline(TimePoint now) override;

 private:
  struct Pending {
    bool value;
    TimePoint due;
  };
  Duration on_hold_;
  Duration off_hold_;
  bool output_ = false;  // every input starts inactive
  std::optional<Pending> pending_;
};

// "true" must last `hold` before it is passed on; "false" passes at once.
std::unique_ptr<Filter> delayed_on(Duration hold);
// "false" must last `hold` before it is passed on; "true" passes at once.
std::unique_ptr<Filter> delayed_off(Duration hold);
// Either value must last `hold`: contact bounce and short glitches vanish.
std::unique_ptr<Filter> debounce(Duration hold);

}  // namespace stove::drivers::filters
