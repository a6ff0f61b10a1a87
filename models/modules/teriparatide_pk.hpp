// Teriparatide (PTH 1-34) 20 µg subcutaneously once daily (integrated model).
//
// PK (FORTEO label): bioavailability F ≈ 95 %, peak at about 30 min, serum
// half-life about 1 h after subcutaneous injection, systemic clearance about
// 62 L/h in women. One compartment with first-order absorption (Bateman):
//   C(τ) = F·D·k_a/(V·(k_a − k))·(e^(−kτ) − e^(−k_a τ)),   k = ln 2/t½,  V = CL/k
// with k_a set so that t_max = ln(k_a/k)/(k_a − k) = 30 min. Each dose is gone
// within hours: on the days-to-years scale of bone the daily therapy acts
// through its daily exposure, so the model takes it as a daily therapy (start,
// stop; dose relative to 20 µg) and never integrates the pulses.
//
// Effects, per unit of x = dose/20 µg while on therapy:
//  - anabolic: intermittent PTH keeps active osteoblasts alive (Jilka RL et al.
//    J Clin Invest 1999;104:439): their apoptosis × 1/(1 + a·x), a fitted to
//    Neer RM et al. N Engl J Med 2001;344:1434;
//  - resorption: the daily-average PTH the injections add, C_avg = F·D/(CL·24 h),
//    raises PTH in the cell core (PTH lowers OPG and raises RANKL), so
//    resorption rises with formation, as serum CTX does on teriparatide.
#pragma once

#include <cmath>

namespace osteon::modules::teriparatide_pk {

// Molar mass of teriparatide (PTH 1-34): 4117.8 g/mol.
inline constexpr double molar_mass_g_per_mol = 4117.8;

// pmol in a dose of `dose_ug` µg.
inline double pmol(double dose_ug) { return dose_ug * 1e-6 / molar_mass_g_per_mol * 1e12; }

// Absorption rate (1/h) with peak time t_max (h) and elimination rate k (1/h):
// the root of ln(k_a/k)/(k_a − k) = t_max with k_a > k (bisection).
inline double absorption_rate(double t_max, double k) {
  double lo = k * (1.0 + 1e-9), hi = 1e3;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    const double tm = std::log(mid / k) / (mid - k);
    (tm > t_max ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Serum concentration (pM) τ hours after one dose (µg) above the endogenous level.
inline double concentration(double tau_h, double dose_ug, double F, double k_a, double k, double V_L) {
  return F * pmol(dose_ug) * k_a / (V_L * (k_a - k)) * (std::exp(-k * tau_h) - std::exp(-k_a * tau_h));
}

// Daily-average serum concentration (pM) of one dose a day: F·D/(CL·24 h).
inline double daily_average(double dose_ug, double F, double CL_L_per_h) {
  return F * pmol(dose_ug) / (CL_L_per_h * 24.0);
}

}  // namespace osteon::modules::teriparatide_pk
