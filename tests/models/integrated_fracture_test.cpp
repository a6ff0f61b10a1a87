// Fracture risk and falls of the integrated model (models/modules/fracture_risk.hpp,
// docs/models/integrated.md): the gradients and probabilities against the papers'
// tables, the outputs of a run against them, and balance training, which lowers
// the fall rate and fracture risk by the Cochrane rate ratio without touching BMD.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "builtin_models.hpp"
#include "core/error.hpp"
#include "integrated/integrated.hpp"
#include "modules/fracture_risk.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"
#include "support/integrated_scenario.hpp"
#include "support/scenario_runner.hpp"

namespace {

namespace fr = osteon::modules::fracture_risk;
using M = osteon::models::Integrated;
using namespace osteon::testing;

constexpr double kYear = 365.25;

// ---- the sources' numbers ------------------------------------------------------

TEST(FractureRisk, GradientsAreJohnell2005AtTheTabulatedAges) {
  // Johnell O et al. J Bone Miner Res 2005;20:1185, Table 4 (femoral neck BMD, RR per SD decrease).
  const double ages[] = {50, 60, 70, 80, 90};
  const double hip[] = {3.68, 3.07, 2.78, 2.28, 1.70};
  const double osteoporotic[] = {1.19, 1.28, 1.39, 1.54, 1.66};
  for (int i = 0; i < 5; ++i) {
    // A 1-SD fall of femoral neck BMD at that age multiplies the risk by the gradient.
    EXPECT_NEAR(fr::relative_risk(fr::hip_gradient(ages[i]), -1.0, 1.0), hip[i], 1e-12) << ages[i];
    EXPECT_NEAR(fr::relative_risk(fr::osteoporotic_gradient(ages[i]), -1.0, 1.0), osteoporotic[i], 1e-12);
  }
  // Held at the end values outside the table; a 1-SD gain divides by the gradient.
  EXPECT_NEAR(fr::hip_gradient(45.0), 3.68, 1e-12);
  EXPECT_NEAR(fr::hip_gradient(95.0), 1.70, 1e-12);
  EXPECT_NEAR(fr::relative_risk(fr::hip_gradient(70.0), 1.0, 1.0), 1.0 / 2.78, 1e-12);
  EXPECT_NEAR(fr::relative_risk(fr::hip_gradient(70.0), -2.0, 1.0), 2.78 * 2.78, 1e-12);
}

TEST(FractureRisk, AtSixtyFiveTheGradientsAreTheAbstractsValuesForWomen) {
  // Johnell 2005, abstract: women at 65 y, hip 2.88 (95 % CI 2.31-3.59), osteoporotic 1.38 (1.28-1.48)
  // per SD decrease. The interpolation between 60 and 70 y must land on them.
  const double hip = fr::relative_risk(fr::hip_gradient(65.0), -1.0, 1.0);
  const double op = fr::relative_risk(fr::osteoporotic_gradient(65.0), -1.0, 1.0);
  EXPECT_NEAR(hip, 2.88, 0.02 * 2.88);
  EXPECT_NEAR(op, 1.38, 0.04 * 1.38);
  EXPECT_GT(op, 1.28);
  // Marshall D, Johnell O, Wedel H. BMJ 1996;312:1254: hip BMD for hip fracture 2.6 (2.0-3.5) per SD, no age.
  for (double age = 60.0; age <= 80.0; age += 5.0) {
    EXPECT_GT(fr::hip_gradient(age), 2.0) << age;
    EXPECT_LT(fr::hip_gradient(age), 3.5) << age;
  }
}

TEST(FractureRisk, TenYearProbabilitiesAreKanis2008Table3) {
  // Kanis JA et al. Osteoporos Int 2008;19:385, Table 3b and 3d (UK women, BMI 25, no clinical risk factors).
  EXPECT_NEAR(fr::ten_year_probability(70.0, -2.0, fr::probability_hip), 2.4, 1e-12);
  EXPECT_NEAR(fr::ten_year_probability(70.0, -2.0, fr::probability_osteoporotic), 11.5, 1e-12);
  EXPECT_NEAR(fr::ten_year_probability(60.0, -1.0, fr::probability_hip), 0.4, 1e-12);
  EXPECT_NEAR(fr::ten_year_probability(80.0, -3.0, fr::probability_osteoporotic), 21.7, 1e-12);
  EXPECT_NEAR(fr::ten_year_probability(90.0, 1.0, fr::probability_osteoporotic), 5.1, 1e-12);
  // Between the grid: the geometric mean of the neighbours (ln p linear).
  EXPECT_NEAR(fr::ten_year_probability(65.0, -2.0, fr::probability_hip), std::sqrt(1.4 * 2.4), 1e-12);
  EXPECT_NEAR(fr::ten_year_probability(70.0, -2.5, fr::probability_osteoporotic), std::sqrt(11.5 * 18.2), 1e-12);
  // Held at the table's edges.
  EXPECT_NEAR(fr::ten_year_probability(70.0, -5.0, fr::probability_hip), 16.2, 1e-12);
  EXPECT_NEAR(fr::ten_year_probability(40.0, -2.0, fr::probability_hip), 0.8, 1e-12);
}

TEST(FractureRisk, FallFactorIsTheCochraneRateRatioWhileTrainingLasts) {
  EXPECT_DOUBLE_EQ(fr::fall_factor(10.0, 0.0, 100.0, 1.0, 0.76), 0.76);
  EXPECT_DOUBLE_EQ(fr::fall_factor(10.0, 0.0, 100.0, 0.5, 0.76), 0.88);
  EXPECT_DOUBLE_EQ(fr::fall_factor(100.0, 0.0, 100.0, 1.0, 0.76), 1.0);  // stopped
  EXPECT_DOUBLE_EQ(fr::fall_factor(5.0, 10.0, 100.0, 1.0, 0.76), 1.0);   // not yet started
  EXPECT_DOUBLE_EQ(M::info().params[M::fall_rr_balance].value, 0.76);    // Sherrington 2019
}

// ---- the model's outputs ---------------------------------------------------------

TEST(FractureRisk, OutputsFollowTheFemoralNeckTScoreOfARun) {
  // A 65-year-old on anastrozole for 5 years: femoral neck BMD falls, risk rises by the
  // Johnell gradient at her age at each time, and the 10-year probability is Kanis's
  // table at her age and T-score.
  const auto out = run_yaml(scenario("5 y", "{every: 1 y}",
                                     "patient: {age: 65 y, menopause_age: 51 y, t_score: {femoral_neck: -2.0}}\n"
                                     "drugs:\n  - {drug: anastrozole}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto t = out.series("t_score_femoral_neck");
  const auto hip = out.series("fracture_risk_hip_rel");
  const auto major = out.series("fracture_risk_major_rel");
  const auto p_hip = out.series("fracture_probability_hip_10y");
  const auto p_major = out.series("fracture_probability_major_10y");
  EXPECT_EQ(hip[0], 1.0);
  EXPECT_EQ(major[0], 1.0);
  EXPECT_NEAR(p_hip[0], std::sqrt(1.4 * 2.4), 1e-12);  // 65 y, T = -2.0
  EXPECT_NEAR(p_major[0], std::sqrt(7.9 * 11.5), 1e-12);
  for (std::size_t i = 1; i < out.times.size(); ++i) {
    const double age = 65.0 + out.times[i] / kYear;
    const double dT = t[i] - t[0];
    EXPECT_LT(dT, 0.0);
    EXPECT_NEAR(hip[i], std::pow(fr::hip_gradient(age), -dT), 1e-12);
    EXPECT_NEAR(major[i], std::pow(fr::osteoporotic_gradient(age), -dT), 1e-12);
    EXPECT_GT(hip[i], hip[i - 1]);
    EXPECT_NEAR(p_hip[i], fr::ten_year_probability(age, t[i], fr::probability_hip), 1e-12);
  }
  // At 70 y (5 y on) the hip gradient is Johnell's 2.78: RR = 2.78^(−ΔT).
  EXPECT_NEAR(hip[5], std::pow(2.78, -(t[5] - t[0])), 1e-9);
}

TEST(FractureRisk, BalanceTrainingLowersFallsAndFracturesButNotBmd) {
  const std::string base = "patient: {age: 70 y, menopause_age: 51 y}\ndrugs:\n  - {drug: letrozole}\n";
  const auto none = run_yaml(scenario("3 y", "{every: 3 mo}", base));
  const auto bal = run_yaml(scenario(
      "3 y", "{every: 3 mo}", base + "exercise:\n  - {type: balance, sessions_per_week: 3, start: 6 mo, stop: 2 y}\n"));
  const auto half = run_yaml(scenario(
      "3 y", "{every: 3 mo}",
      base + "exercise:\n  - {type: balance, sessions_per_week: 2, adherence: 0.5, start: 6 mo, stop: 2 y}\n"));
  ASSERT_EQ(none.runs[0].status, osteon::RunStatus::ok);
  ASSERT_EQ(bal.runs[0].status, osteon::RunStatus::ok) << bal.runs[0].message;
  ASSERT_EQ(half.runs[0].status, osteon::RunStatus::ok) << half.runs[0].message;
  ASSERT_EQ(none.times, bal.times);
  const std::vector<std::string> risk = {"fall_rate_rel", "fracture_risk_hip_rel", "fracture_risk_major_rel",
                                         "fracture_probability_hip_10y", "fracture_probability_major_10y"};
  for (const std::string& name : none.names) {
    if (std::find(risk.begin(), risk.end(), name) != risk.end()) continue;
    // Bitwise: balance training puts no load on bone and no event into the integration.
    EXPECT_EQ(none.series(name), bal.series(name)) << name;
    EXPECT_EQ(none.series(name), half.series(name)) << name;
  }
  for (const std::string& name : risk) {
    const auto a = none.series(name), b = bal.series(name), h = half.series(name);
    for (std::size_t i = 0; i < none.times.size(); ++i) {
      const double t = none.times[i];
      const bool on = t >= 6 * 30.4375 - 1e-9 && t < 2 * kYear - 1e-9;
      EXPECT_NEAR(b[i], a[i] * (on ? 0.76 : 1.0), 1e-12 * a[i]) << name << " at " << t;
      EXPECT_NEAR(h[i], a[i] * (on ? 0.88 : 1.0), 1e-12 * a[i]) << name << " at " << t;
    }
  }
}

TEST(FractureRisk, BalanceAdherenceVariesAlongARunsTable) {
  // The one field-rules table serves runs tables too: adherence of a balance regimen per row.
  const auto out = run_yaml(scenario("1 y", "{times: [6 mo]}",
                                     "patient: {age: 70 y, menopause_age: 51 y}\n"
                                     "exercise:\n  - {type: balance, sessions_per_week: 3}\n"
                                     "runs:\n  columns: [\"exercise[0].adherence\"]\n  rows: [[1.0], [0.5], [0.0]]\n"));
  ASSERT_EQ(out.runs.size(), 3u);
  const double expected[] = {0.76, 0.88, 1.0};
  for (std::size_t r = 0; r < 3; ++r) {
    ASSERT_EQ(out.runs[r].status, osteon::RunStatus::ok) << out.runs[r].message;
    EXPECT_DOUBLE_EQ(out.series("fall_rate_rel", r)[0], expected[r]);
    EXPECT_EQ(out.series("bmd_femoral_neck_change", r)[0], out.series("bmd_femoral_neck_change", 2)[0]);
  }
}

TEST(FractureRisk, BalanceRegimensAreCheckedLikeTheOthers) {
  const auto run = compile("exercise:\n  - {type: balance, sessions_per_week: 2, adherence: 0.8, start: 1 y}\n");
  EXPECT_EQ(run.params[M::balance_start], kYear);
  EXPECT_GT(run.params[M::balance_stop], 3 * kYear);
  EXPECT_EQ(run.params[M::balance_adherence], 0.8);
  EXPECT_EQ(run.params[M::exercise_load], 1.0);
  for (const auto& a : run.schedule.actions()) EXPECT_NE(a.index, M::exercise_load);
  expect_rejected("exercise:\n  - {type: balance, minutes_per_week: 60}\n", "exercise[0]");
  expect_rejected(
      "exercise:\n  - {type: balance, sessions_per_week: 2, stop: 1 y}\n"
      "  - {type: balance, sessions_per_week: 2, start: 2 y}\n",
      "exercise[1]");
}

}  // namespace
