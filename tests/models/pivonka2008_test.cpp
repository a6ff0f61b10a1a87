// Pivonka 2008 against ../shared/references/models.md §3 (target 4) and the
// qualitative behaviour of the paper's load cases, on every integrator.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "model_checks.hpp"
#include "pivonka2008/pivonka2008.hpp"
#include "support/integrator_fixture.hpp"
#include "support/model_steady_state.hpp"
#include "support/scenario_runner.hpp"

namespace {

using osteon::Method;
using osteon::models::Pivonka2008;
using osteon::testing::run_yaml;
using M = Pivonka2008;

// models.md §3, target 4 (5 significant digits).
constexpr double ref_OBp = 6.1964e-4, ref_OBa = 5.5839e-4, ref_OCa = 8.0696e-4;
constexpr double ref_RANKL = 0.55223, ref_OPG = 1.8436e4, ref_pi_RANKL = 0.040554;

std::vector<double> steady(const std::vector<double>& p) {
  std::vector<double> y(M::n_states);
  EXPECT_TRUE(M::steady_state(p.data(), y.data()));
  return y;
}

std::vector<double> observables_at(const std::vector<double>& y, const std::vector<double>& p) {
  std::vector<double> o(M::n_observables);
  M::observables<double>(0.0, y.data(), p.data(), o.data());
  return o;
}

TEST(Pivonka2008, SteadyStateTarget4) {
  const auto p = osteon::testing::default_full_params<M>();
  const auto y = steady(p);
  EXPECT_NEAR(y[M::OBp] / ref_OBp, 1.0, 1e-4);
  EXPECT_NEAR(y[M::OBa] / ref_OBa, 1.0, 1e-4);
  EXPECT_NEAR(y[M::OCa] / ref_OCa, 1.0, 1e-4);
  const auto o = observables_at(y, p);
  EXPECT_NEAR(o[M::RANKL] / ref_RANKL, 1.0, 1e-4);
  EXPECT_NEAR(o[M::OPG] / ref_OPG, 1.0, 1e-4);
  EXPECT_NEAR(o[M::pi_act_RANKL] / ref_pi_RANKL, 1.0, 1e-4);
  // The other tabulated quantities of models.md §3.
  EXPECT_NEAR(o[M::TGFb] / 8.0696e-4, 1.0, 1e-4);
  EXPECT_NEAR(o[M::PTH] / 2.9070, 1.0, 1e-4);
  EXPECT_NEAR(o[M::pi_act_PTH] / 0.019011, 1.0, 1e-4);
  EXPECT_NEAR(o[M::pi_rep_PTH] / 0.071122, 1.0, 1e-4);
  EXPECT_NEAR(o[M::RANKL_eff] / 31.848, 1.0, 1e-4);
  EXPECT_NEAR(o[M::pi_act_TGFb_OBu] / 0.15077, 1.0, 1e-4);
  EXPECT_NEAR(o[M::pi_act_TGFb_OCa] / 0.15077, 1.0, 1e-4);
  EXPECT_NEAR(o[M::pi_rep_TGFb_OBp] / 0.63693, 1.0, 1e-4);
  // The authors' own root-finder start (cmodiz/Bone-Models, quoted in models.md §3), to 16 digits.
  EXPECT_NEAR(y[M::OBp] / 6.196390627918603e-4, 1.0, 1e-8);
  EXPECT_NEAR(y[M::OBa] / 5.583931899482344e-4, 1.0, 1e-8);
  EXPECT_NEAR(y[M::OCa] / 8.069635262731931e-4, 1.0, 1e-8);
}

TEST(Pivonka2008, SteadyStateIsAnEquilibriumWithBalancedBone) {
  const auto p = osteon::testing::default_full_params<M>();
  const auto y = steady(p);
  std::vector<double> f(M::n_states);
  M::rhs<double>(0.0, y.data(), p.data(), f.data());
  EXPECT_LT(std::fabs(f[M::OBp]) / y[M::OBp], 1e-12);
  EXPECT_LT(std::fabs(f[M::OBa]) / y[M::OBa], 1e-12);
  EXPECT_LT(std::fabs(f[M::OCa]) / y[M::OCa], 1e-12);
  EXPECT_EQ(f[M::BV], 0.0);  // deviation form: exactly balanced at the reference
  // The default k_form makes the fluxes themselves equal: k_form·OBa* = k_res·OCa*.
  const auto o = observables_at(y, p);
  EXPECT_NEAR(o[M::formation] / o[M::resorption], 1.0, 1e-6);
  // The reference steady state held in the derived parameters is the same point.
  EXPECT_DOUBLE_EQ(p[M::OBa_ref], y[M::OBa]);
  EXPECT_DOUBLE_EQ(p[M::OCa_ref], y[M::OCa]);
}

TEST(Pivonka2008, EngineSteadyStateUsesTheClosedForm) {
  const auto rep = osteon::testing::engine_steady_state("pivonka2008");
  ASSERT_TRUE(rep.converged) << rep.message;
  EXPECT_EQ(rep.method, "closed form");
  EXPECT_NEAR(rep.state[M::OCa] / ref_OCa, 1.0, 1e-4);
}

TEST(Pivonka2008, RhsAgreesAcrossScalarTypes) {
  const auto p = osteon::testing::default_full_params<M>();
  auto y = steady(p);
  y[M::OBp] *= 1.3;
  y[M::OCa] *= 0.7;
  osteon::testing::expect_lanes_match_scalar<M, 4>(p, y, 10.0);
  osteon::testing::expect_lanes_match_scalar<M, 8>(p, y, 10.0);
  osteon::testing::expect_jacobian_matches_finite_differences<M>(p, y, 10.0);
}

// The PTH terms computed once per parameter change (derive) give bitwise the signals of the
// shared module, which computes them in every right-hand side, and the cached cell steady
// state is bitwise the module's own: results do not change.
TEST(Pivonka2008, HoistedSignalsAndCachedSteadyStateAreBitwiseTheModules) {
  namespace bs = osteon::modules::bone_signalling;
  for (const double scale : {1.0, 0.7, 1.3}) {
    auto p = osteon::testing::default_full_params<M>();
    p[M::P_PTH] = 50.0 * (scale - 0.7);
    p[M::beta_PTH] *= scale;
    p[M::K_D6_PTH] /= scale;
    M::derive(p.data(), p.data(), p.data() + M::n_params);
    auto y = steady(p);
    y[M::OBp] *= scale;
    y[M::OCa] *= 2.0 - scale;
    const auto mine = M::signals(y.data(), p.data());
    const auto module = bs::evaluate(p.data(), M::signalling, y[M::OBp], y[M::OBa], y[M::OCa], 0.0, 0.0);
    for (auto member :
         {&bs::Signals<double>::TGFb, &bs::Signals<double>::pi_act_TGFb_OBu, &bs::Signals<double>::pi_rep_TGFb_OBp,
          &bs::Signals<double>::pi_act_TGFb_OCa, &bs::Signals<double>::PTH, &bs::Signals<double>::pi_act_PTH,
          &bs::Signals<double>::pi_rep_PTH, &bs::Signals<double>::OPG, &bs::Signals<double>::RANKL_eff,
          &bs::Signals<double>::RANKL, &bs::Signals<double>::RANKL_RANK, &bs::Signals<double>::pi_act_RANKL}) {
      EXPECT_EQ(mine.*member, module.*member) << scale;
    }
    for (int repeat = 0; repeat < 2; ++repeat) {  // computed, then from the cache
      const auto cached = M::cell_steady_state(p.data());
      const auto direct =
          osteon::modules::bone_cell_populations::steady_state(p.data(), M::signalling, M::cells, 0.0, 0.0, 1.0, 0.0);
      ASSERT_EQ(cached.ok, direct.ok);
      EXPECT_EQ(cached.OBp, direct.OBp);
      EXPECT_EQ(cached.OBa, direct.OBa);
      EXPECT_EQ(cached.OCa, direct.OCa);
    }
  }
}

// Each of the paper's four model structures (RANKL on OBp or OBa, OPG from
// OBp or OBa) has a positive steady state that the equations hold exactly.
TEST(Pivonka2008, FourModelStructuresHaveSteadyStates) {
  const double R = 2.703476379131062e6, B = 1.624900337835679e8;
  for (int rankl_on_oba = 0; rankl_on_oba < 2; ++rankl_on_oba) {
    for (int opg_from_obp = 0; opg_from_obp < 2; ++opg_from_obp) {
      auto p = osteon::testing::default_full_params<M>();
      p[M::R1_RANKL] = rankl_on_oba ? 0.0 : R;
      p[M::R2_RANKL] = rankl_on_oba ? R : 0.0;
      p[M::beta1_OPG] = opg_from_obp ? B : 0.0;
      p[M::beta2_OPG] = opg_from_obp ? 0.0 : B;
      M::derive(p.data(), p.data(), p.data() + M::n_params);
      const auto y = steady(p);
      std::vector<double> f(M::n_states);
      M::rhs<double>(0.0, y.data(), p.data(), f.data());
      for (int i = 0; i < 3; ++i) EXPECT_LT(std::fabs(f[i]) / y[i], 1e-12) << rankl_on_oba << opg_from_obp << i;
      const auto o = observables_at(y, p);
      const double carrier = rankl_on_oba ? y[M::OBa] : y[M::OBp];
      EXPECT_NEAR(o[M::RANKL_eff], R * carrier * o[M::pi_act_PTH], 1e-12 * o[M::RANKL_eff]);
    }
  }
  EXPECT_FALSE(M::check(osteon::testing::default_full_params<M>().data()).size());
}

class Pivonka2008Integrators : public osteon::testing::IntegratorTest {};

std::string scenario(const std::string& duration, const std::string& every, const std::string& extra,
                     const std::string& initial = "steady_state") {
  return "osteon: 1\nname: p\nmodel: pivonka2008\nduration: " + duration + "\noutput: {every: " + every +
         "}\nsolver: {rtol: 1e-10, atol: 1e-16}\ninitial: " + initial + "\n" + extra;
}

std::string injection(const std::string& name, const std::string& value) {
  return "events:\n  - {at: 20 d, set: {" + name + ": " + value + "}}\n  - {at: 80 d, set: {" + name + ": 0 pM/d}}\n";
}

TEST_P(Pivonka2008Integrators, LongIntegrationReachesTarget4) {
  const auto out = run_yaml(scenario("3000 d", "100 d", "", "{OBp: 1e-3, OBa: 3e-4, OCa: 2e-3, BV: 100}"), options());
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  EXPECT_NEAR(out.series("OBp").back() / ref_OBp, 1.0, 1e-4);
  EXPECT_NEAR(out.series("OBa").back() / ref_OBa, 1.0, 1e-4);
  EXPECT_NEAR(out.series("OCa").back() / ref_OCa, 1.0, 1e-4);
  EXPECT_NEAR(out.series("RANKL").back() / ref_RANKL, 1.0, 1e-4);
  EXPECT_NEAR(out.series("OPG").back() / ref_OPG, 1.0, 1e-4);
  EXPECT_NEAR(out.series("pi_act_RANKL").back() / ref_pi_RANKL, 1.0, 1e-4);
}

// The paper's injections on days 20-80: each moves the cells, and each
// returns them to the steady state once the input stops.
TEST_P(Pivonka2008Integrators, InjectionsReturnToSteadyState) {
  const std::pair<const char*, const char*> cases[] = {{"P_PTH", "1e3 pM/d"},   {"P_OPG", "2e5 pM/d"},
                                                       {"P_RANKL", "1e4 pM/d"}, {"P_TGFb", "1e-3 pM/d"},
                                                       {"I_OBa", "1e-4 pM/d"},  {"I_OCa", "1e-4 pM/d"}};
  const auto ss = steady(osteon::testing::default_full_params<M>());
  for (const auto& [name, value] : cases) {
    const auto out = run_yaml(scenario("600 d", "1 d", injection(name, value)), options());
    ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << name << ": " << out.runs[0].message;
    for (const auto& [state, index] : {std::pair{"OBp", M::OBp}, {"OBa", M::OBa}, {"OCa", M::OCa}}) {
      const auto x = out.series(state);
      EXPECT_NEAR(x[19] / ss[index], 1.0, 1e-9) << name << " " << state << " before the input";
      EXPECT_NEAR(x[600] / ss[index], 1.0, 1e-6) << name << " " << state << " long after the input";
    }
    const auto oca = out.series("OCa");
    const auto obp = out.series("OBp");
    const double moved = std::max(std::fabs(oca[80] / ref_OCa - 1.0), std::fabs(obp[80] / ref_OBp - 1.0));
    EXPECT_GT(moved, 0.1) << name << " had no effect";
    // Bone volume stops changing once the cells are back.
    const auto bv = out.series("BV");
    EXPECT_NEAR(bv[600], bv[500], 1e-6) << name;
  }
}

// Catabolic inputs: more RANKL gives more osteoclasts and more bone loss;
// continuous PTH is catabolic; OPG (the RANKL decoy) is anti-catabolic.
TEST_P(Pivonka2008Integrators, RanklDoseResponseIsMonotone) {
  double last_oca = 0.0, last_bv = 1e9;
  for (const char* dose : {"1e2 pM/d", "1e3 pM/d", "1e4 pM/d", "1e5 pM/d"}) {
    const auto out = run_yaml(scenario("80 d", "1 d", injection("P_RANKL", dose)), options());
    ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
    const double oca = out.series("OCa")[80], bv = out.series("BV")[80];
    EXPECT_GT(oca, last_oca) << dose;
    EXPECT_LT(bv, last_bv) << dose;
    EXPECT_LT(bv, 100.0) << dose;
    last_oca = oca;
    last_bv = bv;
  }
}

TEST_P(Pivonka2008Integrators, ContinuousPthIsCatabolicAndOpgAnticatabolic) {
  const auto pth = run_yaml(scenario("80 d", "1 d", injection("P_PTH", "1e3 pM/d")), options());
  const auto opg = run_yaml(scenario("80 d", "1 d", injection("P_OPG", "2e5 pM/d")), options());
  ASSERT_EQ(pth.runs[0].status, osteon::RunStatus::ok) << pth.runs[0].message;
  ASSERT_EQ(opg.runs[0].status, osteon::RunStatus::ok) << opg.runs[0].message;
  EXPECT_GT(pth.series("OCa")[80], ref_OCa * 1.5);
  EXPECT_LT(pth.series("BV")[80], 100.0);
  EXPECT_LT(opg.series("OCa")[80], ref_OCa * 0.5);
  EXPECT_GT(opg.series("BV")[80], 100.0);
  EXPECT_GT(opg.series("OPG")[50], 10.0 * ref_OPG);
}

INSTANTIATE_FOR_ALL_INTEGRATORS(Pivonka2008Integrators);

}  // namespace
