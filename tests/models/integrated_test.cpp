// The integrated model (docs/models/integrated.md): each module against its
// sources, the clinical calibration targets of
// ../shared/references/clinical_calibration.md within their bands (the trial
// arms of models/integrated/calibration/arms/), the qualitative facts the
// model must show, and the right-hand side contract, on every integrator
// where affordable.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "integrated/integrated.hpp"
#include "model_checks.hpp"
#include "modules/bisphosphonate_pk.hpp"
#include "modules/estrogen.hpp"
#include "modules/exercise_loading.hpp"
#include "modules/mechanostat.hpp"
#include "modules/mineralisation.hpp"
#include "modules/modelling_formation.hpp"
#include "modules/nutrition.hpp"
#include "modules/remodelling_space.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"
#include "support/integrated_scenario.hpp"
#include "support/integrators.hpp"
#include "support/scenario_runner.hpp"

namespace {

using osteon::Method;
using osteon::models::Integrated;
using namespace osteon::testing;
using M = Integrated;

constexpr double kMonth = 30.4375;
constexpr double kYear = 365.25;

RunOutput run_arm(const std::string& arm, const osteon::RunOptions& options = {}) {
  return run_file("models/integrated/calibration/arms/" + arm + ".yaml", options);
}

const std::string kPatient62 = "patient: {age: 62 y, menopause_age: 51 y}\n";

// ---- modules against their sources -------------------------------------------

TEST(IntegratedModules, EstrogenTransitionAndAromataseInhibitors) {
  namespace es = osteon::modules::estrogen;
  const double E_post = 0.075, w = 0.7, a_m = 51.0;
  // Centred on the final menstrual period: half-way there.
  EXPECT_NEAR(es::natural_level(a_m, a_m, E_post, w), E_post + 0.5 * (1.0 - E_post), 1e-15);
  // SWAN (Randolph 2011): no change until ~2 y before the FMP, stable ~2.2 y after.
  EXPECT_GT(es::natural_level(a_m - 2.1, a_m, E_post, w), 1.0 - 0.05 * (1.0 - E_post));
  EXPECT_LT(es::natural_level(a_m + 2.2, a_m, E_post, w), E_post + 0.05 * (1.0 - E_post));
  EXPECT_NEAR(es::natural_level(35.0, a_m, E_post, w), 1.0, 1e-9);
  EXPECT_NEAR(es::natural_level(75.0, a_m, E_post, w), E_post, 1e-13);
  // Anastrozole leaves 10.1 % of the residual estradiol (Dixon 2008).
  EXPECT_NEAR(es::level(0.0, 70.0, a_m, E_post, w, 0.899), 0.101 * E_post, 1e-12);
  // d runs from 0 (premenopausal) to 1 (none), d(K) = (1 - K)/2.
  EXPECT_EQ(es::deficiency(1.0, 0.3), 0.0);
  EXPECT_EQ(es::deficiency(0.0, 0.3), 1.0);
  EXPECT_NEAR(es::deficiency(0.3, 0.3), 0.35, 1e-15);
  // With an exponent: a logistic in log E rescaled to d(1) = 0, d(0) = 1; n = 1 is the form above.
  EXPECT_NEAR(es::deficiency(0.3, 0.3, 1.0), 0.35, 1e-15);
  EXPECT_EQ(es::deficiency(1.0, 0.2, 2.0), 0.0);
  EXPECT_EQ(es::deficiency(0.0, 0.2, 2.0), 1.0);
  EXPECT_NEAR(es::deficiency(0.1, 0.2, 2.0), 0.99 / 1.25, 1e-15);  // (1 − 0.1²)/(1 + (0.1/0.2)²)
  {
    const double K = 0.2, n = 1.7, s1 = 1.0 / (1.0 + std::pow(1.0 / K, n));
    for (double E : {0.003, 0.03, 0.3}) {
      const double s = 1.0 / (1.0 + std::pow(E / K, n));
      EXPECT_NEAR(es::deficiency(E, K, n), (s - s1) / (1.0 - s1), 1e-14) << E;
    }
  }
}

TEST(IntegratedModules, EstrogenOutputFollowsTheTransition) {
  const auto out = run_file("scenarios/clinical/menopause_natural.yaml");
  const auto e = out.series("estrogen");
  for (std::size_t i = 0; i < out.times.size(); i += 7) {
    const double age = 48.0 + out.times[i] / kYear;
    const double expected = 0.075 + (1.0 - 0.075) / (1.0 + std::exp((age - 51.0) / 0.7));
    EXPECT_NEAR(e[i], expected, 1e-12) << "t = " << out.times[i];
  }
}

// Martínez-Reina & Pivonka 2019 PK (models.md §6a, target 6): one 60 mg dose in a 60 kg woman.
void expect_denosumab_target6(const RunOutput& out) {
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto c = out.series("denosumab_serum");  // every 0.1 d
  const auto peak = std::max_element(c.begin(), c.end());
  EXPECT_NEAR(*peak / 10.08e3, 1.0, 0.005);
  EXPECT_NEAR(out.times[static_cast<std::size_t>(peak - c.begin())], 15.8, 0.1);
  EXPECT_NEAR(c[1830] / 46.0, 1.0, 0.005);  // 183 d
}

TEST(IntegratedModules, BisphosphonateDoseReachesBoneAsLabelled) {
  namespace bp = osteon::modules::bisphosphonate_pk;
  // Zoledronic acid 4 mg IV: 61 % retained (Zometa label), 272.09 g/mol.
  EXPECT_NEAR(bp::bound_amount(4.0, 1.0, 0.61, 272.09), 4.0 * 0.61 / 272.09 * 1000.0, 1e-12);
  const auto out = run_yaml(scenario("10 d", "{every: 1 d}",
                                     kPatient62 + "drugs:\n  - {drug: zoledronic_acid, dose: 4 mg}\n"
                                                  "  - {drug: alendronate, dose: 70 mg, start: 5 d}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  EXPECT_NEAR(out.series("X_zol")[0], 4.0 * 0.61 / 272.09 * 1000.0, 1e-12);  // sample at a dose shows it
  // Alendronate 70 mg: 0.64 % absorbed, half of it retained (Fosamax label).
  EXPECT_NEAR(out.series("X_aln")[5], 70.0 * 0.0064 * 0.5 / 249.10 * 1000.0, 1e-12);
  EXPECT_EQ(out.series("X_aln")[4], 0.0);
}

TEST(IntegratedModules, BisphosphonateTerminalHalfLifeExceedsTenYears) {
  // Fosamax label: the terminal half-life of alendronate in bone exceeds 10 years.
  const auto out = run_yaml(
      scenario("10 y", "{times: [0 d, 5 y, 10 y]}", kPatient62 + "drugs:\n  - {drug: alendronate, dose: 70 mg}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto x = out.series("X_aln"), b = out.series("B_aln");
  const double a5 = x[1] + b[1], a10 = x[2] + b[2];
  const double half_life_y = 5.0 * std::log(2.0) / std::log(a5 / a10);
  EXPECT_GT(half_life_y, 10.0);
  EXPECT_LT(half_life_y, 40.0);
  EXPECT_GT(b[2], x[2]);  // by then most of it is buried
}

TEST(IntegratedModules, MineralisationMatchesTheClosedFormOfACohort) {
  namespace mn = osteon::modules::mineralisation;
  // A cohort of osteoid (V = 1, O = O0 ≈ 1, M = 0) without formation or
  // resorption: O = O0·e^(-t/t_o) and M solves dM/dt + κM = v_prim·O/t_o + κ·v_max·(1 − O):
  // M = v_max + A·O0·e^(-t/t_o) − (v_max + A·O0)·e^(-κt), A = (v_prim/t_o − κ v_max)/(κ − 1/t_o).
  const double t_o = 17.0, vp = 0.121, vm = 0.442, k = 0.007;
  const double O0 = 1.0 - 1e-9;  // a trace of mineralised matrix keeps M/(V − O) defined
  double V = 1.0, O = O0, Mv = 0.0;
  const double h = 0.05;
  auto f = [&](double v, double o, double m, double& dv, double& dO, double& dm) {
    mn::rates(v, o, m, 0.0, 0.0, t_o, vp, vm, k, dv, dO, dm);
  };
  for (int step = 0; step < 8000; ++step) {  // RK4 to 400 d
    double k1[3], k2[3], k3[3], k4[3];
    f(V, O, Mv, k1[0], k1[1], k1[2]);
    f(V + 0.5 * h * k1[0], O + 0.5 * h * k1[1], Mv + 0.5 * h * k1[2], k2[0], k2[1], k2[2]);
    f(V + 0.5 * h * k2[0], O + 0.5 * h * k2[1], Mv + 0.5 * h * k2[2], k3[0], k3[1], k3[2]);
    f(V + h * k3[0], O + h * k3[1], Mv + h * k3[2], k4[0], k4[1], k4[2]);
    V += h / 6.0 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    O += h / 6.0 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    Mv += h / 6.0 * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
    const double t = (step + 1) * h;
    if ((step + 1) % 1000 == 0) {
      const double A = (vp / t_o - k * vm) / (k - 1.0 / t_o);
      const double exact = vm + A * O0 * std::exp(-t / t_o) - (vm + A * O0) * std::exp(-k * t);
      EXPECT_NEAR(Mv, exact, 1e-10) << "t = " << t;
      EXPECT_NEAR(O, O0 * std::exp(-t / t_o), 1e-12);
      EXPECT_EQ(V, 1.0);
    }
  }
  // Secondary mineralisation has progressed to (1 − e^(-κt)) of the way to v_max.
  EXPECT_GT(mn::mean_content(V, O, Mv), 0.4);
}

TEST(IntegratedModules, MineralisationSteadyStateIsAZeroOfTheRates) {
  namespace mn = osteon::modules::mineralisation;
  for (double nu : {0.05 / kYear, 0.15 / kYear, 0.6 / kYear}) {
    const mn::Steady s = mn::steady_state(12.0, nu, 17.0, 0.121, 0.442, 0.007);
    double dv, dO, dm;
    mn::rates(s.V, s.O, s.M, nu * s.V, nu * s.V, 17.0, 0.121, 0.442, 0.007, dv, dO, dm);
    EXPECT_EQ(dv, 0.0);
    EXPECT_NEAR(dO, 0.0, 1e-15);
    EXPECT_NEAR(dm, 0.0, 1e-15);
    EXPECT_GT(s.content, 0.121);
    EXPECT_LT(s.content, 0.442);
  }
  // Faster turnover, younger and less mineralised bone.
  EXPECT_GT(mn::steady_state(1.0, 0.05 / kYear, 17, 0.121, 0.442, 0.007).content,
            mn::steady_state(1.0, 0.5 / kYear, 17, 0.121, 0.442, 0.007).content);
}

// The remodelling space: dRS/dt = R − RS/τ, refill b·RS/τ. At constant R it
// relaxes to R·τ as RS(t) = Rτ + (RS0 − Rτ)·e^(−t/τ) (closed form; RK4 here).
TEST(IntegratedModules, RemodellingSpaceRefillsWithItsTimeConstant) {
  namespace rs = osteon::modules::remodelling_space;
  const double tau = 100.0, R_before = 0.02, R_after = 0.004, b = 0.9;
  EXPECT_DOUBLE_EQ(rs::steady_state(R_before, tau), 2.0);
  double RS = rs::steady_state(R_before, tau);
  double d, refill;
  rs::rates(RS, R_before, tau, b, d, refill);
  EXPECT_EQ(d, 0.0);
  EXPECT_DOUBLE_EQ(refill, b * R_before);  // at steady state the refill is b times the resorption
  const double h = 0.5;
  for (int step = 1; step <= 2000; ++step) {  // an antiresorptive lowers R five-fold at t = 0
    double k1, k2, k3, k4;
    rs::rates(RS, R_after, tau, b, k1, refill);
    rs::rates(RS + 0.5 * h * k1, R_after, tau, b, k2, refill);
    rs::rates(RS + 0.5 * h * k2, R_after, tau, b, k3, refill);
    rs::rates(RS + h * k3, R_after, tau, b, k4, refill);
    RS += h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
    const double t = step * h;
    EXPECT_NEAR(RS, R_after * tau + (R_before - R_after) * tau * std::exp(-t / tau), 1e-9) << t;
  }
  // After one τ the space has refilled 1 − 1/e of the way.
  EXPECT_NEAR((R_before * tau - rs::steady_state(R_after, tau)) * (1.0 - std::exp(-1.0)),
              R_before * tau - (R_after * tau + (R_before - R_after) * tau * std::exp(-1.0)), 1e-12);
}

// Modelling-based formation: a compartment whose coupled refill and modelling
// replace its resorption ((1 − m)·f + m·φ = r) is at rest; when resorption
// stops (an antiresorptive) the space refills and modelling goes on, so
// dV/dt = (1 − m)·b·RS0·e^(−t/τ)/τ + k·V with k = m·ν·φ, whose closed form is
// V(t) = V0·e^(kt) + a/(k + 1/τ)·(e^(kt) − e^(−t/τ)), a = (1 − m)·b·RS0/τ
// (RK4 of the module's rates here).
TEST(IntegratedModules, ModellingFormationContinuesWhenResorptionStops) {
  namespace mf = osteon::modules::modelling_formation;
  namespace rs = osteon::modules::remodelling_space;
  const double m = 0.15, nu = 0.2 / kYear, tau = 100.0, r = 1.8, phi = 0.8, V0 = 12.0;
  EXPECT_DOUBLE_EQ(mf::activity(0.5), 1.0);  // π_Wnt = 1/2 at the reference
  // f that balances the compartment at resorption r and modelling activity φ.
  const double f = (r - m * phi) / (1.0 - m);
  EXPECT_NEAR(mf::imbalance(m, f, r, phi), 0.0, 1e-15);
  const double R = nu * V0 * r, b = f / r;
  double RS = rs::steady_state(R, tau), dRS, refill;
  rs::rates(RS, R, tau, (1.0 - m) * b, dRS, refill);
  EXPECT_NEAR(refill + mf::rate(m, nu, V0, phi) - R, 0.0, 1e-15 * R);  // dV/dt = 0 at rest
  // Resorption stops at t = 0 (b and φ held).
  const double k = m * nu * phi, a = (1.0 - m) * b * RS / tau, RS0 = RS;
  double V = V0;
  const double h = 0.5;
  auto dV = [&](double rs_now, double v) {
    double d_rs, fill;
    rs::rates(rs_now, 0.0, tau, (1.0 - m) * b, d_rs, fill);
    return fill + mf::rate(m, nu, v, phi);
  };
  for (int step = 1; step <= 7305; ++step) {  // 10 years
    const double rs1 = RS, rs2 = RS * std::exp(-0.5 * h / tau), rs4 = RS * std::exp(-h / tau);
    const double k1 = dV(rs1, V), k2 = dV(rs2, V + 0.5 * h * k1), k3 = dV(rs2, V + 0.5 * h * k2),
                 k4 = dV(rs4, V + h * k3);
    V += h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
    RS = rs4;
    const double t = step * h;
    const double exact = V0 * std::exp(k * t) + a / (k + 1.0 / tau) * (std::exp(k * t) - std::exp(-t / tau));
    ASSERT_NEAR(V, exact, 1e-9 * V0) << t;
  }
  // The refill is a one-off (1 − m)·b·RS0; the rest of the gain is modelling, growing for the whole decade.
  EXPECT_GT(V - V0 - (1.0 - m) * b * RS0, 0.9 * k * V0 * 10.0 * kYear);
  EXPECT_NEAR(RS0, R * tau, 1e-15);
}

// The slow secondary phase: without turnover, a mineralised matrix W with no
// slow mineral yet gains S = v_s·W·(1 − e^(−κ_s t)) (closed form), and the
// steady state of the two-phase law is a zero of its rates with the
// content (v_prim ν' + κ(v_max − v_s))/(κ + ν') + κ_s v_s/(κ_s + ν').
TEST(IntegratedModules, SlowSecondaryMineralisationAsymptoteAndTimeConstant) {
  namespace mn = osteon::modules::mineralisation;
  const double t_o = 17.0, vp = 0.121, vm = 0.442, k = 0.0024, vs = 0.05, ks = 1.0 / (8.0 * kYear);
  // Fast phase complete (M − S = (v_max − v_s)·W), slow phase empty.
  const double V = 10.0, O = 0.0, W = V - O;
  double M = (vm - vs) * W, S = 0.0;
  const double h = 5.0;
  for (int step = 1; step <= 2000; ++step) {  // Euler on a linear ODE with h·κ_s ≪ 1 is not exact: use RK4
    auto f = [&](double m, double s, double& dm, double& ds) {
      double dv, dO;
      mn::rates_two_phase(V, O, m, s, 0.0, 0.0, t_o, vp, vm, k, vs, ks, dv, dO, dm, ds);
    };
    double a1, b1, a2, b2, a3, b3, a4, b4;
    f(M, S, a1, b1);
    f(M + 0.5 * h * a1, S + 0.5 * h * b1, a2, b2);
    f(M + 0.5 * h * a2, S + 0.5 * h * b2, a3, b3);
    f(M + h * a3, S + h * b3, a4, b4);
    M += h / 6.0 * (a1 + 2 * a2 + 2 * a3 + a4);
    S += h / 6.0 * (b1 + 2 * b2 + 2 * b3 + b4);
    const double t = step * h;
    EXPECT_NEAR(S, vs * W * (1.0 - std::exp(-ks * t)), 1e-9) << t;
    EXPECT_NEAR(M - S, (vm - vs) * W, 1e-9) << t;
  }
  // 10 years without turnover: content approaches v_max; after one 1/κ_s it is 1 − 1/e of the way.
  EXPECT_NEAR(mn::mean_content(V, O, M), vm - vs * std::exp(-ks * 2000 * h), 1e-10);
  for (double nu : {0.05 / kYear, 0.25 / kYear, 0.6 / kYear}) {
    const mn::SteadyTwoPhase st = mn::steady_state_two_phase(12.0, nu, t_o, vp, vm, k, vs, ks);
    double dv, dO, dm, ds;
    mn::rates_two_phase(st.V, st.O, st.M, st.S, nu * st.V, nu * st.V, t_o, vp, vm, k, vs, ks, dv, dO, dm, ds);
    EXPECT_NEAR(dO, 0.0, 1e-15);
    EXPECT_NEAR(dm, 0.0, 1e-15);
    EXPECT_NEAR(ds, 0.0, 1e-15);
    const double nu_w = nu * st.V / (st.V - st.O);
    EXPECT_NEAR(st.content, (vp * nu_w + k * (vm - vs)) / (k + nu_w) + ks * vs / (ks + nu_w), 1e-15);
  }
  // v_s = 0 is the single-phase law.
  EXPECT_NEAR(mn::steady_state_two_phase(1.0, 0.2 / kYear, t_o, vp, vm, k, 0.0, ks).content,
              mn::steady_state(1.0, 0.2 / kYear, t_o, vp, vm, k).content, 1e-15);
}

TEST(IntegratedModules, NutritionPthFactor) {
  namespace nu = osteon::modules::nutrition;
  const nu::Constants c{40.0, 0.0175, 0.8, 30.0, 0.4, 500.0, 1000.0, 600.0};
  EXPECT_NEAR(nu::pth_factor(1000.0, 600.0, c), 1.0, 1e-15);
  // Heaney 2003: 0.7 nmol/L per 40 IU/d.
  EXPECT_NEAR(nu::serum_25ohd(800.0, c) - nu::serum_25ohd(0.0, c), 14.0, 1e-12);
  EXPECT_GT(nu::pth_factor(1000.0, 0.0, c), 1.05);   // vitamin D deficiency raises PTH
  EXPECT_GT(nu::pth_factor(300.0, 600.0, c), 1.05);  // so does low calcium
  EXPECT_LT(nu::pth_factor(1500.0, 2000.0, c), 1.0);
  // Chapuy 1997: PTH some 30-50 % above plateau at 25(OH)D = 20 nmol/L.
  const double low = 1.0 + 0.8 * std::exp(-20.0 / 30.0), plateau = 1.0 + 0.8 * std::exp(-100.0 / 30.0);
  EXPECT_GT(low / plateau, 1.3);
  EXPECT_LT(low / plateau, 1.5);
}

TEST(IntegratedModules, LoadingAndMechanostat) {
  namespace ex = osteon::modules::exercise_loading;
  namespace ms = osteon::modules::mechanostat;
  EXPECT_EQ(ex::amount_factor(3.0, 3.0), 1.0);
  EXPECT_NEAR(ex::amount_factor(3000.0, 3.0), 2.0, 0.01);
  EXPECT_NEAR(ex::load_increment(0.2, 150.0, 150.0, 0.8), 0.16, 1e-15);
  EXPECT_NEAR(ex::habitual_load(30.0, 0.01, 50.0, 3.0), 1.0, 1e-4);
  // A relative decline: g of the load per year well past the onset, L = e^(-g(a - a_0)).
  const double slope = std::log(ex::habitual_load(80.0, 0.012, 50.0, 3.0) / ex::habitual_load(79.0, 0.012, 50.0, 3.0));
  EXPECT_NEAR(slope, -0.012, 1e-6);
  EXPECT_NEAR(ex::habitual_load(80.0, 0.012, 50.0, 3.0), std::exp(-0.012 * 30.0), 1e-5);
  EXPECT_NEAR(ex::years_past(80.0, 50.0, 3.0), 30.0, 2e-4);
  EXPECT_NEAR(ex::years_past(50.0, 50.0, 3.0), 3.0 * std::log(2.0), 1e-12);
  // SED of the same load on half the bone: 2^2.58 times (Martínez-Reina 2019 stiffness law).
  EXPECT_NEAR(ms::stimulus(1.0, 7.5, 15.0, 0.7, 0.7, 2.58, 2.74), std::pow(2.0, 2.58), 1e-12);
  EXPECT_EQ(ms::stimulus(1.0, 15.0, 15.0, 0.7, 0.7, 2.58, 2.74), 1.0);
  EXPECT_NEAR(ms::stimulus(1.2, 15.0, 15.0, 0.7, 0.7, 2.58, 2.74), 1.44, 1e-12);
  EXPECT_EQ(ms::sclerostin(1.0, 1.7), 1.0);
  EXPECT_LT(ms::sclerostin(1.3, 1.7), 1.0);  // loading represses sclerostin
  EXPECT_EQ(ms::wnt_activation(1.0), 0.5);   // Scheiner's Π* at the habitual state
}

TEST(IntegratedModules, CellCoreReferenceIsTheScheinerSteadyState) {
  const auto p = osteon::testing::default_full_params<M>();
  // Scheiner 2013 (models.md target 5): OBp = 1e-3, OBa = 5e-4, OCa = 1e-4 pM, π_act,RANKL = 0.040554.
  EXPECT_NEAR(p[M::OBa_ref] / 5e-4, 1.0, 1e-8);
  EXPECT_NEAR(p[M::OCa_ref] / 1e-4, 1.0, 1e-8);
  EXPECT_NEAR(p[M::pi_RANKL_ref] / 0.040554, 1.0, 1e-4);
  // The precursor pool is at OCp_ref there: supply = drain.
  EXPECT_NEAR(p[M::D_OCu], p[M::OCp_ref] * (p[M::D_OCp] * p[M::pi_RANKL_ref] + p[M::A_OCp]), 1e-18);
}

// ---- right-hand side contract ----------------------------------------------------

TEST(Integrated, SteadyStateIsClosedFormAndAtRest) {
  // At rest (life_course = 0) the start is her steady state in closed form.
  auto p = osteon::testing::default_full_params<M>();
  p[M::life_course] = 0.0;
  M::derive(p.data(), p.data(), p.data() + M::n_params);
  std::vector<double> y(M::n_states), f(M::n_states);
  ASSERT_TRUE(M::steady_state(p.data(), y.data()));
  M::rhs<double>(0.0, y.data(), p.data(), f.data());
  for (int i = 0; i < M::n_states; ++i) EXPECT_LT(std::fabs(f[i]) / (std::fabs(y[i]) + 1e-12), 1e-12) << i;
  const auto* model = osteon::models::builtin_registry().find("integrated");
  ASSERT_NE(model, nullptr);
  auto declared = model->default_params();
  declared[M::life_course] = 0.0;
  const auto rep = model->steady_state(declared.data(), {});
  ASSERT_TRUE(rep.converged) << rep.message;
  EXPECT_EQ(rep.method, "closed form");
  // Postmenopausal: more osteoclasts than the premenopausal reference, less bone.
  EXPECT_GT(y[M::OCa], p[M::OCa_ref]);
  EXPECT_LT(y[M::BV], p[M::BV_ref]);
}

TEST(Integrated, RhsAgreesAcrossScalarTypesAndJacobianMatchesFiniteDifferences) {
  auto p = osteon::testing::default_full_params<M>();
  p[M::AI_suppression] = 0.899;
  p[M::exercise_load] = 1.3;
  std::vector<double> y(M::n_states);
  ASSERT_TRUE(M::initial_state(p.data(), y.data()));
  y[M::A_den_sc] = 20.0, y[M::C_den] = 3000.0;
  y[M::X_zol] = 5.0, y[M::B_zol] = 3.0, y[M::X_aln] = 2.0, y[M::B_aln] = 1.0;
  y[M::X_ris] = 1.5, y[M::B_ris] = 0.5, y[M::X_ibn] = 1.0, y[M::B_ibn] = 0.2;
  y[M::OCp] *= 1.2;
  y[M::BV] *= 1.05;
  for (double t : {0.0, 400.0}) {
    osteon::testing::expect_lanes_match_scalar<M, 4>(p, y, t);
    osteon::testing::expect_lanes_match_scalar<M, 8>(p, y, t);
    // 1e-4: the weakest couplings (osteoid → ash fraction → stimulus → osteoclasts, ~1e-9/d)
    // are at the round-off level of central differences with a 1e-6 relative step.
    osteon::testing::expect_jacobian_matches_finite_differences<M>(p, y, t, 1e-4);
  }
}

// ---- regimens ------------------------------------------------------------------

TEST(Integrated, RegimensBecomeParametersAndActions) {
  const auto run = compile(
      "patient: {age: 70 y, menopause_age: 48 y, t_score: {lumbar_spine: -2.6, femoral_neck: -2.0}}\n"
      "nutrition: {calcium: 500 mg/d, vitamin_d: 0 IU/d}\n"
      "drugs:\n  - {drug: letrozole, start: 30 d, stop: 2 y}\n"
      "  - {drug: exemestane, start: 2 y}\n"
      "  - {drug: denosumab, every: 6 mo, count: 3}\n"
      "  - {drug: ibandronate, every: 1 mo, stop: 3 mo}\n"
      "exercise:\n  - {type: walking, minutes_per_week: 300, adherence: 0.5, start: 1 y}\n"
      "  - {type: resistance, sessions_per_week: 3, start: 0 d, stop: 6 mo}\n");
  EXPECT_EQ(run.params[M::age], 70.0);
  EXPECT_EQ(run.params[M::menopause_age], 48.0);
  EXPECT_EQ(run.params[M::t_score_LS], -2.6);
  EXPECT_EQ(run.params[M::t_score_FN], -2.0);
  EXPECT_EQ(run.params[M::t_score_TH], -0.8);  // default kept
  EXPECT_EQ(run.params[M::calcium], 500.0);
  EXPECT_EQ(run.params[M::vitamin_d], 0.0);
  int den = 0, ibn = 0, ai = 0, ex = 0;
  double suppression = 0.0, load = 0.0;
  for (const auto& a : run.schedule.actions()) {
    if (a.kind == osteon::ActionKind::add_state && a.index == M::A_den_sc) {
      EXPECT_EQ(a.value, 60.0);  // default dose
      ++den;
    }
    if (a.kind == osteon::ActionKind::add_state && a.index == M::X_ibn) {
      EXPECT_NEAR(a.value, 150.0 * 0.006 * 0.45 / 319.20 * 1000.0, 1e-12);
      ++ibn;
    }
    if (a.index == M::AI_suppression && a.kind == osteon::ActionKind::add_param) {
      suppression += a.value;
      ++ai;
      if (a.time == 30.0) {
        EXPECT_EQ(a.value, 0.941);  // letrozole on
      }
      if (a.time == 2 * kYear) {
        EXPECT_TRUE(a.value == -0.941 || a.value == 0.922);  // switch to exemestane
      }
    }
    if (a.index == M::exercise_load && a.kind == osteon::ActionKind::add_param) {
      load += a.value;
      ++ex;
    }
  }
  EXPECT_EQ(den, 3);
  EXPECT_EQ(ibn, 3);
  EXPECT_EQ(ai, 3);
  EXPECT_NEAR(suppression, 0.922, 1e-15);  // exemestane still on at the end
  EXPECT_EQ(ex, 3);                        // walking has no stop within the run
  // walking: e_walking·0.5·2·300/(300 + 150); resistance on and off again.
  EXPECT_NEAR(load, run.params[M::e_walking] * 0.5 * 2.0 * 300.0 / 450.0, 1e-12);
}

TEST(Integrated, RejectsWhatItCannotTake) {
  expect_rejected("drugs:\n  - {drug: anastrozole, dose: 10 mg}\n", "drugs[0]");
  expect_rejected("drugs:\n  - {drug: letrozole, every: 1 d}\n", "drugs[0]");
  expect_rejected("drugs:\n  - {drug: anastrozole, stop: 2 y}\n  - {drug: letrozole, start: 1 y}\n", "drugs[1]");
  expect_rejected("exercise:\n  - {type: aerobic, sessions_per_week: 3}\n", "exercise[0]");
  expect_rejected("exercise:\n  - {type: impact, minutes_per_week: 60}\n", "exercise[0]");
  // The standard dose may be written out.
  EXPECT_NO_THROW((void)compile("drugs:\n  - {drug: anastrozole, dose: 1 mg}\n"));
}

// ---- calibration targets (clinical_calibration.md) ---------------------------------

struct Target {
  const char* id;
  const char* arm;
  const char* control;  // nullptr: the arm's own change
  const char* var;
  double month;
  double lo, hi;  // acceptance band
};

// Published values and bands of clinical_calibration.md; the arms mirror the
// trials (C3, C4 below).
const std::vector<Target> kTargets = {
    {"C1 ATAC LS", "atac_anastrozole", nullptr, "bmd_lumbar_spine_change", 24, -5.5, -3.0},
    {"C2 ATAC TH", "atac_anastrozole", nullptr, "bmd_total_hip_change", 24, -5.0, -2.5},
    {"C5 MA.17B LS", "ma17b_placebo", nullptr, "bmd_lumbar_spine_change", 24, -1.5, -0.2},
    {"C5 MA.17B TH", "ma17b_placebo", nullptr, "bmd_total_hip_change", 24, -1.5, -0.2},
    {"C6 ZO-FAST LS", "zofast_letrozole_za", "zofast_letrozole", "bmd_lumbar_spine_change", 12, 4.5, 7.0},
    {"C6 ZO-FAST TH", "zofast_letrozole_za", "zofast_letrozole", "bmd_total_hip_change", 12, 2.5, 4.5},
    {"C7 Greenspan LS", "greenspan_ai_risedronate", "greenspan_ai_placebo", "bmd_lumbar_spine_change", 24, 2.5, 5.5},
    {"C7 Greenspan hip", "greenspan_ai_risedronate", "greenspan_ai_placebo", "bmd_total_hip_change", 24, 2.0, 4.5},
    {"C8 FREEDOM TH 12", "freedom_denosumab", nullptr, "bmd_total_hip_change", 12, 1.7, 4.7},
    {"C8 FREEDOM TH 24", "freedom_denosumab", nullptr, "bmd_total_hip_change", 24, 2.9, 5.9},
    {"C8 FREEDOM TH 36", "freedom_denosumab", nullptr, "bmd_total_hip_change", 36, 3.5, 6.5},
    {"C9 FREEDOM ext LS", "freedom_denosumab", nullptr, "bmd_lumbar_spine_change", 60, 10.0, 16.0},
    {"C9 FREEDOM ext TH", "freedom_denosumab", nullptr, "bmd_total_hip_change", 60, 5.0, 9.0},
    {"C10 combined exercise LS", "exercise_combined", "exercise_control", "bmd_lumbar_spine_change", 12, 1.5, 4.5},
    {"C11 resistance FN", "exercise_resistance", "exercise_control", "bmd_femoral_neck_change", 12, 0.3, 2.0},
    {"C12 aerobic", "chubak_aerobic", "exercise_control", "bmd_total_hip_change", 12, -1.0, 1.0},
    {"C13 ARIBON CTX", "atac_anastrozole", nullptr, "ctx_change", 12, 20.0, 50.0},
    {"C14 upfront ZA NTX", "zofast_letrozole_za", nullptr, "ctx_change", 12, -33.3, -9.3},
    {"C14 delayed ZA NTX", "zofast_letrozole", nullptr, "ctx_change", 12, 9.7, 33.7},
};

TEST(IntegratedCalibration, TargetsWithinTheirBands) {
  std::map<std::string, RunOutput> arms;
  auto arm = [&](const std::string& name) -> const RunOutput& {
    if (!arms.count(name)) arms.emplace(name, run_arm(name));
    return arms.at(name);
  };
  for (const Target& t : kTargets) {
    double v = at(arm(t.arm), t.var, t.month);
    if (t.control) v -= at(arm(t.control), t.var, t.month);
    EXPECT_GE(v, t.lo) << t.id;
    EXPECT_LE(v, t.hi) << t.id;
  }
  // C3, C4 (SWAN): change from FMP - 1 y to FMP + 2 y, relative to the first.
  const RunOutput& swan = arm("swan_menopause");
  auto window = [&](const char* var) {
    return 100.0 * ((1.0 + at(swan, var, 60) / 100.0) / (1.0 + at(swan, var, 24) / 100.0) - 1.0);
  };
  EXPECT_GE(window("bmd_lumbar_spine_change"), -9.0);
  EXPECT_LE(window("bmd_lumbar_spine_change"), -5.5);
  EXPECT_GE(window("bmd_femoral_neck_change"), -7.5);
  EXPECT_LE(window("bmd_femoral_neck_change"), -4.0);
}

// ---- qualitative facts (clinical_calibration.md) --------------------------------------

TEST(IntegratedMechanisms, AromataseInhibitorLossIsAtLeastTwiceBackgroundAndFrontLoaded) {
  const auto ai = run_file("scenarios/clinical/ai_alone.yaml");
  const auto bg = run_file("scenarios/clinical/postmenopausal_no_treatment.yaml");
  for (const char* site : {"bmd_lumbar_spine_change", "bmd_total_hip_change", "bmd_femoral_neck_change"}) {
    const double ai2 = at(ai, site, 24), bg2 = at(bg, site, 24);
    EXPECT_LT(bg2, 0.0) << site;  // late postmenopausal women lose bone too
    EXPECT_LT(ai2, 2.0 * bg2) << site;
    const double first = -at(ai, site, 12), second = at(ai, site, 12) - at(ai, site, 24);
    EXPECT_GT(first, second) << site;
    EXPECT_GT(second, 0.0) << site;
  }
  // Turnover markers raised.
  EXPECT_GT(at(ai, "ctx_change", 12), 10.0);
  EXPECT_GT(at(ai, "p1np_change", 12), 0.0);
  EXPECT_LT(at(ai, "estrogen", 1), 0.01);
}

TEST(IntegratedMechanisms, DenosumabSuppressesResorptionWithinAMonthAndReboundsWhenStopped) {
  // A postmenopausal woman without an aromatase inhibitor: 4 doses, then none.
  const auto out = run_yaml(scenario(
      "4 y", "{every: 1 mo}", kPatient62 + "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, count: 4}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  EXPECT_LT(at(out, "ctx_change", 1), -50.0);
  // Still suppressed at the end of every 6-month interval, just before the next dose (issue 14: at most -60 %;
  // FREEDOM: serum CTX about 70 % below baseline before each dose, Eastell R et al. J Bone Miner Res 2011;26:530).
  for (double month : {6.0, 12.0, 18.0}) EXPECT_LE(at(out, "ctx_change", month), -60.0) << month;
  EXPECT_GT(at(out, "bmd_lumbar_spine_change", 24), 3.0);
  // After the last dose (18 mo) wears off, resorption overshoots the baseline...
  const auto ctx = out.series("ctx_change");
  double peak = -1e9;
  for (std::size_t i = 0; i < out.times.size(); ++i) {
    if (out.times[i] > 24 * kMonth) peak = std::max(peak, ctx[i]);
  }
  EXPECT_GT(peak, 10.0);
  // ...and the BMD gained is lost again.
  EXPECT_LT(at(out, "bmd_lumbar_spine_change", 48), 0.5 * at(out, "bmd_lumbar_spine_change", 24));
}

TEST(IntegratedMechanisms, DenosumabKeepsResorptionSuppressedAtEveryTroughOfFreedom) {
  // The FREEDOM arm of the calibration (72 y, 60 mg every 6 months for 5 y): CTX at most -60 % at the end of every
  // 6-month interval (issue 14; FREEDOM: about -70 % before each dose, Eastell R et al. J Bone Miner Res
  // 2011;26:530). The serum level at a trough is ~40 ng/mL (~300 pM), 100 times the K_D of ~3 pM.
  const auto out = run_arm("freedom_denosumab");
  for (double month : {6.0, 12.0, 24.0, 36.0, 48.0, 60.0}) EXPECT_LE(at(out, "ctx_change", month), -60.0) << month;
}

TEST(IntegratedMechanisms, BisphosphonateEffectOutlastsTheLastDose) {
  const auto za =
      run_yaml(scenario("3 y", "{every: 6 mo}", kPatient62 + "drugs:\n  - {drug: zoledronic_acid, dose: 5 mg}\n"));
  const auto none = run_yaml(scenario("3 y", "{every: 6 mo}", kPatient62));
  ASSERT_EQ(za.runs[0].status, osteon::RunStatus::ok) << za.runs[0].message;
  // One infusion: resorption still below the untreated woman's 1, 2 and 3 years later.
  for (double m : {12.0, 24.0, 36.0}) {
    EXPECT_LT(at(za, "ctx_change", m), at(none, "ctx_change", m) - 5.0) << m;
    EXPECT_GT(at(za, "bmd_lumbar_spine_change", m), at(none, "bmd_lumbar_spine_change", m) + 1.0) << m;
  }
  EXPECT_GT(at(za, "bisphosphonate_surface", 36) + at(za, "bisphosphonate_buried", 36),
            0.5 * 5.0 * 0.61 / 272.09 * 1000.0);
}

// One year of each bisphosphonate at its clinical dose, then none, in a 65-year-old woman; CTX relative to the
// untreated woman's at the same time (%).
struct BisphosphonateYear {
  std::map<std::string, std::vector<double>> ctx;  // drug -> relative CTX at kBpMonths
};
const std::vector<double> kBpMonths{6.0, 11.9, 12.5, 13.0, 15.0, 24.0};

BisphosphonateYear bisphosphonate_year() {
  const std::map<std::string, std::string> regimens{
      {"zoledronic_acid", "{drug: zoledronic_acid, dose: 5 mg, start: 0 d}"},
      {"alendronate", "{drug: alendronate, dose: 70 mg, every: 1 wk, start: 0 d, stop: 12 mo}"},
      {"risedronate", "{drug: risedronate, dose: 35 mg, every: 1 wk, start: 0 d, stop: 12 mo}"},
      {"ibandronate", "{drug: ibandronate, dose: 150 mg, every: 1 mo, start: 0 d, stop: 12 mo}"},
  };
  std::string times = "{times: [0 d";
  for (double m : kBpMonths) times += ", " + std::to_string(m) + " mo";
  times += "]}";
  const std::string patient = "patient: {age: 65 y, menopause_age: 51 y}\n";
  const auto none = run_yaml(scenario("24 mo", times, patient));
  BisphosphonateYear out;
  for (const auto& [drug, regimen] : regimens) {
    const auto run = run_yaml(scenario("24 mo", times, patient + "drugs:\n  - " + regimen + "\n"));
    EXPECT_EQ(run.runs[0].status, osteon::RunStatus::ok) << drug << ": " << run.runs[0].message;
    for (double m : kBpMonths) {
      out.ctx[drug].push_back(
          100.0 * ((1.0 + at(run, "ctx_change", m) / 100.0) / (1.0 + at(none, "ctx_change", m) / 100.0) - 1.0));
    }
  }
  return out;
}

TEST(IntegratedMechanisms, BisphosphonatePotenciesFollowTheClinicalRanking) {
  // At their clinical doses zoledronic acid suppresses resorption most, and the oral drugs about equally (issue 14;
  // 1-y CTX falls: zoledronic acid 5 mg yearly about −59 % vs placebo, HORIZON-PFT, Black DM et al. N Engl J Med
  // 2007;356:1809; alendronate 70 mg weekly and risedronate 35 mg weekly in the same range as each other, FACT,
  // Rosen CJ et al. J Bone Miner Res 2005;20:141; ibandronate 150 mg monthly as alendronate, MOTION, Miller PD et
  // al. Curr Med Res Opin 2008;24:207-213; markers Clin Ther 2009;31:751). The model's falls are smaller than the
  // published ones (docs/models/integrated.md, Limits: the calibration target C14a caps them); the ranking is
  // asserted here. Ibandronate's potency is set from MOTION (bisphosphonate_pk_test), so the three oral drugs now
  // lie within 25 % of each other (before: ibandronate −17 % against −25 % for the others, a factor 1.5).
  const auto y = bisphosphonate_year();
  const std::size_t m12 = 1;  // 11.9 months, before the end of the year's dosing
  const double zol = y.ctx.at("zoledronic_acid")[m12];
  double weakest = 0.0, strongest = -100.0;
  for (const char* oral : {"alendronate", "risedronate", "ibandronate"}) {
    const double c = y.ctx.at(oral)[m12];
    EXPECT_LT(zol, c - 5.0) << oral;
    EXPECT_LT(c, -10.0) << oral;
    weakest = std::max(weakest, c);
    strongest = std::min(strongest, c);
  }
  EXPECT_LT(strongest / weakest, 1.25);  // the oral drugs within 25 % of each other
}

TEST(IntegratedMechanisms, EachBisphosphonateOutlastsItsLastDoseInTheOrderOfItsBoneAffinity) {
  // After the last dose resorption stays suppressed while drug remains on bone surfaces, longest for the drugs that
  // bind bone most tightly (Nancollas 2006 affinity: zoledronate > alendronate > ibandronate > risedronate;
  // risedronate's effect wanes within a year off treatment, Watts NB et al. Osteoporos Int 2008;19:365;
  // zoledronic acid's lasts years, Grey A et al. J Clin Endocrinol Metab 2012;97:286).
  const auto y = bisphosphonate_year();
  // Half a month after the last weekly or monthly dose: still at least half the on-treatment fall.
  for (const char* drug : {"alendronate", "risedronate", "ibandronate"}) {
    EXPECT_LT(y.ctx.at(drug)[2], 0.5 * y.ctx.at(drug)[1]) << drug;
  }
  // Three months off treatment: the fraction of the fall that is left follows the affinity rank.
  auto left = [&](const char* drug) { return y.ctx.at(drug)[4] / y.ctx.at(drug)[1]; };
  EXPECT_GT(left("zoledronic_acid"), left("alendronate"));
  EXPECT_GT(left("alendronate"), left("ibandronate"));
  EXPECT_GT(left("ibandronate"), left("risedronate"));
  // Two years after the single infusion zoledronic acid still holds most of its effect.
  EXPECT_GT(y.ctx.at("zoledronic_acid")[5] / y.ctx.at("zoledronic_acid")[0], 0.7);
}

TEST(IntegratedMechanisms, AerobicExerciseDoesLittleNextToResistanceAndImpact) {
  const auto control = run_arm("exercise_control");
  const auto aerobic = run_yaml(scenario("12 mo", "{times: [12 mo]}",
                                         "patient: {age: 60 y, menopause_age: 51 y}\nexercise:\n"
                                         "  - {type: aerobic, minutes_per_week: 150}\n"));
  const auto walking = run_yaml(scenario("12 mo", "{times: [12 mo]}",
                                         "patient: {age: 60 y, menopause_age: 51 y}\nexercise:\n"
                                         "  - {type: walking, minutes_per_week: 150}\n"));
  const auto combined = run_arm("exercise_combined");
  const double base = at(control, "bmd_lumbar_spine_change", 12);
  const double a = aerobic.series("bmd_lumbar_spine_change")[0] - base;
  const double w = walking.series("bmd_lumbar_spine_change")[0] - base;
  const double c = at(combined, "bmd_lumbar_spine_change", 12) - base;
  EXPECT_GT(c, 1.0);
  EXPECT_GE(a, 0.0);
  EXPECT_LT(a, 0.1 * c);
  EXPECT_LT(w, 0.25 * c);
  EXPECT_GT(w, a);
}

// The space in the model: at a woman's steady state (life_course = 0) each
// compartment's space is its resorption times τ_RS; an antiresorptive
// refills it (formation, the P1NP proxy, falls later and less than
// resorption, CTX: the remodelling transient), and it reopens when the drug
// wears off.
TEST(IntegratedMechanisms, RemodellingSpaceIsTurnoverTimesRefillTime) {
  auto p = osteon::testing::default_full_params<M>();
  p[M::life_course] = 0.0;
  M::derive(p.data(), p.data(), p.data() + M::n_params);
  std::vector<double> y(M::n_states);
  ASSERT_TRUE(M::initial_state(p.data(), y.data()));
  M::Inputs<double> in = M::inputs<double>(0.0, y.data(), p.data());
  // Her bone balances at her steady state: coupled refill and modelling-based formation replace resorption
  // (with modelling the remodelling cycle alone, b = f/r, is not 1).
  EXPECT_NEAR(osteon::modules::modelling_formation::imbalance(p[M::modelling_share], in.f, in.r, in.phi_mod), 0.0,
              1e-6 * in.r);
  EXPECT_NEAR(y[M::RS_trab], p[M::nu_trab] / kYear * y[M::BV] * in.r * p[M::tau_RS], 1e-12 * y[M::RS_trab]);
  EXPECT_NEAR(y[M::RS_cort], p[M::nu_cort] / kYear * y[M::BV_cort] * in.r * p[M::tau_RS], 1e-12 * y[M::RS_cort]);
  std::vector<double> d(M::n_states);
  M::rhs<double>(0.0, y.data(), p.data(), d.data());
  for (int i : {M::RS_trab, M::RS_cort, M::BV, M::BV_cort, M::MS_trab, M::MS_cort}) {
    EXPECT_NEAR(d[i], 0.0, 1e-10 * std::fabs(y[i])) << i;
  }
  const auto out = run_yaml(scenario(
      "3 y", "{every: 1 mo}", kPatient62 + "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, count: 2}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto space = out.series("RS_trab");
  EXPECT_LT(space[6], 0.5 * space[0]);  // half refilled within 6 months (τ_RS ≈ 3 months)
  EXPECT_GT(at(out, "p1np_change", 1), at(out, "ctx_change", 1) + 20.0);  // formation lags resorption
  // The last dose (6 mo) wears off after about a year: resorption returns at once and the space reopens to its
  // untreated size within the refill time (it was below a fifth of it).
  EXPECT_LT(space[12], 0.2 * space[0]);
  EXPECT_GT(space[18], 0.85 * space[0]);
  EXPECT_GT(at(out, "ctx_change", 15), 0.0);
}

// Issue 14 (done when): a 72-year-old's untreated spine loss is between -0.3
// and -1.5 %/y and does not accelerate over 8 years.
TEST(IntegratedMechanisms, LateUntreatedSpineLossIsSlowAndDoesNotAccelerate) {
  const auto out = run_yaml(scenario("8 y", "{every: 1 y}", "patient: {age: 72 y, menopause_age: 51 y}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  const auto ls = out.series("bmd_lumbar_spine_change");
  for (std::size_t i = 1; i < ls.size(); ++i) {
    const double rate = ls[i] - ls[i - 1];
    EXPECT_LE(rate, -0.3) << "year " << i;
    EXPECT_GE(rate, -1.5) << "year " << i;
  }
  EXPECT_GE(ls[8] - ls[7], 1.1 * (ls[1] - ls[0]));  // the last year loses no more than 1.1 x the first
}

// Issue 14 (done when): resistance + impact training's spine gain over 5 y is
// within 1.5x its 2-y gain (gains plateau within 1-2 years).
TEST(IntegratedMechanisms, ResistanceImpactGainPlateaus) {
  const std::string patient = "patient: {age: 60 y, menopause_age: 51 y}\n";
  const auto none = run_yaml(scenario("5 y", "{every: 1 y}", patient));
  const auto train = run_yaml(
      scenario("5 y", "{every: 1 y}", patient + "exercise:\n  - {type: resistance_impact, sessions_per_week: 3}\n"));
  ASSERT_EQ(train.runs[0].status, osteon::RunStatus::ok) << train.runs[0].message;
  const auto a = train.series("bmd_lumbar_spine_change"), b = none.series("bmd_lumbar_spine_change");
  const double gain2 = a[2] - b[2], gain5 = a[5] - b[5];
  EXPECT_GT(gain2, 0.5);
  EXPECT_LE(gain5, 1.5 * gain2);
}

TEST(IntegratedMechanisms, PremenopausalHomeostasis) {
  // A 35-year-old, years from menopause, without any intervention: < 0.1 %/y.
  const auto out = run_yaml(scenario("10 y", "{every: 1 y}", "patient: {age: 35 y, menopause_age: 51 y}\n"));
  ASSERT_EQ(out.runs[0].status, osteon::RunStatus::ok) << out.runs[0].message;
  for (const char* site : {"bmd_lumbar_spine_change", "bmd_total_hip_change", "bmd_femoral_neck_change"}) {
    const auto v = out.series(site);
    for (std::size_t i = 1; i < v.size(); ++i) EXPECT_LT(std::fabs(v[i] - v[i - 1]), 0.1) << site << " year " << i;
  }
  EXPECT_NEAR(out.series("estrogen")[10], 1.0, 1e-3);
}

TEST(IntegratedMechanisms, TScoresFollowBmd) {
  const auto out = run_file("scenarios/clinical/ai_alone.yaml");
  const double ls = at(out, "bmd_lumbar_spine_change", 24) / 100.0;
  // T = T0 + r·(μ + T0·σ)/σ with the LS reference 1.064 ± 0.106 g/cm² and T0 = -1.0.
  EXPECT_NEAR(at(out, "t_score_lumbar_spine", 24), -1.0 + ls * (1.064 - 0.106) / 0.106, 1e-12);
  EXPECT_EQ(at(out, "t_score_femoral_neck", 0), -1.2);
}

// ---- her history (life course) ---------------------------------------------------

// The start of a 72-year-old with life_course = 1 is her history, integrated
// inside derive() by its own W-method: it must agree with the engine's
// dopri5 run of the same woman from the start of her history (43 y = 51 y −
// history_lead, where she is at her premenopausal steady state) to 72 y.
TEST(IntegratedHistory, StartOfALateLifeRunIsTheLongRunFromBeforeMenopause) {
  const std::string set = "parameters: {life_course: 1}\n";
  const auto old = run_yaml(scenario("1 d", "{times: [0 d]}", set + "patient: {age: 72 y, menopause_age: 51 y}\n"));
  ASSERT_EQ(old.runs[0].status, osteon::RunStatus::ok) << old.runs[0].message;
  const auto life = run_yaml(scenario("29 y", "{times: [0 d, 29 y]}\nsolver: {rtol: 1e-10, atol: 1e-14}",
                                      set + "patient: {age: 43 y, menopause_age: 51 y}\n"));
  ASSERT_EQ(life.runs[0].status, osteon::RunStatus::ok) << life.runs[0].message;
  for (const char* state : {"OBp", "OBa", "OCa", "OCp", "BV", "OV_trab", "MV_trab", "BV_cort", "OV_cort", "MV_cort",
                            "RS_trab", "MS_trab", "RS_cort", "MS_cort"}) {
    const double expected = life.series(state)[1], got = old.series(state)[0];
    EXPECT_NEAR(got / expected, 1.0, 2e-5) << state;
  }
  // She is not at rest: 21 years past menopause, her bone is still changing,
  // and the long run starts at rest (its first state is her steady state at 43 y).
  EXPECT_LT(life.series("MV_trab")[1], 0.95 * life.series("MV_trab")[0]);
}

TEST(IntegratedHistory, BeforeHerHistoryStartsSheIsAtHerSteadyState) {
  auto p = osteon::testing::default_full_params<M>();
  p[M::age] = 40.0;  // before 51 − 8 y
  std::vector<double> rest(M::n_states), life(M::n_states), f(M::n_states);
  M::derive(p.data(), p.data(), p.data() + M::n_params);
  ASSERT_TRUE(M::initial_state(p.data(), rest.data()));
  p[M::life_course] = 1.0;
  M::derive(p.data(), p.data(), p.data() + M::n_params);
  ASSERT_TRUE(M::initial_state(p.data(), life.data()));
  for (int i = 0; i < M::n_states; ++i) EXPECT_EQ(rest[i], life[i]) << i;
  M::rhs<double>(0.0, life.data(), p.data(), f.data());
  for (int i = 0; i < M::n_states; ++i) EXPECT_LT(std::fabs(f[i]) / (std::fabs(life[i]) + 1e-12), 1e-9) << i;
}

// The same for women of other ages and menopause ages (the ranges of the
// sweeps in bench/whole_process): the history's RODAS4 at rtol 1e-6 against
// the engine's dopri5 at rtol 1e-10 over the same years, within 1e-6 (with
// the exact Jacobian the differences were 5.5-5.8e-8 for these three women).
TEST(IntegratedHistory, HistoriesOfOtherWomenAgreeWithTheirLongRuns) {
  const std::string set = "parameters: {life_course: 1}\n";
  const double history_lead = osteon::testing::default_full_params<M>()[M::history_lead];
  for (const auto& [age, menopause] : {std::pair{53.0, 52.0}, std::pair{60.0, 45.0}, std::pair{75.0, 49.0}}) {
    auto patient = [](double a, double m) {
      return "patient: {age: " + std::to_string(a) + " y, menopause_age: " + std::to_string(m) + " y}\n";
    };
    const auto start = run_yaml(scenario("1 d", "{times: [0 d]}", set + patient(age, menopause)));
    ASSERT_EQ(start.runs[0].status, osteon::RunStatus::ok) << start.runs[0].message;
    const double a_s = menopause - history_lead;
    const auto life =
        run_yaml(scenario(std::to_string(age - a_s) + " y",
                          "{times: [0 d, " + std::to_string(age - a_s) + " y]}\nsolver: {rtol: 1e-10, atol: 1e-14}",
                          set + patient(a_s, menopause)));
    ASSERT_EQ(life.runs[0].status, osteon::RunStatus::ok) << life.runs[0].message;
    for (const char* state : {"OBp", "OBa", "OCa", "OCp", "BV", "OV_trab", "MV_trab", "BV_cort", "OV_cort", "MV_cort",
                              "RS_trab", "MS_trab", "RS_cort", "MS_cort"}) {
      const double expected = life.series(state)[1], got = start.series(state)[0];
      EXPECT_NEAR(got / expected, 1.0, 1e-6) << state << " at " << age << " y, menopause " << menopause << " y";
    }
  }
}

// derive() keeps its results per thread, several of them: a batched worker
// interleaves the events of its lanes' runs (each event calls derive() with
// the run's start parameters), and each run's start must be solved once,
// not again at every event of another lane in between. The reused values are
// bitwise those of the solve; the nutrition factor follows the current values.
TEST(IntegratedHistory, InterleavedRunsOfEightLanesSolveTheirStartsOnce) {
  std::vector<std::vector<double>> starts;
  for (int k = 0; k < 8; ++k) {
    auto p = osteon::testing::default_full_params<M>();
    p[M::life_course] = 1.0;
    p[M::age] = 55.0 + 2.0 * k;
    starts.push_back(p);
  }
  const long before = M::start_solves();
  std::vector<std::vector<double>> first;
  for (auto& p : starts) {
    M::derive(p.data(), p.data(), p.data() + M::n_params);
    first.push_back(p);
  }
  EXPECT_EQ(M::start_solves() - before, 8);
  for (int round = 0; round < 3; ++round) {
    for (std::size_t k = 0; k < starts.size(); ++k) {
      auto now = starts[k];
      now[M::calcium] *= 0.5;  // an event of run k
      M::derive(now.data(), starts[k].data(), now.data() + M::n_params);
      for (int i = M::n_params; i < M::n_params + M::n_derived; ++i) {
        if (i != M::m_nutr) {
          EXPECT_EQ(now[i], first[k][i]) << i;
        }
      }
      EXPECT_GT(now[M::m_nutr], first[k][M::m_nutr]);  // less calcium, more PTH
    }
  }
  EXPECT_EQ(M::start_solves() - before, 8);
}

// Her steady state before menopause and her history depend on her, not on
// her regimens: runs that differ only in drugs or exercise (osteon compare,
// regimen sweeps) integrate it once, and the reused history gives bitwise the
// start a solve from empty caches (a new thread) gives.
TEST(IntegratedHistory, RunsThatDifferOnlyInTheirRegimensShareHerHistory) {
  auto a = osteon::testing::default_full_params<M>();
  a[M::life_course] = 1.0;
  a[M::age] = 66.5;
  auto b = a;
  b[M::AI_suppression] = 0.899;
  b[M::exercise_load] = 1.2;
  auto fresh = b;
  std::thread([&] { M::derive(fresh.data(), fresh.data(), fresh.data() + M::n_params); }).join();
  const long starts = M::start_solves(), histories = M::history_solves();
  M::derive(a.data(), a.data(), a.data() + M::n_params);
  M::derive(b.data(), b.data(), b.data() + M::n_params);
  EXPECT_EQ(M::start_solves() - starts, 2);
  EXPECT_EQ(M::history_solves() - histories, 1);
  for (int i = M::n_params; i < M::n_params + M::n_derived; ++i) EXPECT_EQ(b[i], fresh[i]) << i;
  EXPECT_NE(b[M::activity_0], a[M::activity_0]);  // the aromatase inhibitor acts at a_0
  EXPECT_EQ(b[M::MV_trab_0], a[M::MV_trab_0]);    // on a history without it
}

// derive() keeps its last result per thread: a change of any start parameter
// must give the fresh result, and going back the first one, bitwise.
TEST(IntegratedHistory, DerivedValuesFollowTheStartParameters) {
  auto a = osteon::testing::default_full_params<M>();
  a[M::life_course] = 1.0;
  auto b = a;
  b[M::age] = 70.0;
  M::derive(a.data(), a.data(), a.data() + M::n_params);
  const std::vector<double> first(a.begin() + M::n_params, a.end());
  M::derive(b.data(), b.data(), b.data() + M::n_params);
  EXPECT_NE(b[M::MV_trab_0], first[M::MV_trab_0 - M::n_params]);
  M::derive(a.data(), a.data(), a.data() + M::n_params);
  for (int i = M::n_params; i < M::n_params + M::n_derived; ++i) EXPECT_EQ(a[i], first[i - M::n_params]) << i;
}

// Estradiol lowers sclerostin (Mödder 2011: −27 % on estradiol in postmenopausal
// women): an aromatase inhibitor raises it at once, before bone changes, by
// (1 + c·d_AI)/(1 + c·d_post) with c = 0.37/d_post.
TEST(IntegratedMechanisms, AromataseInhibitorRaisesSclerostinAtOnce) {
  const std::string body = "patient: {age: 64 y, menopause_age: 51 y}\n";
  const auto none = run_yaml(scenario("1 d", "{times: [0 d, 1 d]}", body));
  const auto ai =
      run_yaml(scenario("1 d", "{times: [0 d, 1 d]}", body + "drugs:\n  - {drug: anastrozole, start: 0 d}\n"));
  ASSERT_EQ(ai.runs[0].status, osteon::RunStatus::ok) << ai.runs[0].message;
  const auto p = osteon::testing::default_full_params<M>();
  namespace es = osteon::modules::estrogen;
  const double E_post = es::natural_level(64.0, 51.0, p[M::E_post], p[M::w_menopause]);
  const double d_post = es::deficiency(E_post, p[M::K_E_res], p[M::n_E]);
  const double d_ai = es::deficiency(E_post * (1.0 - 0.899), p[M::K_E_res], p[M::n_E]);
  const double c = 0.37 / es::deficiency(p[M::E_post], p[M::K_E_res], p[M::n_E]);
  // The AI also lowers the mechanosensitivity m = 1 − c_mech·d_form at once: S_eff = 1 + m(S − 1).
  const double S = none.series("stimulus")[0];
  EXPECT_EQ(ai.series("stimulus")[0], S);
  const double f_ai = es::deficiency(E_post * (1.0 - 0.899), p[M::K_E_form], p[M::n_E]);
  const double f_post = es::deficiency(E_post, p[M::K_E_form], p[M::n_E]);
  const double S_ai = 1.0 + (1.0 - p[M::c_mech_E] * f_ai) * (S - 1.0);
  const double S_post = 1.0 + (1.0 - p[M::c_mech_E] * f_post) * (S - 1.0);
  const double ratio = ai.series("sclerostin")[0] / none.series("sclerostin")[0];
  EXPECT_NEAR(ratio, std::pow(S_ai / S_post, -p[M::gamma_Scl]) * (1.0 + c * d_ai) / (1.0 + c * d_post), 1e-9);
  EXPECT_GT((1.0 + c * d_ai) / (1.0 + c * d_post), 1.0);
}

// Accommodation (Turner 1999): the accommodated fraction of the exercise
// increment follows Λ = (1 − ρ)(1 − e^(−t/τ)) while a routine lasts and decays
// as e^(−(t − t_s)/τ) after it stops; stopping returns the load to habitual,
// so the bone gained decays toward the untrained course without undershooting it.
TEST(IntegratedMechanisms, ExerciseAccommodatesAndDetrainingDoesNotUndershoot) {
  const std::string patient = "patient: {age: 60 y, menopause_age: 51 y}\n";
  const std::string ex =
      "exercise:\n  - {type: resistance_impact, sessions_per_week: 3, minutes_per_session: 45, start: 0 d, stop: 2 "
      "y}\n";
  const auto none = run_yaml(scenario("8 y", "{every: 6 mo}\nsolver: {rtol: 1e-10, atol: 1e-14}", patient));
  const auto train = run_yaml(scenario("8 y", "{every: 6 mo}\nsolver: {rtol: 1e-10, atol: 1e-14}", patient + ex));
  ASSERT_EQ(train.runs[0].status, osteon::RunStatus::ok) << train.runs[0].message;
  const auto p = osteon::testing::default_full_params<M>();
  const double rho = p[M::retained_stimulus], tau = p[M::tau_accommodation];
  const auto lam = train.series("Lambda_ex");
  for (std::size_t i = 0; i < train.times.size(); ++i) {
    const double t = train.times[i];
    const double expected = t < 2 * kYear
                                ? (1 - rho) * (1 - std::exp(-t / tau))
                                : (1 - rho) * (1 - std::exp(-2 * kYear / tau)) * std::exp(-(t - 2 * kYear) / tau);
    if (std::fabs(t - 2 * kYear) > 1.0) {
      EXPECT_NEAR(lam[i], expected, 1e-8) << "t = " << t;
    }
  }
  const auto a = train.series("bmd_lumbar_spine_change"), b = none.series("bmd_lumbar_spine_change");
  const double gain2 = a[4] - b[4];
  EXPECT_GT(gain2, 0.0);
  for (std::size_t i = 5; i < a.size(); ++i) {
    EXPECT_GT(a[i] - b[i], -0.01) << "t = " << train.times[i];  // no undershoot below the untrained arm
    EXPECT_LE(a[i] - b[i], a[i - 1] - b[i - 1] + 1e-9) << "t = " << train.times[i];  // decays toward it
  }
}

// ---- on every integrator ---------------------------------------------------------

class IntegratedIntegrators : public ::testing::TestWithParam<Method> {
 protected:
  osteon::RunOptions options() const {
    osteon::RunOptions o;
    o.method = GetParam();
    return o;
  }
};

TEST_P(IntegratedIntegrators, DenosumabPkTarget6) {
  expect_denosumab_target6(run_yaml(scenario("183 d", "{every: 0.1 d}\nsolver: {rtol: 1e-10, atol: 1e-12}",
                                             kPatient62 + "drugs:\n  - {drug: denosumab, dose: 60 mg}\n"),
                                    options()));
}

TEST_P(IntegratedIntegrators, AromataseInhibitorTargetsC1C2C13) {
  const auto out = run_arm("atac_anastrozole", options());
  const double ls = at(out, "bmd_lumbar_spine_change", 24), th = at(out, "bmd_total_hip_change", 24);
  EXPECT_GE(ls, -5.5);
  EXPECT_LE(ls, -3.0);
  EXPECT_GE(th, -5.0);
  EXPECT_LE(th, -2.5);
  const double ctx = at(out, "ctx_change", 12);
  EXPECT_GE(ctx, 20.0);
  EXPECT_LE(ctx, 50.0);
}

TEST_P(IntegratedIntegrators, ZoledronicAcidTargetC6) {
  const auto za = run_arm("zofast_letrozole_za", options());
  const auto l = run_arm("zofast_letrozole", options());
  const double d = at(za, "bmd_lumbar_spine_change", 12) - at(l, "bmd_lumbar_spine_change", 12);
  EXPECT_GE(d, 4.5);
  EXPECT_LE(d, 7.0);
}

INSTANTIATE_FOR_ALL_INTEGRATORS(IntegratedIntegrators);

}  // namespace
