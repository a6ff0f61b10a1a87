// Summary metrics of one run, computed from its sampled trajectory while the
// sweep streams (metric_sink.hpp): value at a time, minimum and maximum and
// their times, first time a threshold is crossed, area under the curve and
// change between two times. Definitions, including what "never" gives, are in
// docs/sweeps.md ("Metrics").
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace osteon {

struct MetricSpec {
  enum class Kind { value, min, max, time_of_min, time_of_max, time_to, auc, change };
  enum class Op { lt, le, gt, ge };

  std::string name;
  std::string long_name;
  Kind kind = Kind::value;
  std::string variable;
  double at = 0.0;                                             // value: the time (d)
  double from = 0.0, to = 0.0;                                 // window (d); change: the two times
  Op op = Op::le;                                              // time_to: variable op threshold
  double threshold = 0.0;                                      // in the variable's unit
  double if_never = std::numeric_limits<double>::quiet_NaN();  // time_to result when never crossed (d)
  std::string unit;                                            // unit of the stored value
  double scale = 1.0;  // stored = natural · scale (natural: variable unit, d, or variable unit·d)
  Origin origin;

  static const char* kind_name(Kind k);
  // The stored value's unit before any `unit:` conversion.
  static std::string natural_unit(Kind k, const std::string& variable_unit);
  // e.g. "first time OUTPUT <= -2.5 within [0, 1826.25] d"
  std::string definition() const;
};

// Evaluates `m` on samples y at times t (ascending, same length). `i0` and
// `i1` are the sample indices of the window (value: i0 = i1 = the time `at`;
// change: the indices of `from` and `to`). The result is in the stored unit.
double evaluate_metric(const MetricSpec& m, const double* t, const double* y, std::size_t i0, std::size_t i1);

// Index of the sample at time `time` in ascending `times` (relative tolerance
// 1e-9), or times.size() when absent.
std::size_t find_time(const std::vector<double>& times, double time);

}  // namespace osteon
