#include "model/schedule.hpp"

#include <algorithm>

namespace osteon {

void Schedule::finalize() {
  std::stable_sort(actions_.begin(), actions_.end(),
                   [](const Action& a, const Action& b) { return a.time < b.time; });
}

}  // namespace osteon
