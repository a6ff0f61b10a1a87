// How a steady state was found, or why it was not.
#pragma once

#include <string>
#include <vector>

namespace osteon {

struct SteadyStateOptions {
  double tolerance = 1e-10;  // on max_i |f_i| / (|y_i| + atol) per day
  double atol = 1e-12;
  int max_newton_iterations = 100;
  double max_integration_time = 1e6;  // days of fallback integration before giving up
  std::vector<double> guess;          // optional starting point; empty = model default
};

struct SteadyStateReport {
  bool converged = false;
  std::string method;     // "closed form", "newton", "integration"
  double residual = 0.0;  // max_i |f_i| / (|y_i| + atol), per day
  int iterations = 0;
  std::vector<double> state;
  std::string message;  // why it failed, in plain words
};

}  // namespace osteon
