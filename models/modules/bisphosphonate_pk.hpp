// Bisphosphonate pharmacokinetics with bone binding, and their effect on
// osteoclasts (integrated model). One pair of states per drug: X, the drug
// bound to bone surfaces that osteoclasts can reach, and B, the drug buried
// under new bone; amounts in µmol.
//
// Plasma is quasi-steady. Bisphosphonates leave plasma within hours (half-
// lives of 1-2 h for the distribution phases, e.g. zoledronic acid 0.24 h and
// 1.87 h, Zometa label), either into bone or into urine, so each absorbed or
// released amount is partitioned at once: a fraction f_b binds to bone, the
// rest is excreted. This keeps the hours-scale plasma kinetics out of the
// right-hand side (no stiffness for the explicit integrator) at the cost of
// the plasma profile itself, which the model does not report.
//
//   dose D (mg) at t:   X += F·f_b·D/M·1000                       (F: oral bioavailability, 1 for IV)
//   dX/dt = −k_X·r·(1 − f_b)·X − k_X·f·X + f_b·ν_B·r·B
//   dB/dt =  k_X·f·X − ν_B·r·B
//
// r and f are the osteoclast and osteoblast activities relative to the
// premenopausal reference: surface drug is taken up when osteoclasts resorb
// the surface it sits on (the released drug re-binds with fraction f_b) and is
// buried when osteoblasts cover the surface with new bone; buried drug comes
// back only when that bone is itself resorbed, at the whole-skeleton turnover
// ν_B (the model weights its cortical and trabecular turnover by mass). This is what gives bisphosphonates their years-long terminal half-life
// (alendronate: > 10 years, Fosamax label) and lets their effect outlast the
// last dose. k_X is the rate at which bone surfaces are remodelled (the
// activation frequency).
//
// The drugs differ by molar mass, oral bioavailability, the bone-retained
// fraction f_b (a consequence of their affinity for bone mineral: Nancollas GH
// et al., Bone 2006;38:617, rank zoledronate > alendronate > ibandronate >
// risedronate) and potency on osteoclasts (FPPS inhibition: Dunford JE et al.,
// J Pharmacol Exp Ther 2001;296:235, rank zoledronate > risedronate >
// ibandronate > alendronate). The constants are parameters of the model.
//
// Effect: surface drug raises osteoclast apoptosis (N-bisphosphonates
// inhibit farnesyl diphosphate synthase in the osteoclasts that take them up):
//   A_OCa × (1 + E_max·X_eq/(X_eq + EC50)),   X_eq = Σ_d potency_d·X_d
// (potency relative to zoledronic acid, per µmol).
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::bisphosphonate_pk {

// µmol reaching bone surfaces from a dose of `dose_mg`.
inline double bound_amount(double dose_mg, double bioavailability, double bone_fraction, double molar_mass) {
  return dose_mg * bioavailability * bone_fraction / molar_mass * 1000.0;
}

template <class T>
void rates(const T& X, const T& B, const T& resorption, const T& formation, const T& k_X, const T& nu_B,
           const T& bone_fraction, T& dX, T& dB) {
  const T uptake = k_X * resorption * X;
  const T burial = k_X * formation * X;
  const T release = nu_B * resorption * B;
  dX = -(1.0 - bone_fraction) * uptake - burial + bone_fraction * release;
  dB = burial - release;
}

// Multiplier of the osteoclast apoptosis rate.
template <class T>
T apoptosis_factor(const T& X_eq, const T& E_max, const T& EC50) {
  return 1.0 + E_max * X_eq / (X_eq + EC50);
}

}  // namespace osteon::modules::bisphosphonate_pk
