// Contract tests are written once and run against every integrator
// (OpenMM's pattern): instantiate with ALL_INTEGRATORS.
#pragma once

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "integrate/solver_settings.hpp"

namespace osteon::testing {

// Every integrator this build provides.
inline auto all_methods() {
  return ::testing::Values(Method::dopri5, Method::rosenbrock, Method::odeint_dopri5, Method::odeint_rosenbrock4);
}

// gtest-friendly names: "odeint_dopri5".
struct MethodName {
  template <class Info>
  std::string operator()(const Info& info) const {
    std::string n(method_name(info.param));
    std::replace(n.begin(), n.end(), '-', '_');
    return n;
  }
};

}  // namespace osteon::testing

// INSTANTIATE_FOR_ALL_INTEGRATORS(SuiteName) for a TEST_P suite whose param is osteon::Method.
#define INSTANTIATE_FOR_ALL_INTEGRATORS(suite) \
  INSTANTIATE_TEST_SUITE_P(AllIntegrators, suite, ::osteon::testing::all_methods(), ::osteon::testing::MethodName())
