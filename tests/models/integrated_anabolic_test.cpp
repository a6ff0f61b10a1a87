// Anabolic drugs of the integrated model (docs/models/integrated.md): romosozumab
// and teriparatide PK against their labels, the FRAME and Neer 2001 calibration
// targets (A1, A2 of docs/validation.md) within ±30 % of the effect, and the
// sequences that follow them with an antiresorptive.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "builtin_models.hpp"
#include "core/error.hpp"
#include "integrated/integrated.hpp"
#include "modules/teriparatide_pk.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"
#include "support/integrated_scenario.hpp"
#include "support/scenario_runner.hpp"

namespace {

namespace tp = osteon::modules::teriparatide_pk;
using M = osteon::models::Integrated;
using namespace osteon::testing;

constexpr double kMonth = 30.4375;

// ---- PK against the labels -------------------------------------------------------

TEST(Romosozumab, SingleDosePkIsTheLabels) {
  // EVENITY (Swiss Fachinformation / SmPC 5.2): one 210 mg SC dose in healthy volunteers, C_max 22.2 (SD 5.8)
  // µg/mL, median t_max 5 d (2-7 d), AUC 389 (SD 127) µg·d/mL, effective half-life 12.8 d.
  const auto out = run_yaml(scenario("150 d", "{every: 0.1 d}", "drugs:\n  - {drug: romosozumab}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto c = out.series("romosozumab_serum");
  const auto peak = std::max_element(c.begin(), c.end());
  const double c_max = *peak, t_max = out.times[static_cast<std::size_t>(peak - c.begin())];
  double auc = 0.0;
  for (std::size_t i = 1; i < c.size(); ++i) auc += 0.5 * (c[i] + c[i - 1]) * (out.times[i] - out.times[i - 1]);
  std::size_t half = static_cast<std::size_t>(peak - c.begin());
  while (half < c.size() && c[half] > 0.5 * c_max) ++half;
  ASSERT_LT(half, c.size());
  const double t_half = out.times[half] - t_max;
  EXPECT_NEAR(c_max, 22.2, 5.8);
  EXPECT_GE(t_max, 2.0);
  EXPECT_LE(t_max, 7.0);
  EXPECT_NEAR(auc, 389.0, 127.0);
  EXPECT_NEAR(t_half, 12.8, 0.1 * 12.8);
  EXPECT_DOUBLE_EQ(M::info().params[M::F_rmab].value, 0.81);
  // Monthly dosing: steady state within about 3 months with less than twofold accumulation (label).
  const auto monthly = run_yaml(scenario("6 mo", "{every: 1 d}", "drugs:\n  - {drug: romosozumab, every: 1 mo}\n"));
  const auto cm = monthly.series("romosozumab_serum");
  const double first = *std::max_element(cm.begin(), cm.begin() + 30);
  const double sixth = *std::max_element(cm.end() - 30, cm.end());
  EXPECT_GT(sixth, first);
  EXPECT_LT(sixth, 2.0 * first);
}

TEST(Teriparatide, PkPeaksAtHalfAnHourAndHalvesInAnHour) {
  // FORTEO label: peak about 30 min after SC injection, half-life about 1 h, clearance ~62 L/h (women), F 95 %.
  const double k = std::log(2.0) / 1.0, k_a = tp::absorption_rate(0.5, k), V = 62.0 / k;
  double best = 0.0, t_best = 0.0;
  for (double t = 0.0; t < 3.0; t += 1e-4) {
    const double c = tp::concentration(t, 20.0, 0.95, k_a, k, V);
    if (c > best) best = c, t_best = t;
  }
  EXPECT_NEAR(t_best, 0.5, 1e-3);
  // Long after the peak the concentration halves every hour.
  EXPECT_NEAR(tp::concentration(9.0, 20.0, 0.95, k_a, k, V) / tp::concentration(8.0, 20.0, 0.95, k_a, k, V), 0.5, 1e-6);
  // The daily average is the day's AUC over 24 h (the integral of the pulse).
  double auc = 0.0;
  for (double t = 0.0; t < 48.0; t += 1e-3) auc += tp::concentration(t + 5e-4, 20.0, 0.95, k_a, k, V) * 1e-3;
  EXPECT_NEAR(auc / 24.0, tp::daily_average(20.0, 0.95, 62.0), 1e-4 * auc);
  // 20 µg = 4857 pmol (M = 4117.8 g/mol): ~3.1 pM on average, about the endogenous PTH of the cell core.
  EXPECT_NEAR(tp::pmol(20.0), 4856.96, 0.01);
  const auto out = run_yaml(scenario("30 d", "{every: 10 d}", "drugs:\n  - {drug: teriparatide}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  EXPECT_NEAR(out.series("teriparatide_pth_avg")[1], 0.95 * 4856.96 / (62.0 * 24.0), 1e-3);
}

// ---- calibration block 4 (FRAME, Neer 2001) ---------------------------------------

TEST(AnabolicCalibration, FrameAndNeerWithinThirtyPercentOfTheEffect) {
  const std::string arms = "models/integrated/calibration/arms/";
  const auto romo = run_file(arms + "frame_romosozumab.yaml"), plac = run_file(arms + "frame_placebo.yaml");
  const auto teri = run_file(arms + "neer_teriparatide.yaml"), tplac = run_file(arms + "neer_placebo.yaml");
  struct Target {
    const RunOutput& arm;
    const RunOutput& control;
    const char* var;
    double month, value;
  };
  const Target targets[] = {
      {romo, plac, "bmd_lumbar_spine_change", 12, 13.3},  // FRAME, Cosman 2016
      {romo, plac, "bmd_total_hip_change", 12, 6.9},     {romo, plac, "bmd_femoral_neck_change", 12, 5.9},
      {teri, tplac, "bmd_lumbar_spine_change", 21, 9.0},  // Neer 2001
      {teri, tplac, "bmd_femoral_neck_change", 21, 3.0},
  };
  for (const Target& t : targets) {
    const double effect = at(t.arm, t.var, t.month) - at(t.control, t.var, t.month);
    EXPECT_NEAR(effect, t.value, 0.3 * t.value) << t.var << " at " << t.month << " months";
  }
  // Romosozumab builds bone and lowers resorption (FRAME: P1NP up, CTX down early).
  EXPECT_GT(at(romo, "p1np_change", 1), 20.0);
  EXPECT_LT(at(romo, "ctx_change", 3), 0.0);
  // Teriparatide raises formation and, less, resorption.
  EXPECT_GT(at(teri, "p1np_change", 6), at(teri, "ctx_change", 6));
  EXPECT_GT(at(teri, "ctx_change", 6), 0.0);
}

// ---- sequences -------------------------------------------------------------------

TEST(AnabolicSequences, RomosozumabThenDenosumabKeepsTheGain) {
  const auto out = run_file("scenarios/pathways/romosozumab_then_denosumab.yaml");
  const double ls12 = at(out, "bmd_lumbar_spine_change", 12), ls24 = at(out, "bmd_lumbar_spine_change", 24);
  EXPECT_GT(ls12, 9.0);
  EXPECT_GT(ls24, ls12);  // denosumab adds to the gain (FRAME extension)
  EXPECT_LT(at(out, "fracture_risk_hip_rel", 24), 1.0);
  EXPECT_LT(at(out, "romosozumab_serum", 24), 0.1 * at(out, "romosozumab_serum", 11));
}

TEST(AnabolicSequences, RomosozumabStoppedDecaysToNothingWithoutFailing) {
  // Years after the last dose the antibody is ~1e-30 ng/mL; the run must not fail on it.
  const auto out = run_yaml(scenario("5 y", "{every: 1 y}",
                                     "patient: {age: 71 y, menopause_age: 50 y}\n"
                                     "drugs:\n  - {drug: romosozumab, every: 1 mo, count: 12}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  EXPECT_LT(std::fabs(out.series("romosozumab_serum")[5]), 1e-9);
}

TEST(AnabolicSequences, TeriparatideThenAlendronateAndRomosozumabAloneWanes) {
  const std::string patient = "patient: {age: 69 y, menopause_age: 50 y}\n";
  const auto seq = run_yaml(scenario("4 y", "{every: 6 mo}",
                                     patient + "drugs:\n  - {drug: teriparatide, stop: 2 y}\n"
                                               "  - {drug: alendronate, every: 1 wk, start: 2 y}\n"));
  const auto stop =
      run_yaml(scenario("4 y", "{every: 6 mo}", patient + "drugs:\n  - {drug: teriparatide, stop: 2 y}\n"));
  ASSERT_EQ(seq.runs[0].status, osteon::RunStatus::ok) << seq.runs[0].message;
  ASSERT_EQ(stop.runs[0].status, osteon::RunStatus::ok) << stop.runs[0].message;
  const double at2 = at(seq, "bmd_lumbar_spine_change", 24);
  EXPECT_GT(at2, 5.0);
  // After teriparatide an antiresorptive keeps more of the gain than stopping does.
  EXPECT_GT(at(seq, "bmd_lumbar_spine_change", 48), at(stop, "bmd_lumbar_spine_change", 48));
}

TEST(AnabolicRegimens, AreCheckedLikeTheOthers) {
  const auto run = compile(
      "drugs:\n  - {drug: teriparatide, start: 1 y, stop: 2 y}\n"
      "  - {drug: romosozumab, every: 1 mo, count: 3}\n");
  int on = 0, doses = 0;
  for (const auto& a : run.schedule.actions()) {
    if (a.index == M::tptd_dose && a.kind == osteon::ActionKind::add_param) on += a.value > 0 ? 1 : -1;
    if (a.index == M::A_rmab_sc && a.kind == osteon::ActionKind::add_state) {
      EXPECT_EQ(a.value, 210.0);
      ++doses;
    }
  }
  EXPECT_EQ(on, 0);  // on at 1 y, off at 2 y
  EXPECT_EQ(doses, 3);
  expect_rejected("drugs:\n  - {drug: teriparatide, every: 1 d}\n");    // daily therapy: start and stop only
  expect_rejected("drugs:\n  - {drug: teriparatide, dose: 0.5 mg}\n");  // 500 µg/d
}

}  // namespace
