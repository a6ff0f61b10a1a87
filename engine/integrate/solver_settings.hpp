// How a run is integrated: method, tolerances and limits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace osteon {

enum class Method {
  dopri5,             // batched explicit Dormand–Prince 5(4), SIMD lanes (default)
  rosenbrock,         // batched stiff Rosenbrock with AD Jacobians
  odeint_dopri5,      // Boost.Odeint runge_kutta_dopri5, scalar: reference path
  odeint_rosenbrock4  // Boost.Odeint rosenbrock4, scalar: stiff reference path
};

std::string_view method_name(Method m);
std::optional<Method> parse_method(std::string_view name);
std::string_view method_names_help();

struct SolverSettings {
  Method method = Method::dopri5;
  double rtol = 1e-8;
  double atol = 1e-12;
  long max_steps = 1'000'000;  // per run; exceeding it fails the run
  double initial_step = 0.0;   // days; 0 = chosen automatically
  double max_step = 0.0;       // days; 0 = unlimited

  // JSON object written into output files so a result says how it was made.
  std::string to_json() const;
};

}  // namespace osteon
