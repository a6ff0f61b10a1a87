// Steady states: Newton on the AD Jacobian from a far start, the integration
// fallback, and a clear report (never a hang) when there is none.
#include <gtest/gtest.h>

#include <cmath>

#include "builtin_models.hpp"
#include "integrate/steady_state.hpp"
#include "support/test_models.hpp"

namespace {

using osteon::SteadyStateOptions;
using osteon::testing::TwoPools;

TEST(SteadyState, NewtonFromAFarStartConvergesAndReports) {
  const double p[5] = {2.0, 0.1, 0.05, 0.3, 0.2};
  SteadyStateOptions o;
  o.guess = {500.0, 0.01};  // far from (y1*, y2*) ≈ (4.93, 7.39)
  const auto rep = osteon::find_steady_state<TwoPools>(p, o);
  ASSERT_TRUE(rep.converged) << rep.message;
  EXPECT_EQ(rep.method, "newton");
  EXPECT_GT(rep.iterations, 1);
  EXPECT_LT(rep.residual, o.tolerance);
  const auto eq = TwoPools::equilibrium(p);
  EXPECT_NEAR(rep.state[0], eq[0], 1e-10 * eq[0]);
  EXPECT_NEAR(rep.state[1], eq[1], 1e-10 * eq[1]);
}

TEST(SteadyState, FallsBackToIntegrationWhenNewtonStalls) {
  // Newton with a one-iteration budget cannot finish from far away; the
  // integration fallback (then a Newton polish) must.
  const double p[5] = {2.0, 0.1, 0.05, 0.3, 0.2};
  SteadyStateOptions o;
  o.guess = {500.0, 0.01};
  o.max_newton_iterations = 1;
  const auto rep = osteon::find_steady_state<TwoPools>(p, o);
  ASSERT_TRUE(rep.converged) << rep.message;
  EXPECT_EQ(rep.method, "integration");
  EXPECT_NEAR(rep.state[0], TwoPools::equilibrium(p)[0], 1e-8);
}

TEST(SteadyState, NoSteadyStateGivesAMessageNotAHang) {
  // With no loss (b = e = 0) pool 2 grows for ever: no steady state exists.
  const double p[5] = {2.0, 0.0, 0.05, 0.3, 0.0};
  SteadyStateOptions o;
  o.max_integration_time = 1e4;
  const auto rep = osteon::find_steady_state<TwoPools>(p, o);
  EXPECT_FALSE(rep.converged);
  EXPECT_NE(rep.message.find("no steady state"), std::string::npos) << rep.message;
  EXPECT_GT(rep.residual, o.tolerance);
}

TEST(SteadyState, ModelInterfaceUsesTheClosedFormWhenThereIsOne) {
  const osteon::Model& k = *osteon::models::builtin_registry().find("komarova2003");
  const auto p = k.default_params();
  const auto rep = k.steady_state(p.data(), {});
  ASSERT_TRUE(rep.converged);
  EXPECT_EQ(rep.method, "closed form");
  EXPECT_NEAR(rep.state[0], 1.0606601717798212, 1e-12);
}

}  // namespace
