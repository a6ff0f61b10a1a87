#include "sweep/sweep_metric.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/number_format.hpp"

namespace osteon {
namespace {

const char* op_text(MetricSpec::Op op) {
  switch (op) {
    case MetricSpec::Op::lt:
      return "<";
    case MetricSpec::Op::le:
      return "<=";
    case MetricSpec::Op::gt:
      return ">";
    case MetricSpec::Op::ge:
      return ">=";
  }
  return "";
}

bool holds(MetricSpec::Op op, double y, double c) {
  switch (op) {
    case MetricSpec::Op::lt:
      return y < c;
    case MetricSpec::Op::le:
      return y <= c;
    case MetricSpec::Op::gt:
      return y > c;
    case MetricSpec::Op::ge:
      return y >= c;
  }
  return false;
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

const char* MetricSpec::kind_name(Kind k) {
  switch (k) {
    case Kind::value:
      return "value";
    case Kind::min:
      return "min";
    case Kind::max:
      return "max";
    case Kind::time_of_min:
      return "time_of_min";
    case Kind::time_of_max:
      return "time_of_max";
    case Kind::time_to:
      return "time_to";
    case Kind::auc:
      return "auc";
    case Kind::change:
      return "change";
  }
  return "";
}

std::string MetricSpec::natural_unit(Kind k, const std::string& u) {
  switch (k) {
    case Kind::time_of_min:
    case Kind::time_of_max:
    case Kind::time_to:
      return "d";
    case Kind::auc:
      if (u.empty() || u == "1") return "d";
      return (u.find_first_of("/* ") == std::string::npos ? u : "(" + u + ")") + " d";
    default:
      return u;
  }
}

std::string MetricSpec::definition() const {
  const std::string window = " within [" + format_number(from, 10) + ", " + format_number(to, 10) + "] d";
  switch (kind) {
    case Kind::value:
      return variable + " at " + format_number(at, 10) + " d";
    case Kind::min:
      return "minimum of " + variable + window;
    case Kind::max:
      return "maximum of " + variable + window;
    case Kind::time_of_min:
      return "time of the minimum of " + variable + window;
    case Kind::time_of_max:
      return "time of the maximum of " + variable + window;
    case Kind::time_to:
      return "first time " + variable + " " + op_text(op) + " " + format_number(threshold, 10) + window +
             (std::isnan(if_never) ? "; NaN if never" : "; " + format_number(if_never, 10) + " d if never");
    case Kind::auc:
      return "area under " + variable + window + " (trapezoidal rule over the output times)";
    case Kind::change:
      return variable + " at " + format_number(to, 10) + " d minus " + variable + " at " + format_number(from, 10) +
             " d";
  }
  return "";
}

std::size_t find_time(const std::vector<double>& times, double time) {
  const auto it = std::lower_bound(times.begin(), times.end(), time - 1e-9 * std::max(1.0, std::fabs(time)));
  if (it != times.end() && std::fabs(*it - time) <= 1e-9 * std::max(1.0, std::fabs(time))) {
    return static_cast<std::size_t>(it - times.begin());
  }
  return times.size();
}

double evaluate_metric(const MetricSpec& m, const double* t, const double* y, std::size_t i0, std::size_t i1) {
  for (std::size_t k = i0; k <= i1; ++k) {
    if (std::isnan(y[k])) return nan;  // a run that failed has no summary
  }
  double r = nan;
  switch (m.kind) {
    case MetricSpec::Kind::value:
      r = y[i0];
      break;
    case MetricSpec::Kind::min:
    case MetricSpec::Kind::time_of_min: {
      std::size_t best = i0;
      for (std::size_t k = i0 + 1; k <= i1; ++k) {
        if (y[k] < y[best]) best = k;  // the first sample of the minimum
      }
      r = m.kind == MetricSpec::Kind::min ? y[best] : t[best];
      break;
    }
    case MetricSpec::Kind::max:
    case MetricSpec::Kind::time_of_max: {
      std::size_t best = i0;
      for (std::size_t k = i0 + 1; k <= i1; ++k) {
        if (y[k] > y[best]) best = k;
      }
      r = m.kind == MetricSpec::Kind::max ? y[best] : t[best];
      break;
    }
    case MetricSpec::Kind::time_to: {
      r = m.if_never;
      if (holds(m.op, y[i0], m.threshold)) {
        r = t[i0];
        break;
      }
      for (std::size_t k = i0 + 1; k <= i1; ++k) {
        if (holds(m.op, y[k], m.threshold)) {
          // Linear interpolation between the last sample before and the first after the crossing.
          const double dy = y[k] - y[k - 1];
          const double f = dy != 0.0 ? (m.threshold - y[k - 1]) / dy : 1.0;
          r = t[k - 1] + std::clamp(f, 0.0, 1.0) * (t[k] - t[k - 1]);
          break;
        }
      }
      if (std::isnan(r)) return r;  // never, and NaN requested
      break;
    }
    case MetricSpec::Kind::auc: {
      double s = 0.0;
      for (std::size_t k = i0; k < i1; ++k) s += 0.5 * (t[k + 1] - t[k]) * (y[k] + y[k + 1]);
      r = s;
      break;
    }
    case MetricSpec::Kind::change:
      r = y[i1] - y[i0];
      break;
  }
  return r * m.scale;
}

}  // namespace osteon
