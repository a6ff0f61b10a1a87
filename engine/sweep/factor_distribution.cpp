#include "sweep/factor_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/number_format.hpp"
#include "numerics/standard_normal.hpp"

namespace osteon {
namespace {

// Inverse CDF of a normal truncated to [a, b] (in standard units): the
// probability u is mapped into [Φ(a), Φ(b)] first. Without truncation Φ(a) = 0
// and Φ(b) = 1 and this is Φ⁻¹(u) exactly.
double truncated_standard_quantile(double u, double a, double b) {
  if (std::isinf(a) && std::isinf(b)) return normal_quantile(u);
  const double pa = normal_cdf(a), pb = normal_cdf(b);
  const double z = normal_quantile(pa + u * (pb - pa));
  return std::clamp(z, a, b);
}

}  // namespace

double FactorDistribution::quantile(double u) const {
  switch (kind) {
    case Kind::uniform:
      return lo + u * (hi - lo);
    case Kind::log_uniform:
      return std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo)));
    case Kind::normal:
      return mean + sd * truncated_standard_quantile(u, (lo - mean) / sd, (hi - mean) / sd);
    case Kind::log_normal: {
      const double a = lo > 0.0 ? (std::log(lo) - std::log(mean)) / sd : -std::numeric_limits<double>::infinity();
      const double b = std::isinf(hi) ? hi : (std::log(hi) - std::log(mean)) / sd;
      return mean * std::exp(sd * truncated_standard_quantile(u, a, b));
    }
    case Kind::discrete: {
      const auto n = values.size();
      const auto k = std::min<std::size_t>(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1);
      return values[k];
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double FactorDistribution::at_fraction(double x) const {
  if (kind == Kind::log_uniform) return std::exp(std::log(lo) + x * (std::log(hi) - std::log(lo)));
  return lo + x * (hi - lo);
}

std::vector<double> FactorDistribution::grid() const {
  if (kind == Kind::discrete) return values;
  std::vector<double> out;
  const int n = grid_levels;
  for (int k = 0; k < n; ++k) {
    const double x = n == 1 ? 0.5 : static_cast<double>(k) / (n - 1);
    out.push_back(k == n - 1 && n > 1 ? hi : at_fraction(x));  // the upper end exactly
  }
  return out;
}

const char* FactorDistribution::kind_name() const {
  switch (kind) {
    case Kind::uniform:
      return "uniform";
    case Kind::log_uniform:
      return "loguniform";
    case Kind::normal:
      return "normal";
    case Kind::log_normal:
      return "lognormal";
    case Kind::discrete:
      return "values";
  }
  return "";
}

std::string FactorDistribution::describe(const std::string& unit) const {
  const std::string u = unit.empty() || unit == "1" ? "" : " " + unit;
  const std::string trunc =
      (std::isinf(lo) && std::isinf(hi)) || (kind == Kind::log_normal && lo <= 0.0 && std::isinf(hi))
          ? ""
          : " truncated to [" + format_number(lo) + ", " + format_number(hi) + "]" + u;
  switch (kind) {
    case Kind::uniform:
      return "uniform on [" + format_number(lo) + ", " + format_number(hi) + "]" + u;
    case Kind::log_uniform:
      return "log-uniform on [" + format_number(lo) + ", " + format_number(hi) + "]" + u;
    case Kind::normal:
      return "normal, mean " + format_number(mean) + u + ", sd " + format_number(sd) + u + trunc;
    case Kind::log_normal:
      return "log-normal, median " + format_number(mean) + u + ", sd of ln " + format_number(sd) + trunc;
    case Kind::discrete: {
      std::string s = "values";
      for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : " ") + format_number(values[i]);
      return s + u;
    }
  }
  return "";
}

std::string FactorDistribution::salib_name() const {
  const bool truncated = !(std::isinf(lo) && std::isinf(hi));
  switch (kind) {
    case Kind::uniform:
      return "unif";
    case Kind::log_uniform:
      return "logunif";
    case Kind::normal:
      return truncated ? "truncnorm" : "norm";
    case Kind::log_normal:
      return truncated && !(lo <= 0.0 && std::isinf(hi)) ? "" : "lognorm";
    case Kind::discrete:
      return "";
  }
  return "";
}

std::vector<double> FactorDistribution::salib_bounds() const {
  switch (kind) {
    case Kind::uniform:
    case Kind::log_uniform:
      return {lo, hi};
    case Kind::normal:
      if (std::isinf(lo) && std::isinf(hi)) return {mean, sd};
      return {lo, hi, mean, sd};
    case Kind::log_normal:
      return {std::log(mean), sd};  // SALib: mean and sd of ln(x)
    case Kind::discrete:
      return {};
  }
  return {};
}

}  // namespace osteon
