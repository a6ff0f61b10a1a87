// Ayati 2010 (model with tumour, BIOMD0000000402) against the values the curated encoding
// lists, Gompertz's closed form, Komarova 2003's steady state (models.md target 2) and the
// paper's conclusion, for every integrator.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "ayati2010/ayati2010.hpp"
#include "model_checks.hpp"
#include "support/integrator_fixture.hpp"
#include "support/model_steady_state.hpp"
#include "support/scenario_runner.hpp"

namespace {

using osteon::models::Ayati2010;
using osteon::testing::run_yaml;
using M = Ayati2010;

// The curated encoding's start: OC = 15, OB = 316, z = 100 %, one tumour cell.
std::string scenario(const std::string& duration, const std::string& initial = "{OC: 15, OB: 316, z: 100, tumour: 1}") {
  return "osteon: 1\nname: a\nmodel: ayati2010\nduration: " + duration +
         "\noutput: {every: 1 d}\nsolver: {rtol: 1e-10, atol: 1e-12}\ninitial: " + initial + "\n";
}

// Gompertz: T(t) = L_T·exp(ln(T0/L_T)·e^(-γ_T·t)), with the defaults L_T = 100, γ_T = 0.005 /d.
double gompertz(double t, double t0_cells) {
  return 100.0 * std::exp(std::log(t0_cells / 100.0) * std::exp(-0.005 * t));
}

class Ayati2010Integrators : public osteon::testing::IntegratorTest {};

TEST(Ayati2010, ReferenceIsTheCuratedSteadyStateAtFullTumourBurden) {
  const auto p = osteon::testing::default_full_params<M>();
  // BIOMD0000000402 lists C_bar = 4.99380996157 and B_bar = 315.901488672 (Γ = -0.3734).
  EXPECT_NEAR(p[M::OC_ref], 4.99380996157, 5e-11);
  EXPECT_NEAR(p[M::OB_ref], 315.901488672, 5e-9);
  const auto y = osteon::testing::closed_form_steady_state<M>(p);
  EXPECT_EQ(y[M::tumour], 100.0);
  std::vector<double> f(M::n_states);
  M::rhs<double>(0.0, y.data(), p.data(), f.data());
  EXPECT_NEAR(f[M::OC] / (p[M::beta1] * y[M::OC]), 0.0, 1e-12);  // production = removal
  EXPECT_NEAR(f[M::OB] / (p[M::beta2] * y[M::OB]), 0.0, 1e-12);
  EXPECT_EQ(f[M::z], 0.0);
  EXPECT_EQ(f[M::tumour], 0.0);  // ln(L_T/L_T)
  const auto engine = osteon::testing::engine_steady_state("ayati2010");
  EXPECT_TRUE(engine.converged) << engine.message;
  EXPECT_EQ(engine.method, "closed form");
}

TEST(Ayati2010, WithoutTumourTheCellsAreKomarova2003AtItsHopfPoint) {
  // T = 0 leaves the exponents g_ij; with g11 = 1.1 the cells' steady state is Komarova 2003's
  // at its Hopf point, x̄1 = 1.15863, x̄2 = 231.724 (models.md target 2, 6 digits).
  const auto p = osteon::testing::default_full_params<M>();
  const std::vector<double> y{1.15863, 231.724, 100.0, 0.0};
  std::vector<double> f(M::n_states);
  M::rhs<double>(0.0, y.data(), p.data(), f.data());
  EXPECT_NEAR(f[M::OC] / (p[M::beta1] * y[M::OC]), 0.0, 2e-5);
  EXPECT_NEAR(f[M::OB] / (p[M::beta2] * y[M::OB]), 0.0, 2e-5);
  EXPECT_EQ(f[M::z], 0.0);       // both cells below the reference: no excess
  EXPECT_EQ(f[M::tumour], 0.0);  // no tumour stays none (not NaN)
}

TEST(Ayati2010, RightHandSideAgreesAcrossScalarTypes) {
  const auto p = osteon::testing::default_full_params<M>();
  const std::vector<double> y{10.0, 300.0, 90.0, 40.0};
  osteon::testing::expect_lanes_match_scalar<M, 8>(p, y, 0.0);
  osteon::testing::expect_jacobian_matches_finite_differences<M>(p, y, 0.0, 1e-6);
}

TEST_P(Ayati2010Integrators, TumourFollowsGompertzAndBoneIsLost) {
  const auto out = run_yaml(scenario("1000 d"), options());
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto tumour = out.series("tumour"), z = out.series("z");
  for (int day : {100, 365, 1000}) EXPECT_NEAR(tumour[day] / gompertz(day, 1.0), 1.0, 1e-7) << day;
  // "In the case of untreated myeloma ... net bone loss as the tumor grows" (Ayati 2010, abstract).
  // The values: an independent SciPy integration of the curated equations (DOP853 and Radau,
  // rtol 1e-12, which agree to 2e-6 %).
  EXPECT_NEAR(z[500], 96.97899, 2e-5);
  EXPECT_NEAR(z[1000], 35.69845, 2e-5);
}

TEST_P(Ayati2010Integrators, NoTumourStaysAtKomarovasSteadyState) {
  // Started at Komarova's closed form at g11 = 1.1 (to 17 digits) without tumour, nothing moves.
  const auto out =
      run_yaml(scenario("500 d", "{OC: 1.1586190184477538, OB: 231.72380368955072, z: 100, tumour: 0}"), options());
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  EXPECT_EQ(out.series("tumour").back(), 0.0);
  EXPECT_NEAR(out.series("OC").back() / 1.15863, 1.0, 1.5e-5);  // models.md target 2, 6 digits
  EXPECT_NEAR(out.series("OB").back() / 231.724, 1.0, 1.5e-5);
  EXPECT_NEAR(out.series("OC").back() / 1.1586190184477538, 1.0, 1e-8);
  EXPECT_EQ(out.series("z").back(), 100.0);
}

INSTANTIATE_FOR_ALL_INTEGRATORS(Ayati2010Integrators);

}  // namespace
