// The fixture of a TEST_P suite run on every integrator (support/integrators.hpp):
// options() asks for the integrator under test.
#pragma once

#include <gtest/gtest.h>

#include "run/simulation.hpp"
#include "support/integrators.hpp"

namespace osteon::testing {

class IntegratorTest : public ::testing::TestWithParam<Method> {
 protected:
  RunOptions options() const {
    RunOptions o;
    o.method = GetParam();
    return o;
  }
};

}  // namespace osteon::testing
