#include "scenario/regimen_checks.hpp"

#include <algorithm>

namespace osteon {
namespace {

bool daily(const DrugRegimen& g, const ModelInfo& model) {
  const DrugInfo* d = model.vocabulary.drug(g.drug);
  return d && d->daily;
}

// End of the time a regimen covers: a single dose covers only its day; daily
// oral therapy and open-ended repeats last to 'stop' or beyond the end.
double end_of(const DrugRegimen& g, double duration, const ModelInfo& model) {
  if (!g.every && !daily(g, model)) return g.start;
  double end = g.stop ? *g.stop : duration + 1.0;
  if (g.every && g.count) end = std::min(end, g.start + *g.count * *g.every);
  return end;
}

}  // namespace

void check_daily_therapy(const DrugRegimen& g, const ModelInfo& model) {
  if (daily(g, model) && (g.every || g.count)) {
    throw InputError(
        g.origin.where, g.origin.key, "'every' or 'count' for " + g.drug,
        "a daily therapy given by start and stop only, e.g. {drug: " + g.drug + ", start: 0 d, stop: 5 y}");
  }
}

void check_regimens(const Scenario& s, const ModelInfo& model) {
  for (const auto& g : s.drugs) {
    check_daily_therapy(g, model);
    if (g.stop && !(*g.stop > g.start)) {
      throw InputError(g.origin.where, g.origin.key + ".stop", "a stop at or before the start",
                       "a stop after the start");
    }
    if (g.count && *g.count > 1 && !g.every) {
      throw InputError(g.origin.where, g.origin.key + ".count", std::to_string(*g.count) + " doses without 'every'",
                       "'every' as well, to space repeated doses");
    }
  }
  for (const auto& x : s.exercise) {
    if (x.stop && !(*x.stop > x.start)) {
      throw InputError(x.origin.where, x.origin.key + ".stop", "a stop at or before the start",
                       "a stop after the start");
    }
  }
  for (std::size_t i = 0; i < s.drugs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto& a = s.drugs[j];
      const auto& b = s.drugs[i];
      // A held regimen's times count from the decision that starts it: when that is, only the run knows.
      if (a.drug != b.drug || a.held || b.held) continue;
      const double a_end = end_of(a, s.duration, model), b_end = end_of(b, s.duration, model);
      const bool overlap = (a.start < b_end || (a.start == b.start)) && (b.start < a_end || a.start == b.start);
      if (overlap) {
        throw InputError(b.origin.where, b.origin.key, "a second '" + b.drug + "' regimen overlapping " + a.origin.key,
                         "regimens of one drug that do not overlap in time (set 'stop' on the first)");
      }
    }
  }
}

}  // namespace osteon
