// An ensemble of parameter sets drawn from a model's declared parameter
// uncertainty (model/parameter_uncertainty.hpp): the approximate posterior of
// its calibration, a multivariate normal in the fitted coordinates (log where
// marked), correlated through the Cholesky factor of the covariance and
// truncated to the documented bounds by redrawing. Member k's draws come from
// its own random stream (seed and k), so they do not depend on the number of
// members, the threads, or the order in which runs are integrated.
// docs/models/integrated.md, "Uncertainty".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace osteon {

class ParameterEnsemble {
 public:
  // Draws `members` parameter sets. Requires model.uncertainty() (std::logic_error without it,
  // or when its covariance is not positive definite or names an unknown parameter).
  ParameterEnsemble(const Model& model, std::size_t members, std::uint64_t seed);

  std::size_t size() const { return draws_.size(); }
  std::size_t n_parameters() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  // Member k's value of uncertain parameter j, in the fitted coordinates (log where marked).
  double fitted(std::size_t k, std::size_t j) const { return draws_[k][j]; }
  // Member k's value of uncertain parameter j, in the parameter's unit.
  double value(std::size_t k, std::size_t j) const;
  // Why member k has no parameter set ("" when it has one).
  const std::string& draw_error(std::size_t k) const { return errors_[k]; }

  // Moves a run's declared parameters to member k: each uncertain parameter by its draw's
  // distance from the calibrated value (a factor for log parameters, a difference otherwise),
  // tied parameters by their linearisation. Returns "" or why the member cannot run.
  std::string apply(std::size_t k, std::vector<double>& params) const;

 private:
  const Model& model_;
  std::vector<std::string> names_;
  std::vector<int> index_;  // into the model's parameters
  std::vector<bool> log_;
  std::vector<double> centre_;              // fitted coordinates
  std::vector<std::vector<double>> draws_;  // member x parameter, fitted coordinates
  std::vector<std::string> errors_;
};

// The q-th percentile (0 <= q <= 100) of finite values, interpolating linearly between order
// statistics (the default of numpy.percentile); NaN when there are none.
double percentile(std::vector<double> values, double q);

}  // namespace osteon
