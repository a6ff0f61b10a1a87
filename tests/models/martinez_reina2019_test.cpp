// Martínez-Reina & Pivonka 2019 against ../shared/references/models.md §6a
// (targets 6 and 7), the Scheiner steady state it starts from (target 5), the
// dosing contract of `drugs:` and the qualitative PMO/denosumab behaviour, on
// every integrator.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "martinez_reina2019/martinez_reina2019.hpp"
#include "model_checks.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"
#include "support/integrator_fixture.hpp"
#include "support/model_steady_state.hpp"
#include "support/scenario_runner.hpp"

namespace {

using osteon::Method;
using osteon::models::MartinezReina2019;
using osteon::testing::run_yaml;
using M = MartinezReina2019;

TEST(MartinezReina2019, StartsFromTheScheinerSteadyStateInTrabecularBone) {
  const auto p = osteon::testing::default_full_params<M>();
  const auto y = osteon::testing::closed_form_steady_state<M>(p);
  EXPECT_NEAR(y[M::OBp] / 1e-3, 1.0, 1e-9);
  EXPECT_NEAR(y[M::OBa] / 5e-4, 1.0, 1e-9);
  EXPECT_NEAR(y[M::OCa] / 1e-4, 1.0, 1e-9);
  EXPECT_EQ(y[M::f_vas], 85.0);
  EXPECT_EQ(y[M::A_den_sc], 0.0);
  EXPECT_EQ(y[M::C_den], 0.0);
  std::vector<double> f(M::n_states), o(M::n_observables);
  M::rhs<double>(0.0, y.data(), p.data(), f.data());
  for (int i = 0; i < 3; ++i) EXPECT_LT(std::fabs(f[i]) / y[i], 1e-12) << i;
  EXPECT_LT(std::fabs(f[M::f_vas]), 1e-15);
  M::observables<double>(0.0, y.data(), p.data(), o.data());
  EXPECT_NEAR(o[M::RANKL] / 0.70366, 1.0, 1e-4);
  EXPECT_EQ(o[M::BV_TV], 15.0);
  // E = 84.37·0.15^2.58·α^2.74 GPa; ψ* = Σ²/(2E) with Σ = 5 MPa.
  const double e = 84.37 * std::pow(0.15, 2.58) * std::pow(0.72, 2.74);
  EXPECT_NEAR(o[M::E_app] / e, 1.0, 1e-14);
  EXPECT_NEAR(p[M::psi_ref], 25.0 / (2.0e3 * e), 1e-15);
  const auto* model = osteon::models::builtin_registry().find("martinez_reina2019");
  ASSERT_NE(model, nullptr);
  const auto rep = model->steady_state(model->default_params().data(), {});
  ASSERT_TRUE(rep.converged) << rep.message;
  EXPECT_EQ(rep.method, "closed form");
}

TEST(MartinezReina2019, RhsAgreesAcrossScalarTypes) {
  auto p = osteon::testing::default_full_params<M>();
  p[M::PMO] = 1.0;
  auto y = osteon::testing::closed_form_steady_state<M>(p);
  y[M::A_den_sc] = 20.0;
  y[M::C_den] = 5000.0;
  for (double fv : {80.0, 88.0}) {  // both mechanical branches
    y[M::f_vas] = fv;
    osteon::testing::expect_lanes_match_scalar<M, 4>(p, y, 100.0);
    osteon::testing::expect_lanes_match_scalar<M, 8>(p, y, 100.0);
    osteon::testing::expect_jacobian_matches_finite_differences<M>(p, y, 100.0);
  }
}

// ---- dosing contract -------------------------------------------------------

osteon::Scenario load(const std::string& body, const std::string& duration = "3 y") {
  return osteon::load_scenario_text(
      "osteon: 1\nname: d\nmodel: martinez_reina2019\nduration: " + duration + "\n" + body, "<test>",
      osteon::models::builtin_registry());
}

std::vector<double> dose_times(const osteon::Scenario& s) {
  const auto* model = osteon::models::builtin_registry().find("martinez_reina2019");
  const osteon::RunSpec run = osteon::compile_run(s, *model);
  std::vector<double> t;
  for (const auto& a : run.schedule.actions()) {
    if (a.kind == osteon::ActionKind::add_state && a.index == M::A_den_sc) {
      EXPECT_EQ(a.value, 60.0);
      t.push_back(a.time);
    }
  }
  return t;
}

TEST(MartinezReina2019, DenosumabRegimensBecomeDepotDoses) {
  const double mo = 30.4375;
  // every + count
  auto t = dose_times(load("drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, count: 3, start: 10 d}\n"));
  ASSERT_EQ(t.size(), 3u);
  EXPECT_DOUBLE_EQ(t[0], 10.0);
  EXPECT_DOUBLE_EQ(t[1], 10.0 + 6 * mo);
  EXPECT_DOUBLE_EQ(t[2], 10.0 + 12 * mo);
  // every + stop: no dose at or after stop
  t = dose_times(load("drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, stop: 12 mo}\n"));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_DOUBLE_EQ(t[1], 6 * mo);
  // every alone: until the end of the run (3 y = 36 mo: doses at 0, 6, ..., 30 mo;
  // none at the final instant, where it could not act)
  t = dose_times(load("drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo}\n"));
  EXPECT_EQ(t.size(), 6u);
  // a single dose
  t = dose_times(load("drugs:\n  - {drug: denosumab, dose: 60 mg, start: 1 y}\n"));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_DOUBLE_EQ(t[0], 365.25);
}

TEST(MartinezReina2019, RejectsWhatItCannotTake) {
  const auto* model = osteon::models::builtin_registry().find("martinez_reina2019");
  // Loading checks the model's vocabulary (only denosumab; no exercise or nutrition); compiling
  // checks what the model itself requires (a dose).
  auto expect_rejected = [&](const std::string& body, const std::string& key, const std::string& says) {
    try {
      (void)osteon::compile_run(load(body), *model);
      ADD_FAILURE() << "accepted: " << body;
    } catch (const osteon::InputError& e) {
      EXPECT_EQ(e.key(), key) << e.what();
      EXPECT_GT(e.where().line, 0) << e.what();
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  expect_rejected(
      "drugs:\n  - {drug: denosumab, dose: 60 mg, start: 0 d}\n  - {drug: alendronate, dose: 70 mg, every: 1 wk}\n",
      "drugs[1].drug", "denosumab, the only drug of martinez_reina2019");
  expect_rejected("drugs:\n  - {drug: denosumab, every: 6 mo}\n", "drugs[0]", "a dose");
  expect_rejected("exercise:\n  - {type: walking, minutes_per_week: 150}\n", "exercise", "takes no exercise");
  expect_rejected("nutrition: {calcium: 1200 mg/d}\n", "nutrition", "no nutrition inputs");
}

// ---- dynamics on every integrator ------------------------------------------

class MartinezReina2019Integrators : public osteon::testing::IntegratorTest {};

std::string scenario(const std::string& duration, const std::string& every, const std::string& extra) {
  return "osteon: 1\nname: m\nmodel: martinez_reina2019\nduration: " + duration + "\noutput: {every: " + every +
         "}\nsolver: {rtol: 1e-10, atol: 1e-12}\n" + extra;
}

// Target 6: one 60 mg dose in a 60 kg woman (models.md §6a).
void expect_target6(const osteon::testing::RunOutput& out) {
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto c = out.series("denosumab_serum");  // ng/mL, every 0.1 d
  const auto peak = std::max_element(c.begin(), c.end());
  EXPECT_NEAR(*peak / 10.08e3, 1.0, 0.005);
  EXPECT_NEAR(out.times[static_cast<std::size_t>(peak - c.begin())], 15.8, 0.1);
  EXPECT_NEAR(c[280] / 9.09e3, 1.0, 0.005);    // 28 d
  EXPECT_NEAR(c[840] / 3.52e3, 1.0, 0.005);    // 84 d
  EXPECT_NEAR(c[1400] / 0.731e3, 1.0, 0.005);  // 140 d
  EXPECT_NEAR(c[1830] / 46.0, 1.0, 0.005);     // 183 d
  const auto pm = out.series("denosumab_pM");
  EXPECT_NEAR(pm[1830] / c[1830], 1.0e6 / 149000.0, 1e-12);  // 149 kDa
}

TEST_P(MartinezReina2019Integrators, DenosumabPkTarget6FromDrugsEntry) {
  expect_target6(run_yaml(scenario("183 d", "0.1 d", "drugs:\n  - {drug: denosumab, dose: 60 mg}\n"), options()));
}

TEST_P(MartinezReina2019Integrators, DenosumabPkTarget6FromEvent) {
  expect_target6(run_yaml(scenario("183 d", "0.1 d", "events:\n  - {at: 0 d, add: {A_den_sc: 60 mg}}\n"), options()));
}

// Target 7: the PMO RANKL law from menopause at t = 0 (models.md §6a, years of 365 d).
TEST_P(MartinezReina2019Integrators, PmoRanklLawTarget7) {
  const auto out = run_yaml(scenario("3650 d", "365 d", "parameters: {PMO: 1}\n"), options());
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto p = out.series("P_RANKL_PMO");
  EXPECT_EQ(p[0], 0.0);  // the onset itself is still premenopausal
  EXPECT_NEAR(p[1] / 3864.6, 1.0, 1e-4);
  EXPECT_NEAR(p[2] / 3508.3, 1.0, 1e-4);
  EXPECT_NEAR(p[5] / 2132.3, 1.0, 1e-4);
  EXPECT_NEAR(p[10] / 888.2, 1.0, 1e-4);
  // Estrogen loss is catabolic: BV/TV falls over the first years, osteoclasts rise.
  const auto bv = out.series("BV_TV"), oca = out.series("OCa");
  EXPECT_LT(bv[1], 15.0);
  EXPECT_GT(oca[1], 2e-4);
}

TEST_P(MartinezReina2019Integrators, PmoOnsetLaterInTheRun) {
  const auto out = run_yaml(scenario("400 d", "1 d", "parameters: {PMO: 1, t_PMO: 100 d}\n"), options());
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto p = out.series("P_RANKL_PMO"), oca = out.series("OCa");
  EXPECT_EQ(p[100], 0.0);
  EXPECT_NEAR(p[101] / (4000.0 * 4225.0 / (4225.0 + 1.0 / 900.0)), 1.0, 1e-12);
  EXPECT_NEAR(oca[100] / 1e-4, 1.0, 1e-8);  // nothing happens before the onset
  EXPECT_GT(oca[130], 1.5e-4);
}

// Denosumab sequesters RANKL: osteoclasts fall within days and stay below
// baseline for weeks, in the healthy and the postmenopausal skeleton, and
// under PMO it preserves bone.
TEST_P(MartinezReina2019Integrators, DenosumabLowersOsteoclastsWithinWeeks) {
  const auto healthy = run_yaml(scenario("60 d", "1 d", "drugs:\n  - {drug: denosumab, dose: 60 mg}\n"), options());
  ASSERT_EQ(healthy.runs[0].status, osteon::RunStatus::ok) << healthy.runs[0].message;
  const auto oca = healthy.series("OCa"), rankl = healthy.series("RANKL");
  EXPECT_LT(oca[7], 0.7e-4);
  EXPECT_LT(oca[28], 0.9e-4);
  EXPECT_LT(rankl[14], 0.7 * rankl[0]);

  const std::string pmo = "parameters: {PMO: 1}\n";
  const std::string den = "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 1 y}\n";
  const auto untreated = run_yaml(scenario("5 y", "1 d", pmo), options());
  const auto treated = run_yaml(scenario("5 y", "1 d", pmo + den), options());
  ASSERT_EQ(untreated.runs[0].status, osteon::RunStatus::ok) << untreated.runs[0].message;
  ASSERT_EQ(treated.runs[0].status, osteon::RunStatus::ok) << treated.runs[0].message;
  const auto ou = untreated.series("OCa"), ot = treated.series("OCa");
  const auto bu = untreated.series("BV_TV"), bt = treated.series("BV_TV");
  EXPECT_NEAR(ot[365] / ou[365], 1.0, 1e-8);  // identical until the first dose
  EXPECT_LT(ot[365 + 28], 0.6 * ou[365 + 28]);
  // BV/TV rises while the drug is on board and falls back in the trough before
  // each next dose, so compare means over the treatment years.
  auto mean = [](const std::vector<double>& x, std::size_t a, std::size_t b) {
    double s = 0.0;
    for (std::size_t k = a; k < b; ++k) s += x[k];
    return s / static_cast<double>(b - a);
  };
  EXPECT_GT(mean(bt, 365, 1826), mean(bu, 365, 1826) + 0.1);
  EXPECT_GT(mean(bt, 1461, 1826), bt[365]);  // bone regained under treatment
}

INSTANTIATE_FOR_ALL_INTEGRATORS(MartinezReina2019Integrators);

}  // namespace
