// A model's declared parameter uncertainty: the approximate posterior of its
// calibrated parameters, a normal distribution in the fitted coordinates (the
// logarithm where `log`, else the value) truncated to the documented bounds,
// plus tied parameters that follow the fitted ones linearly. A model declares
// it at registration (models/<id>/register.cpp) from its calibration's output;
// `osteon compare --uncertainty` samples it (run/parameter_ensemble).
#pragma once

#include <span>
#include <string_view>

namespace osteon {

struct UncertainParameter {
  std::string_view name;  // a parameter of the model
  double value;           // calibrated value (the distribution's centre), in the parameter's unit
  bool log;               // fitted as log(value)
  double min, max;        // documented bounds of the fit, in the parameter's unit
};

// Tied parameter `name` (calibrated value `value`) moves by coefficient x
// (fitted - its calibrated value), summed over its terms (one row per term).
struct TiedTerm {
  std::string_view name;
  double value;
  std::string_view fitted;
  double coefficient;
};

struct ParameterUncertainty {
  std::span<const UncertainParameter> parameters;
  std::span<const double> covariance;  // row-major n x n, in the fitted coordinates
  std::span<const TiedTerm> tied;
  std::string_view source;  // where the numbers come from (file, date)
};

}  // namespace osteon
