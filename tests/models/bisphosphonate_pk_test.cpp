// The bisphosphonate PK module (models/modules/bisphosphonate_pk.hpp) against
// closed forms and published pharmacokinetics, at the integrated model's
// parameter values (docs/models/integrated.md), integrated here with classical
// RK4 so that the test does not depend on the engine's integrators.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <functional>
#include <string>

#include "integrated/integrated.hpp"
#include "modules/bisphosphonate_pk.hpp"

namespace {

namespace bp = osteon::modules::bisphosphonate_pk;
using M = osteon::models::Integrated;

constexpr double kYear = 365.25;

double param(const std::string& name) {
  for (const auto& q : M::info().params) {
    if (q.name == name) return q.value;
  }
  ADD_FAILURE() << name;
  return NAN;
}

// One drug with the model's constants, at fixed relative resorption r and formation f.
struct Drug {
  double fb, kd;  // f_b (1), k_d (1/d)
  double r = 1.0, f = 1.0;
  double kX = param("k_X_BP") / kYear;
  double nuB =
      (param("cortical_share") * param("nu_cort") + (1.0 - param("cortical_share")) * param("nu_trab")) / kYear;
};

Drug drug(const std::string& suffix) { return {param("fb_" + suffix), param("kd_" + suffix) / kYear}; }

// State (X, B, U): surface, deep, cumulative urine (µmol); the reduced (quasi-steady plasma) module.
using State = std::array<double, 3>;

State derivative(const Drug& d, const State& s) {
  State out{};
  bp::rates(s[0], s[1], d.r, d.f, d.kX, d.kd, d.nuB, d.fb, out[0], out[1]);
  out[2] = bp::urinary_rate(s[0], s[1], d.r, d.kX, d.kd, d.nuB, d.fb);
  return out;
}

template <std::size_t N>
std::array<double, N> rk4(const std::function<std::array<double, N>(const std::array<double, N>&)>& rhs,
                          std::array<double, N> y, double T, int steps) {
  const double h = T / steps;
  for (int i = 0; i < steps; ++i) {
    std::array<double, N> k1 = rhs(y), y2{}, y3{}, y4{};
    for (std::size_t j = 0; j < N; ++j) y2[j] = y[j] + 0.5 * h * k1[j];
    std::array<double, N> k2 = rhs(y2);
    for (std::size_t j = 0; j < N; ++j) y3[j] = y[j] + 0.5 * h * k2[j];
    std::array<double, N> k3 = rhs(y3);
    for (std::size_t j = 0; j < N; ++j) y4[j] = y[j] + h * k3[j];
    std::array<double, N> k4 = rhs(y4);
    for (std::size_t j = 0; j < N; ++j) y[j] += h / 6.0 * (k1[j] + 2.0 * k2[j] + 2.0 * k3[j] + k4[j]);
  }
  return y;
}

// A single IV dose of 1 µmol: f_b reaches bone surfaces, the rest is in urine at once (quasi-steady plasma).
State single_dose(const Drug& d, double days, int steps) {
  const State start{d.fb, 0.0, 1.0 - d.fb};
  return rk4<3>([&](const State& s) { return derivative(d, s); }, start, days, steps);
}

TEST(BisphosphonatePk, MassIsConservedBetweenSurfaceDeepPoolAndUrine) {
  for (const char* s : {"zol", "aln", "ris", "ibn"}) {
    Drug d = drug(s);
    d.r = 0.6;  // suppressed turnover: the balance must not depend on r = f
    d.f = 0.8;
    const State y = single_dose(d, 5.0 * kYear, 20000);
    EXPECT_NEAR(y[0] + y[1] + y[2], 1.0, 1e-12) << s;
    EXPECT_GT(y[1], 0.0) << s;
  }
}

TEST(BisphosphonatePk, QuasiSteadyPlasmaMatchesTheExplicitCentralCompartment) {
  // The central compartment solved explicitly: plasma P empties at k_P (zoledronic acid: t½β = 1.87 h, Zometa
  // label) into bone (f_b) and urine (1 − f_b); bone returns drug to plasma. Over a year the reduced module must
  // agree with it to the order of k_bone/k_P (~1e-4).
  const Drug d = drug("zol");
  const double kP = std::log(2.0) / (1.87 / 24.0);
  using Full = std::array<double, 4>;  // P, X, B, U
  auto full = [&](const Full& y) {
    Full out{};
    const double back = bp::into_plasma(y[1], y[2], d.r, d.kX, d.kd, d.nuB);
    out[0] = -kP * y[0] + back;
    out[1] = d.fb * kP * y[0] - (d.kX * d.r + d.kd) * y[1] - d.kX * d.f * y[1];
    out[2] = d.kX * d.f * y[1] - d.nuB * d.r * y[2];
    out[3] = (1.0 - d.fb) * kP * y[0];
    return out;
  };
  const Full f = rk4<4>(full, Full{1.0, 0.0, 0.0, 0.0}, kYear, 400000);
  const State q = single_dose(d, kYear, 4000);
  EXPECT_NEAR(f[1] / q[0], 1.0, 1e-3);
  EXPECT_NEAR(f[2] / q[1], 1.0, 1e-3);
  EXPECT_NEAR(f[3] / q[2], 1.0, 1e-3);
}

TEST(BisphosphonatePk, ZoledronicAcidUrinaryRecoveryIsThePublishedOne) {
  // 24-h urinary recovery of IV zoledronic acid 37-41 % of the dose (Chen T et al. J Clin Pharmacol 2002;42:1228:
  // 38 ± 13, 41 ± 14, 37 ± 17 % after 4, 8, 16 mg; Zometa label 39 ± 16 %) = 1 − skeletal uptake, and "only trace
  // amounts" after 24 h: < 1 % of the dose in days 2-28.
  const Drug d = drug("zol");
  const double day1 = single_dose(d, 1.0, 100)[2], day28 = single_dose(d, 28.0, 2800)[2];
  EXPECT_NEAR(day1, 1.0 - d.fb, 1e-3);
  EXPECT_GE(day1, 0.37);
  EXPECT_LE(day1, 0.41);
  EXPECT_LT(day28 - day1, 0.01);
}

TEST(BisphosphonatePk, AlendronateFollowsKhan1997) {
  // IV alendronate in postmenopausal women (Khan SA et al. J Bone Miner Res 1997;12:1700): ~50 % of the dose in
  // urine in the first 5 days, a further 17 % in the next 6 months; the skeleton retains ~50 % (Fosamax label).
  const Drug d = drug("aln");
  const State at5 = single_dose(d, 5.0, 500);
  const double day5 = at5[2], month6 = single_dose(d, 5.0 + 0.5 * kYear, 20000)[2];
  EXPECT_NEAR(day5, 0.50, 0.03);
  EXPECT_NEAR(month6 - day5, 0.17, 0.02);
  // Closed form of the same loss with the deep pool's return neglected: a/(a + k_X)(1 − e^(−(a + k_X)T)) of what
  // the surface holds at day 5, a = (1 − f_b)(k_X + k_d).
  const double a = (1.0 - d.fb) * (d.kX + d.kd), T = 0.5 * kYear;
  EXPECT_NEAR((month6 - day5) / at5[0], a / (a + d.kX) * (1.0 - std::exp(-(a + d.kX) * T)), 2e-3);
}

TEST(BisphosphonatePk, RisedronateLeavesBoneSurfacesInWeeks) {
  // Actonel label: 85 % of an IV dose recovered in urine over 28 days (mean terminal half-life 561 h). k_d is solved
  // from the half-life; with it the model recovers 77.5 %, below the label (both cannot hold in this structure).
  const double day28 = single_dose(drug("ris"), 28.0, 2800)[2];
  EXPECT_GE(day28, 0.75);
  EXPECT_LE(day28, 0.90);
}

TEST(BisphosphonatePk, DesorptionFollowsTheBoneAffinityRank) {
  // Nancollas GH et al. Bone 2006;38:617: hydroxyapatite affinity zoledronate > alendronate > ibandronate >
  // risedronate (K_L 3.10, 2.65, 2.36, 2.19 ×10⁶/M). Nancollas gives affinities, not desorption rates: that
  // zoledronate's and ibandronate's k_d lie on a line log k_d linear in K_L through alendronate and risedronate is
  // osteon's assumption, asserted here.
  const double z = param("kd_zol"), a = param("kd_aln"), i = param("kd_ibn"), r = param("kd_ris");
  EXPECT_LT(z, a);
  EXPECT_LT(a, i);
  EXPECT_LT(i, r);
  const double slope = (std::log(r) - std::log(a)) / (2.19 - 2.65);
  EXPECT_NEAR(std::log(z), std::log(a) + slope * (3.10 - 2.65), 0.01);
  EXPECT_NEAR(std::log(i), std::log(a) + slope * (2.36 - 2.65), 0.01);
}

TEST(BisphosphonatePk, DeepPoolGivesATerminalHalfLifeOfYears) {
  // Once the fast mode has gone, bone drug decays at the slow eigenvalue of the linear system
  //   dX = −α X + f_b ν B,  dB = β X − ν B,  α = (1 − f_b)(k_X r + k_d) + k_X f,  β = k_X f,  ν = ν_B r:
  //   λ_slow = ((α + ν) − sqrt((α − ν)² + 4 f_b β ν))/2.
  // Alendronate: terminal half-life > 10 y (Khan 1997; Fosamax label).
  for (const char* s : {"zol", "aln", "ris", "ibn"}) {
    const Drug d = drug(s);
    const State y15 = single_dose(d, 15.0 * kYear, 30000), y25 = single_dose(d, 25.0 * kYear, 50000);
    const double measured = std::log((y15[0] + y15[1]) / (y25[0] + y25[1])) / (10.0 * kYear);
    const double alpha = (1.0 - d.fb) * (d.kX * d.r + d.kd) + d.kX * d.f, beta = d.kX * d.f, nu = d.nuB * d.r;
    const double slow = 0.5 * ((alpha + nu) - std::sqrt((alpha - nu) * (alpha - nu) + 4.0 * d.fb * beta * nu));
    EXPECT_NEAR(measured / slow, 1.0, 0.02) << s;
    if (std::string(s) == "aln") {
      EXPECT_GT(std::log(2.0) / slow / kYear, 10.0);
    }
  }
}

TEST(BisphosphonatePk, ConstantDeliveryClosedFormMatchesWeeklyDosesIntegrated) {
  // surface_after_constant_delivery is X = J/λ(1 − e^(−λt)) without the deep pool's return. Alendronate 70 mg weekly
  // integrated dose by dose (RK4, the buried drug returning), averaged over the last week of the year (the weekly
  // ripple averages out), must agree with it within the small return from the deep pool (< 3 %).
  const Drug d = drug("aln");
  const double per_dose = bp::bound_amount(70.0, param("F_aln"), d.fb, param("M_aln"));
  const auto rhs = [&](const State& s) { return derivative(d, s); };
  State y{0.0, 0.0, 0.0};
  double mean = 0.0;
  for (int week = 0; week < 52; ++week) {
    y[0] += per_dose;
    for (int step = 0; step < 70; ++step) {
      const State next = rk4<3>(rhs, y, 0.1, 1);
      if (week == 51) mean += 0.5 * (y[0] + next[0]) / 70.0;  // trapezoid over the last week
      y = next;
    }
  }
  const double closed = bp::surface_after_constant_delivery(per_dose / 7.0, 51.5 * 7.0, d.r, d.f, d.kX, d.kd, d.fb);
  EXPECT_NEAR(mean / closed, 1.0, 0.03);
  EXPECT_GT(mean / closed, 1.0);  // the deep pool returns drug, the closed form neglects it
}

TEST(BisphosphonatePk, IbandronatePotencyMakesTheMotionRegimensEquivalent) {
  // MOTION (Miller PD et al. Curr Med Res Opin 2008;24:207): ibandronate 150 mg monthly was non-inferior to
  // alendronate 70 mg weekly at 12 months (lumbar spine +5.1 vs +5.8 %, total hip +2.9 vs +3.0 %). The ibandronate
  // potency is set so that both regimens give the same potency-weighted surface exposure π·X after one year at the
  // reference turnover (r = f = 1); asserted against the model's defaults so that a change of the PK constants
  // without the potency fails here.
  const Drug a = drug("aln"), i = drug("ibn");
  const double aln = bp::bound_amount(70.0, param("F_aln"), a.fb, param("M_aln")) / 7.0;
  const double ibn = bp::bound_amount(150.0, param("F_ibn"), i.fb, param("M_ibn")) * 12.0 / kYear;
  const double X_aln = bp::surface_after_constant_delivery(aln, kYear, 1.0, 1.0, a.kX, a.kd, a.fb);
  const double X_ibn = bp::surface_after_constant_delivery(ibn, kYear, 1.0, 1.0, i.kX, i.kd, i.fb);
  EXPECT_NEAR(param("pot_ibn") * X_ibn / (param("pot_aln") * X_aln), 1.0, 0.01);
  // Kavanagh KL et al. Proc Natl Acad Sci USA 2006;103:7829 Table 1: the FPPS IC50 ratios to zoledronate bound the
  // potency at 0.16 (final) to 0.48 (initial); the clinical equivalence puts it at the top (within 10 %).
  EXPECT_LT(param("pot_ibn"), 1.1 * 475.0 / 1000.0);
  EXPECT_GT(param("pot_ibn"), 4.1 / 25.0);
  // Risedronate 35 mg weekly (FPPS potency, not set from a trial) gives about the exposure of alendronate 70 mg
  // weekly as well: FACT found alendronate somewhat stronger (Rosen CJ et al. J Bone Miner Res 2005;20:141).
  const Drug r = drug("ris");
  const double ris = bp::bound_amount(35.0, param("F_ris"), r.fb, param("M_ris")) / 7.0;
  const double X_ris = bp::surface_after_constant_delivery(ris, kYear, 1.0, 1.0, r.kX, r.kd, r.fb);
  const double ris_vs_aln = param("pot_ris") * X_ris / (param("pot_aln") * X_aln);
  EXPECT_GT(ris_vs_aln, 0.8);
  EXPECT_LE(ris_vs_aln, 1.0);
}

TEST(BisphosphonatePk, EffectIsNeutralWithoutDrugAndSaturates) {
  const auto none = bp::effects(bp::inhibition(0.0, 0.5), 3.0, 0.5, 0.3);
  EXPECT_EQ(none.apoptosis, 1.0);
  EXPECT_EQ(none.recruitment, 1.0);
  EXPECT_EQ(none.depth, 1.0);
  EXPECT_DOUBLE_EQ(bp::inhibition(0.5, 0.5), 0.5);
  const auto full = bp::effects(bp::inhibition(1e12, 0.5), 3.0, 0.5, 0.3);
  EXPECT_NEAR(full.apoptosis, 4.0, 1e-9);
  EXPECT_NEAR(full.recruitment, 0.5, 1e-9);
  EXPECT_NEAR(full.depth, 0.7, 1e-9);
}

}  // namespace
