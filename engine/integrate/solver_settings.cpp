#include "integrate/solver_settings.hpp"

#include <array>
#include <cstdio>
#include <utility>

#include "core/number_format.hpp"

namespace osteon {
namespace {
constexpr std::array<std::pair<Method, std::string_view>, 4> names{{
    {Method::dopri5, "dopri5"},
    {Method::rosenbrock, "rosenbrock"},
    {Method::odeint_dopri5, "odeint-dopri5"},
    {Method::odeint_rosenbrock4, "odeint-rosenbrock4"},
}};

}  // namespace

std::string_view method_name(Method m) {
  for (auto& [k, v] : names) {
    if (k == m) return v;
  }
  return "?";
}

std::optional<Method> parse_method(std::string_view name) {
  for (auto& [k, v] : names) {
    if (v == name) return k;
  }
  return std::nullopt;
}

std::string_view method_names_help() { return "dopri5, rosenbrock, odeint-dopri5, odeint-rosenbrock4"; }

std::string SolverSettings::to_json() const {
  return "{\"method\": \"" + std::string(method_name(method)) + "\", \"rtol\": " + format_exact(rtol) +
         ", \"atol\": " + format_exact(atol) + ", \"max_steps\": " + std::to_string(max_steps) +
         ", \"initial_step_d\": " + format_exact(initial_step) + ", \"max_step_d\": " + format_exact(max_step) + "}";
}

}  // namespace osteon
