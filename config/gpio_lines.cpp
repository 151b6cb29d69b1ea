#include "config/gpio_lines.hpp"

#include <algorithm>
#include <map>

namespace stove::config::schema {

void GpioLines::add(unsigned offset, LineRole role, std::string key, std::string owner,
                    const toml::source_position& at) {
  uses_.push_back(Use{offset, role, std::move(key), std::move(owner), at});
}

std::string GpioLines::Use::describe(bool with_offset) const {
  std::string text = key;
  if (with_offset) text += " " + std::to_string(offset);
  if (!owner.empty()) text += " of " + owner;
  return text;
}

void GpioLines::check(Problems& problems) const {
  std::vector<const Use*> in_file_order;
  for (const auto& use : uses_) in_file_order.push_back(&use);
  std::stable_sort(in_file_order.begin(), in_file_order.end(), [](const Use* a, const Use* b) {
    return a->at.line != b->at.line ? a->at.line < b->at.line : a->at.column < b->at.column;
  });

  std::map<unsigned, const Use*> first_use;
  for (const Use* use : in_file_order) {
    const auto [it, fresh] = first_use.emplace(use->offset, use);
    if (fresh) continue;
    const Use& first = *it->second;
    const Use* relay = first.role == LineRole::relay ? &first : use->role == LineRole::relay ? use : nullptr;
    const Use* input = first.role == LineRole::input ? &first : use->role == LineRole::input ? use : nullptr;
    if (relay != nullptr && input != nullptr) {
      // Reading the relay's own line back as an input would make the closed-loop check see its own output.
      problems.add(use->at, relay->describe(true) + " is also used as " + input->describe(false) +
                                "; a relay line cannot be an input");
    } else {
      problems.add(use->at, "GPIO line " + std::to_string(use->offset) + " is already used as " + first.describe(false) +
                                " at " + to_string(first.at));
    }
  }
}

}  // namespace stove::config::schema
