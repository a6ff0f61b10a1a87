// Mechanical loading of the skeleton relative to the habitual loading of a
// young adult (integrated model): exercise regimens and the age-related
// decline of habitual loading.
//
//   L(t) = L_hab(age)·(1 + (X(t) − 1)·(1 − Λ(t))),   X = 1 + Σ_regimens ΔL_i(t)
//
// Exercise. A regimen of type k done x times (or minutes) per week with
// adherence h adds, while it lasts,
//   ΔL = e_k·h·2x/(x + x_ref)
// i.e. e_k at the reference amount x_ref (3 sessions/wk for the resistance
// and impact types, 150 min/wk for walking and aerobic exercise), twice that
// at most: bone responds to peak strain magnitude and rate and saturates
// after few loading cycles, so more of the same session adds less (Turner CH,
// Robling AG, Exerc Sport Sci Rev 2003;31:45, "three rules": dynamic loads,
// short bouts, diminishing returns). Types differ by the peak strains they
// cause relative to daily habitual activity (walking, ~1-1.5 body weights):
// aerobic (cycling, swimming, low-impact classes) and walking repeat habitual
// strains and add little; high-force resistance training and impact (jumping,
// 3-5 body weights at high rates) add most, and combining them adds both
// (Howe TE et al., Cochrane Database Syst Rev 2011;CD000333.pub2: the largest
// spine effect for combined programs). The values e_k are parameters of the
// model (see docs/models/integrated.md for which were fitted).
//
// Accommodation. Bone cells accommodate to a customary loading routine and
// respond less to it (Turner CH, Bone 1998;23:399, rule 3; cellular
// accommodation of the set point, Turner CH, Bone 1999;24:399; Schriefer JL et
// al., J Biomech 2005;38:1838): the fraction Λ of the exercise increment the
// cells have accommodated to rises over τ_acc to 1 − ρ while a routine lasts,
// leaving the fraction ρ as a lasting stimulus, and returns to 0 over τ_acc
// when it stops:
//   dΛ/dt = (Λ_∞ − Λ)/τ_acc,   Λ_∞ = 1 − ρ while X ≠ 1, 0 without exercise,
// and scales the increment only (effective 1 + (X − 1)(1 − Λ)), so stopping
// a program returns the load to the habitual one: the bone gained then decays
// toward the untrained course through the mechanostat, without the disuse
// undershoot of an accommodated load subtracted from it (the form before
// issue 14: 1 + ΣΔL − Λ_load).
//
// Habitual loading declines with age as muscle force falls (after about 50 y;
// Frost's muscle-bone unit: bone strains are set mostly by muscle forces),
// by a relative amount g per year (muscle strength falls ~1-1.5 %/y after
// 50: Keller K, Engelhardt M, Muscles Ligaments Tendons J 2013;3:346):
//   L_hab(a) = exp(−g·τ(a)),  τ(a) = w·ln(1 + e^((a − a_0)/w))
// τ is the years past a_0, smoothed over the width w (a softplus ramp).
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::exercise_loading {

// τ(a) = w·ln(1 + e^((a − a_0)/w)): years past a_0, smooth at a_0 (→ a − a_0 well after it, → 0 well before).
template <class T>
T years_past(const T& age, const T& onset_age, const T& width) {
  const T x = (age - onset_age) / width;
  // softplus, written to stay finite for large x: ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|)
  const T zero = math::constant(x, 0.0);
  return width * (math::max(x, zero) + math::log(T(1.0 + math::exp(T(-math::abs(x))))));
}

template <class T>
T habitual_load(const T& age, const T& decline_per_year, const T& onset_age, const T& width) {
  return math::exp(T(-decline_per_year * years_past(age, onset_age, width)));
}

// 1 + (X − 1)(1 − Λ): the exercise load X (1 + ΣΔL) with the accommodated fraction Λ of its increment removed.
template <class T>
T effective_load(const T& exercise_load, const T& accommodated) {
  return 1.0 + (exercise_load - 1.0) * (1.0 - accommodated);
}

// Λ_∞: 1 − ρ while an exercise load is on (X ≠ 1), 0 without.
template <class T>
T accommodation_target(const T& exercise_load, const T& retained) {
  const T zero = math::constant(exercise_load, 0.0);
  return math::select(math::abs(T(exercise_load - 1.0)) > 1e-12, T(1.0 - retained), zero);
}

// dΛ/dt for exercise load X (1 + ΣΔL).
template <class T>
T accommodation_rate(const T& accommodated, const T& exercise_load, const T& retained, const T& tau) {
  return (accommodation_target(exercise_load, retained) - accommodated) / tau;
}

// 2x/(x + x_ref): 1 at the reference amount, saturating at 2.
inline double amount_factor(double amount, double reference) { return 2.0 * amount / (amount + reference); }

// ΔL of one regimen.
inline double load_increment(double effectiveness, double amount, double reference, double adherence) {
  return effectiveness * adherence * amount_factor(amount, reference);
}

}  // namespace osteon::modules::exercise_loading
