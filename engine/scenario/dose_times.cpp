#include "scenario/dose_times.hpp"

namespace osteon {

std::vector<double> dose_times(const DrugRegimen& g, double duration) {
  std::vector<double> t;
  const long max_doses = g.every ? (g.count ? *g.count : 1000000L) : 1L;
  for (long k = 0; k < max_doses; ++k) {
    const double at = g.start + (g.every ? static_cast<double>(k) * *g.every : 0.0);
    if (at >= duration || (g.stop && at >= *g.stop)) break;
    t.push_back(at);
  }
  return t;
}

}  // namespace osteon
