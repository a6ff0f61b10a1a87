// Komarova 2005 (PTH as a switch of g21 in the Komarova 2003 model) against
// closed forms, the 2003 model itself, and the qualitative claims of the
// paper's abstract (BIOMD0000000279): a short PTH exposure is anabolic,
// continuous exposure catabolic, and faster osteoclast death abolishes the
// anabolic effect. On every integrator.
//
// Numbers marked "SciPy" come from an independent re-implementation of the
// equations integrated piecewise over [0, 1], [1, 2], [2, 300] d with
// scipy.integrate.solve_ivp (DOP853, rtol 1e-12, atol 1e-12), started at the
// closed-form steady state.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "komarova2005/komarova2005.hpp"
#include "model_checks.hpp"
#include "support/integrator_fixture.hpp"
#include "support/scenario_runner.hpp"

namespace {

using osteon::Method;
using osteon::models::Komarova2003;
using osteon::models::Komarova2005;
using osteon::testing::run_yaml;
using M = Komarova2005;

// Closed form of Komarova 2003 Eq. A2 (corrected exponent) with the default
// Fig. 2A(3) parameters (g12 = 1.4, k2 = 0.00075), evaluated in SciPy:
// γ = g12·g21 − (1 − g11)(1 − g22).
constexpr double off_OC = 1.0503004486990046, off_OB = 214.224415764751;  // g21 = −0.5,  γ = −1.2
constexpr double on_OC = 176065.80997271248, on_OB = 4415450660.929061;   // g21 = 0.15, γ = −0.29

std::vector<double> full_params(double pth_on) {
  std::vector<double> p(M::n_params + M::n_derived);
  for (int i = 0; i < M::n_params; ++i) p[i] = M::info().params[static_cast<std::size_t>(i)].value;
  p[M::PTH_on] = pth_on;
  M::derive(p.data(), p.data(), p.data() + M::n_params);
  return p;
}

TEST(Komarova2005, ClosedFormSteadyStatesWithAndWithoutPth) {
  double y[3];
  auto p = full_params(0.0);
  ASSERT_TRUE(M::steady_state(p.data(), y));
  EXPECT_NEAR(y[M::OC] / off_OC, 1.0, 1e-12);
  EXPECT_NEAR(y[M::OB] / off_OB, 1.0, 1e-12);
  EXPECT_EQ(y[M::z], 100.0);
  p = full_params(1.0);
  ASSERT_TRUE(M::steady_state(p.data(), y));
  EXPECT_NEAR(y[M::OC] / on_OC, 1.0, 1e-12);
  EXPECT_NEAR(y[M::OB] / on_OB, 1.0, 1e-12);
  // Both are equilibria of the cell equations with the g21 in effect.
  double f[3];
  M::rhs<double>(0.0, y, p.data(), f);
  EXPECT_LT(std::fabs(f[M::OC]) / y[M::OC], 1e-12);
  EXPECT_LT(std::fabs(f[M::OB]) / y[M::OB], 1e-12);

  const auto* model = osteon::models::builtin_registry().find("komarova2005");
  ASSERT_NE(model, nullptr);
  auto d = model->default_params();
  d[M::PTH_on] = 1.0;
  const auto rep = model->steady_state(d.data(), {});
  ASSERT_TRUE(rep.converged) << rep.message;
  EXPECT_EQ(rep.method, "closed form");
  EXPECT_NEAR(rep.state[M::OC] / on_OC, 1.0, 1e-12);
}

TEST(Komarova2005, SwitchOnlyReplacesG21) {
  // The parameters in effect are Komarova 2003's with g21 ← g21_PTH while on.
  const auto off = full_params(0.0), on = full_params(1.0);
  for (int i = 0; i < Komarova2003::n_params; ++i) {
    const bool is_g21 = i == Komarova2003::g21;
    EXPECT_EQ(off[M::base_offset + i], is_g21 ? -0.5 : off[i]) << i;
    EXPECT_EQ(on[M::base_offset + i], is_g21 ? 0.15 : off[i]) << i;
  }
  EXPECT_EQ(M::check(off.data()), "");
  auto bad = off;
  bad[M::PTH_on] = 0.5;
  EXPECT_NE(M::check(bad.data()).find("PTH_on"), std::string::npos);
}

TEST(Komarova2005, FrozenReferenceIsThePrePthSteadyState) {
  // PTH switched on after the start: frozen reference = steady state without
  // PTH, recomputed reference = steady state with PTH.
  auto start = full_params(0.0);
  auto p = start;
  p[M::PTH_on] = 1.0;
  M::derive(p.data(), start.data(), p.data() + M::n_params);
  EXPECT_NEAR(p[M::base_offset + Komarova2003::OC_ss] / off_OC, 1.0, 1e-12);
  EXPECT_NEAR(p[M::base_offset + Komarova2003::OB_ss] / off_OB, 1.0, 1e-12);
  p[M::freeze_reference] = 0.0;
  M::derive(p.data(), start.data(), p.data() + M::n_params);
  EXPECT_NEAR(p[M::base_offset + Komarova2003::OC_ss] / on_OC, 1.0, 1e-12);
}

TEST(Komarova2005, RhsAgreesAcrossScalarTypes) {
  const auto p = full_params(1.0);
  const std::vector<double> y{12.0, 300.0, 97.0};
  osteon::testing::expect_lanes_match_scalar<M, 4>(p, y, 1.5);
  osteon::testing::expect_lanes_match_scalar<M, 8>(p, y, 1.5);
  osteon::testing::expect_jacobian_matches_finite_differences<M>(p, y, 1.5);
}

// ---------------------------------------------------------------------------

std::string read_scenario(const std::string& name) {
  std::ifstream in(std::string(OSTEON_SOURCE_DIR) + "/scenarios/literature/komarova2005_" + name + ".yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Scenario text with extra top-level keys (parameters, events) appended.
std::string with(const std::string& yaml, const std::string& extra) { return yaml + extra; }

class Komarova2005Integrators : public osteon::testing::IntegratorTest {
 protected:
  osteon::testing::RunOutput ok(const std::string& yaml) const {
    auto out = run_yaml(yaml, options());
    EXPECT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
    return out;
  }
};

std::string header(const std::string& model, const std::string& duration, const std::string& every,
                   const std::string& initial) {
  return "osteon: 1\nname: k\nmodel: " + model + "\nduration: " + duration + "\noutput: {every: " + every +
         "}\nsolver: {rtol: 1e-10, atol: 1e-10}\ninitial: " + initial + "\n";
}

void expect_same_trajectories(const osteon::testing::RunOutput& a, const osteon::testing::RunOutput& b) {
  ASSERT_EQ(a.times, b.times);
  for (const char* v : {"OC", "OB", "z", "resorption", "formation"}) {
    const auto x = a.series(v), y = b.series(v);
    for (std::size_t i = 0; i < x.size(); ++i)
      EXPECT_NEAR(x[i], y[i], 1e-12 * (1.0 + std::fabs(y[i]))) << v << " " << i;
  }
}

TEST_P(Komarova2005Integrators, WithoutPthItIsKomarova2003) {
  // Komarova 2003 Fig. 2 (its parameters, +10 osteoclasts) run through both models.
  const std::string initial = "{OC: 11, OB: 212, z: 100}";
  const auto k03 = ok(header("komarova2003", "120 d", "0.5 d", initial));
  const auto k05 = ok(with(header("komarova2005", "120 d", "0.5 d", initial), "parameters: {g12: 1.0, k2: 0.0017}\n"));
  expect_same_trajectories(k05, k03);
  const auto z = k05.series("z");
  EXPECT_NEAR(*std::min_element(z.begin(), z.end()), 89.84, 0.01);  // models.md §1
}

TEST_P(Komarova2005Integrators, PthEventsAreG21Events) {
  // Switching PTH on and off is exactly a change of g21 in Komarova 2003,
  // with the reference frozen or recomputed alike.
  for (const char* freeze : {"1", "0"}) {
    SCOPED_TRACE(freeze);
    const std::string params = std::string("parameters: {freeze_reference: ") + freeze;
    const auto k03 =
        ok(with(header("komarova2003", "60 d", "0.25 d", "steady_state"),
                params + "}\nevents:\n  - {at: 3 d, set: {g21: -0.45}}\n  - {at: 9 d, set: {g21: -0.5}}\n"));
    const auto k05 = ok(with(header("komarova2005", "60 d", "0.25 d", "steady_state"),
                             params + ", g12: 1.0, k2: 0.0017, g21_PTH: -0.45}\nevents:\n"
                                      "  - {at: 3 d, set: {PTH_on: 1}}\n  - {at: 9 d, set: {PTH_on: 0}}\n"));
    expect_same_trajectories(k05, k03);
    EXPECT_LT(k05.series("z")[40], 100.0);  // something did happen (t = 10 d)
  }
}

TEST_P(Komarova2005Integrators, ShortPthPulseIsAnabolic) {
  const auto out = ok(read_scenario("pth_pulse"));
  const auto z = out.series("z"), oc = out.series("OC"), g = out.series("g21_effective");
  ASSERT_EQ(z.size(), 3001u);  // 300 d every 0.1 d
  EXPECT_EQ(g[5], -0.5);
  EXPECT_EQ(g[10], 0.15);  // t = 1 d: the sample shows the state after the event
  EXPECT_EQ(g[20], -0.5);
  EXPECT_NEAR(oc[0] / off_OC, 1.0, 1e-12);
  // SciPy, frozen reference (the default).
  EXPECT_NEAR(oc[20], 17.306714, 2e-5);  // osteoclast peak at the end of the pulse
  EXPECT_EQ(std::max_element(oc.begin(), oc.end()) - oc.begin(), 20);
  EXPECT_NEAR(z[20], 98.439169, 2e-5);  // resorption during the pulse
  const auto zmin = std::min_element(z.begin(), z.end());
  EXPECT_NEAR(*zmin, 84.811984, 2e-4);
  EXPECT_NEAR(out.times[zmin - z.begin()], 12.08, 0.11);
  EXPECT_NEAR(z[1000], 104.394914, 2e-4);  // t = 100 d
  EXPECT_NEAR(z[3000], 104.909369, 2e-4);  // t = 300 d: net gain
  EXPECT_GT(z[3000], 100.0);
}

TEST_P(Komarova2005Integrators, ShortPthPulseWithTheEncodingsRecomputedReference) {
  // BIOMD0000000279 / CellML recompute x̄ from the current g21: during the pulse
  // x̄ jumps to the PTH steady state, nothing counts as excess and z stays put.
  const auto out = ok(with(read_scenario("pth_pulse"), "parameters: {freeze_reference: 0}\n"));
  const auto z = out.series("z");
  // (Rosenbrock methods mix rounding of the other components into z: 1e-9.)
  for (int i = 0; i <= 20; ++i) EXPECT_NEAR(z[i], 100.0, 1e-9) << i;
  EXPECT_NEAR(z[3000], 106.470200, 2e-4);  // SciPy
}

TEST_P(Komarova2005Integrators, FasterOsteoclastDeathAbolishesTheAnabolicEffect) {
  // Abstract of Komarova 2005: "increase in the rate of osteoclast death
  // abolished the anabolic effect of PTH". Doubling β1 (0.2 → 0.4 /d) turns
  // the net gain of the 1-day pulse into a net loss.
  const auto out = ok(with(read_scenario("pth_pulse"), "parameters: {beta1: 0.4}\n"));
  EXPECT_NEAR(out.series("z")[3000], 99.4993, 2e-4);  // SciPy
  EXPECT_LT(out.series("z")[3000], 100.0);
}

TEST_P(Komarova2005Integrators, CuratedFigB1ParametersGiveANetLoss) {
  // The alternative defaults of the curated COPASI file figB1_red.cps
  // (g12 = 0.5, k2 = 0.005): the same pulse ends below the start.
  const auto out = ok(with(read_scenario("pth_pulse"), "parameters: {g12: 0.5, k2: 0.005}\n"));
  EXPECT_NEAR(out.series("z")[3000], 97.20834, 2e-4);  // SciPy
}

TEST_P(Komarova2005Integrators, ContinuousPthLosesBoneAgainstTheFrozenReference) {
  const auto out = ok(read_scenario("continuous_pth"));
  const auto z = out.series("z"), res = out.series("resorption"), form = out.series("formation");
  ASSERT_EQ(z.size(), 101u);                                          // 5 d every 0.05 d
  for (int i = 0; i <= 20; ++i) EXPECT_NEAR(z[i], 100.0, 1e-9) << i;  // before PTH
  for (std::size_t i = 21; i < z.size(); ++i) {
    EXPECT_LT(z[i], z[i - 1]) << i;   // falling throughout
    EXPECT_GT(res[i], form[i]) << i;  // resorption leads formation at all times
  }
  EXPECT_NEAR(z[60], 90.795908, 2e-4);   // SciPy, t = 3 d
  EXPECT_NEAR(z[100], 35.006943, 2e-4);  // SciPy, t = 5 d
}

TEST_P(Komarova2005Integrators, ContinuousPthWithRecomputedReferenceLeavesBoneUnchanged) {
  const auto out = ok(with(read_scenario("continuous_pth"), "parameters: {freeze_reference: 0}\n"));
  for (double z : out.series("z")) EXPECT_NEAR(z, 100.0, 1e-9);
  EXPECT_GT(out.series("OC").back(), 200.0);  // the cells did respond
}

TEST_P(Komarova2005Integrators, ContinuousPthBeyondTheBoneFailsOnZ) {
  std::string yaml = read_scenario("continuous_pth");
  yaml.replace(yaml.find("duration: 5 d"), 13, "duration: 10 d");
  const auto out = run_yaml(yaml, options());
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::failed);
  const std::string& m = out.runs[0].message;
  EXPECT_NE(m.find("state z became negative"), std::string::npos) << m;
  const auto at = m.find("t = ");
  ASSERT_NE(at, std::string::npos) << m;
  const double t = std::stod(m.substr(at + 4));
  EXPECT_GE(t, 5.62062);  // SciPy: z reaches 0 at t = 5.62062 d
  EXPECT_LT(t, 5.7);
}

INSTANTIATE_FOR_ALL_INTEGRATORS(Komarova2005Integrators);

}  // namespace
