// How a sweep factor's values are spread: uniform or log-uniform over a
// range, (truncated) normal or log-normal, or a list of discrete values. Each
// maps a probability u in (0, 1) to a value in the factor's unit (its
// quantile function), which is how every random design turns unit-cube
// points into factor values.
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace osteon {

struct FactorDistribution {
  enum class Kind { uniform, log_uniform, normal, log_normal, discrete };
  Kind kind = Kind::uniform;
  // uniform, log_uniform: [lo, hi]. normal: mean, sd. log_normal: median and
  // sigma of ln(value) (sd_log). Truncation bounds of normal and log_normal in
  // [lo, hi] (infinite when absent).
  double mean = 0.0, sd = 0.0;  // normal; log_normal: median and sd_log
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  std::vector<double> values;  // discrete
  int grid_levels = 0;         // grid designs: evenly spaced levels over [lo, hi] (log-spaced if log_uniform)

  // The value with cumulative probability u, 0 < u < 1. Discrete: values[floor(u·n)].
  double quantile(double u) const;
  // Value for a unit-cube coordinate in [0, 1] of a Morris grid: linear or
  // logarithmic between lo and hi (uniform and log_uniform only).
  double at_fraction(double x) const;
  // The levels of a grid design: `values`, or grid_levels points spanning [lo, hi].
  std::vector<double> grid() const;

  bool bounded_continuous() const { return kind == Kind::uniform || kind == Kind::log_uniform; }
  const char* kind_name() const;
  // e.g. "uniform on [0, 1e5] pM/d"
  std::string describe(const std::string& unit) const;

  // The SALib name ("unif", "logunif", "norm", "truncnorm", "lognorm") and
  // bounds in SALib's meaning; empty name when SALib has no equivalent.
  std::string salib_name() const;
  std::vector<double> salib_bounds() const;
};

}  // namespace osteon
