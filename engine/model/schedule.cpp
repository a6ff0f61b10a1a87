#include "model/schedule.hpp"

#include <algorithm>

namespace osteon {

void Schedule::finalize() {
  std::stable_sort(actions_.begin(), actions_.end(), [](const Action& a, const Action& b) { return a.time < b.time; });
}

void Schedule::insert(const Action& a) {
  const auto at =
      std::upper_bound(actions_.begin(), actions_.end(), a.time, [](double t, const Action& b) { return t < b.time; });
  actions_.insert(at, a);
}

void Schedule::drop_after(int tag, double t) {
  std::erase_if(actions_, [&](const Action& a) { return a.tag == tag && a.time > t; });
}

}  // namespace osteon
