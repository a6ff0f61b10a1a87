#include "run/parameter_ensemble.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "numerics/random_stream.hpp"
#include "numerics/standard_normal.hpp"

namespace osteon {
namespace {

// A member whose draw falls outside the bounds is redrawn; with every parameter on a bound the
// acceptance is 2^-n, so this many attempts fail only for a covariance far wider than its bounds.
constexpr int max_attempts = 100000;

}  // namespace

ParameterEnsemble::ParameterEnsemble(const Model& model, std::size_t members, std::uint64_t seed) : model_(model) {
  const ParameterUncertainty* u = model.uncertainty();
  if (!u) throw std::logic_error("model " + std::string(model.info().id) + " declares no parameter uncertainty");
  const std::size_t n = u->parameters.size();
  if (u->covariance.size() != n * n) throw std::logic_error("parameter uncertainty: covariance is not n x n");
  std::vector<double> lo(n), hi(n);
  for (std::size_t j = 0; j < n; ++j) {
    const UncertainParameter& p = u->parameters[j];
    const auto idx = model.info().param_index(p.name);
    if (!idx) throw std::logic_error("parameter uncertainty names an unknown parameter '" + std::string(p.name) + "'");
    names_.emplace_back(p.name);
    index_.push_back(*idx);
    log_.push_back(p.log);
    centre_.push_back(p.log ? std::log(p.value) : p.value);
    lo[j] = p.log ? std::log(p.min) : p.min;
    hi[j] = p.log ? std::log(p.max) : p.max;
  }
  Eigen::MatrixXd cov(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j)
      cov(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = u->covariance[i * n + j];
  }
  const Eigen::LLT<Eigen::MatrixXd> llt(cov);
  if (llt.info() != Eigen::Success)
    throw std::logic_error("parameter uncertainty: covariance is not positive definite");
  const Eigen::MatrixXd L = llt.matrixL();

  draws_.assign(members, std::vector<double>(n));
  errors_.assign(members, std::string());
  Eigen::VectorXd z(static_cast<Eigen::Index>(n));
  for (std::size_t k = 0; k < members; ++k) {
    RandomStream stream(splitmix64(splitmix64(seed) ^ static_cast<std::uint64_t>(k)));
    bool inside = false;
    for (int attempt = 0; attempt < max_attempts && !inside; ++attempt) {
      for (std::size_t j = 0; j < n; ++j) z(static_cast<Eigen::Index>(j)) = normal_quantile(stream.uniform());
      const Eigen::VectorXd x = L * z;
      inside = true;
      for (std::size_t j = 0; j < n; ++j) {
        draws_[k][j] = centre_[j] + x(static_cast<Eigen::Index>(j));
        inside = inside && draws_[k][j] >= lo[j] && draws_[k][j] <= hi[j];
      }
    }
    if (!inside) {
      errors_[k] = "no draw within the parameters' bounds in " + std::to_string(max_attempts) + " attempts";
      std::fill(draws_[k].begin(), draws_[k].end(), std::numeric_limits<double>::quiet_NaN());
    }
  }
}

double ParameterEnsemble::value(std::size_t k, std::size_t j) const {
  return log_[j] ? std::exp(draws_[k][j]) : draws_[k][j];
}

std::string ParameterEnsemble::apply(std::size_t k, std::vector<double>& params) const {
  if (!errors_[k].empty()) return errors_[k];
  const ParameterUncertainty& u = *model_.uncertainty();
  const ModelInfo& info = model_.info();
  for (std::size_t j = 0; j < names_.size(); ++j) {
    double& p = params[static_cast<std::size_t>(index_[j])];
    p = log_[j] ? p * std::exp(draws_[k][j] - centre_[j]) : p + (draws_[k][j] - centre_[j]);
  }
  for (const TiedTerm& t : u.tied) {
    const auto ti = info.param_index(t.name);
    const auto fi = std::find(names_.begin(), names_.end(), t.fitted);
    if (!ti || fi == names_.end()) continue;  // checked by the tests of the declaring model
    const std::size_t j = static_cast<std::size_t>(fi - names_.begin());
    const double calibrated = u.parameters[j].value;
    params[static_cast<std::size_t>(*ti)] += t.coefficient * (value(k, j) - calibrated);
  }
  for (const TiedTerm& t : u.tied) {
    // A tied parameter defined as max(0, ...) (fit.json "tied") stays within its declared range.
    if (const auto ti = info.param_index(t.name)) {
      const ParamInfo& pi = info.params[static_cast<std::size_t>(*ti)];
      double& p = params[static_cast<std::size_t>(*ti)];
      p = std::clamp(p, pi.min, pi.max);
    }
  }
  for (std::size_t j = 0; j < names_.size(); ++j) {
    const ParamInfo& pi = info.params[static_cast<std::size_t>(index_[j])];
    const double p = params[static_cast<std::size_t>(index_[j])];
    if (!(p >= pi.min && p <= pi.max)) {
      return "parameter " + names_[j] + " = " + std::to_string(p) + " outside its range [" + std::to_string(pi.min) +
             ", " + std::to_string(pi.max) + "]";
    }
  }
  return model_.check_parameters(params.data());
}

double percentile(std::vector<double> values, double q) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1.0) * q / 100.0;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= values.size()) return values.back();
  return values[lo] + (h - static_cast<double>(lo)) * (values[lo + 1] - values[lo]);
}

}  // namespace osteon
