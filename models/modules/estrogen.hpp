// Estrogen: the relative serum estradiol level of a woman, E(t) (1 = the
// premenopausal cycle average), through the menopausal transition and under
// aromatase inhibitors, and the deficiency signal through which estrogen acts
// on bone cells. Used by the integrated model (docs/models/integrated.md).
//
//   natural level   E_nat(a) = E_post + (1 − E_post)·[1 − σ((a − a_m)/w)],  σ(x) = 1/(1 + e^(−x))
//   with therapy    E(a)     = E_nat(a)·(1 − s_AI)
//   deficiency      d(E)     = (1 − E^n)/(1 + (E/K_E)^n)                   (d(1) = 0, d(0) = 1)
//                   d_res with K_E,res, d_form with K_E,form, one exponent n
//
// a is the age (y), a_m the age at the final menstrual period (FMP), w the
// width of the transition and E_post the postmenopausal residual. The
// logistic is centred on the FMP because serum E2 falls fastest there and its
// decline starts about 2 y before and ends about 2 y after the FMP (SWAN:
// Randolph JF et al., J Clin Endocrinol Metab 2011;96:746-754; 2.03 y before
// to 2.17 y after); with w = 0.7 y, 95 % of the fall lies within FMP ± 2.1 y.
// s_AI is the fractional suppression of the residual estradiol by an
// aromatase inhibitor (anastrozole 89.9 %, letrozole 94.1 %: Dixon JM et al.,
// J Clin Oncol 2008;26:1671; exemestane 92.2 %: Geisler J et al., Clin Cancer
// Res 1998;4:2089).
//
// d(E) is a saturating (Hill) repression by estradiol, 1/(1 + (E/K_E)^n),
// rescaled to run from 0 at the premenopausal level to 1 at none: a logistic
// in log estradiol with midpoint ln K_E and slope n (two parameters), so one
// law sets both the effect of natural menopause (E: 1 -> E_post, a factor ~13)
// and the increment of an aromatase inhibitor (E_post -> 0.06-0.1 E_post, a
// further factor ~10 on the log scale): K_E and n set how much of the effect
// the small residual carries. With n = 1 it is K_E(1 − E)/(K_E + E). Two such signals with their own K_E:
// estrogen restrains resorption down to low concentrations, while its
// support of formation needs higher ones (Khosla S, Melton LJ, Riggs BL. J
// Bone Miner Res 2011;26:441, and the studies reviewed there), so the
// resorption-side effects follow d_res (small K) and the formation-side
// effects d_form (larger K). Every effect on the cells is
// "multiplier = 1 ± c·d" (see effects()): extra RANKL production, less OPG,
// longer-lived osteoclasts that each resorb more (deeper cavities) and more
// osteocyte sclerostin (the human sign: estradiol lowers serum sclerostin,
// Mödder UI et al. J Bone Miner Res 2011;26:27) — all d_res —, shorter-lived
// osteoblasts and a less sensitive mechanostat — d_form.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::estrogen {

inline constexpr double days_per_year = 365.25;

// E_nat at age a (years).
template <class T>
T natural_level(const T& age, const T& menopause_age, const T& E_post, const T& width) {
  const T x = (age - menopause_age) / width;
  const T after = 1.0 / (1.0 + math::exp(T(-x)));
  return E_post + (1.0 - E_post) * (1.0 - after);
}

// E(t) at time t (days since scenario start) for a patient of age age0 (y)
// at t = 0, with aromatase-inhibitor suppression s_AI in [0, 1).
template <class T>
T level(const T& t, const T& age0, const T& menopause_age, const T& E_post, const T& width, const T& s_AI) {
  const T age = age0 + t * (1.0 / days_per_year);
  return natural_level(age, menopause_age, E_post, width) * (1.0 - s_AI);
}

// d(E) = K_E(1 − E)/(K_E + E) (n = 1).
template <class T>
T deficiency(const T& E, const T& K_E) {
  return K_E * (1.0 - E) / (K_E + E);
}

// d(E) = (1 − E^n)/(1 + (E/K_E)^n) = (s(E) − s(1))/(1 − s(1)),  s(E) = 1/(1 + (E/K_E)^n).
template <class T>
T deficiency(const T& E, const T& K_E, const T& n) {
  return (1.0 - math::pow(E, n)) / (1.0 + math::pow(T(E / K_E), n));
}

// Multipliers that estrogen deficiency applies to the bone cells, all 1 at
// d = 0. Magnitudes c_* are the fractional change at complete deficiency.
template <class T>
struct Effects {
  T extra_RANKL;          // P_RANKL^E = P_E·d                       (pM/d, added to RANKL production)
  T opg_production;       // 1 − c_OPG·d                             (OPG production by osteoblasts)
  T osteoclast_death;     // 1 − c_OC·d                              (osteoclast apoptosis rate)
  T osteoblast_death;     // 1 + c_OB·d                              (active osteoblast apoptosis rate)
  T mechanosensitivity;   // 1 − c_mech·d                            (gain of the mechanostat)
  T resorption_activity;  // 1 + c_res·d                            (bone resorbed per osteoclast)
  T sclerostin;           // 1 + c_Scl·d                             (osteocyte sclerostin at a given stimulus)
};

template <class T>
Effects<T> effects(const T& d_res, const T& d_form, const T& P_E, const T& c_OPG, const T& c_OC, const T& c_res,
                   const T& c_OB, const T& c_mech, const T& c_Scl) {
  Effects<T> e;
  e.extra_RANKL = P_E * d_res;
  e.opg_production = 1.0 - c_OPG * d_res;
  e.osteoclast_death = 1.0 - c_OC * d_res;
  e.resorption_activity = 1.0 + c_res * d_res;
  e.osteoblast_death = 1.0 + c_OB * d_form;
  e.mechanosensitivity = 1.0 - c_mech * d_form;
  e.sclerostin = 1.0 + c_Scl * d_res;
  return e;
}

}  // namespace osteon::modules::estrogen
