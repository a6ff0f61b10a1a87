// Bisphosphonate pharmacokinetics in three compartments and their effect on
// osteoclasts (integrated model), after the alendronate PK-PD model of
// Calvo-Gallego JL, Pivonka P, Ruiz-Lozano R, Martínez-Reina J (Front Bioeng
// Biotechnol 2022;10:940620), who found that at least three compartments
// (plasma, bone surface, deep bone) are needed to follow alendronate both in
// the first months and over years. Per drug, amounts in µmol:
//
//   plasma (central)  P: absorbed dose, drug coming back from bone
//   surface           X: bound to bone mineral that osteoclasts can reach
//   deep              B: buried under new bone, back only when that bone is resorbed
//
// Plasma. Bisphosphonates leave plasma within hours (zoledronic acid: half-
// lives 0.24 h and 1.87 h, Zometa label), into bone (clearance CL_b) or urine
// (renal clearance CL_R), so the central compartment is solved at quasi-steady
// state: whatever enters plasma is partitioned at once, the fraction
// f_b = CL_b/(CL_b + CL_R) to bone surfaces and 1 − f_b to urine. This keeps
// the hours-scale plasma kinetics out of the right-hand side (no stiffness for
// the explicit integrator); tests/models/bisphosphonate_pk_test.cpp checks it
// against the compartment solved explicitly.
//
//   dose D (mg):  to plasma F·D/M·1000 µmol   (F: oral bioavailability; 1 intravenous)
//   into plasma   J_P = k_X·r·X + k_d·X + ν_B·r·B
//   dX/dt = f_b·J_P − k_X·r·X − k_d·X − k_X·f·X
//   dB/dt = k_X·f·X − ν_B·r·B
//   urine  dU/dt = (1 − f_b)·J_P  (and (1 − f_b) of every dose)
//
// r and f are resorption and formation relative to the premenopausal
// reference. Osteoclasts take up the drug of the surface they resorb (k_X·r·X,
// k_X the rate at which the reference remodels bone surfaces) and release it
// to plasma; osteoblasts bury surface drug under new bone (k_X·f·X); buried
// drug returns when that bone is resorbed, at the whole-skeleton turnover ν_B.
// Surface drug also desorbs from the mineral (k_d), the weeks-to-months phase
// of urinary excretion: what each drug's affinity for bone mineral sets
// (Nancollas GH et al. Bone 2006;38:617: zoledronate > alendronate >
// ibandronate > risedronate; Russell RGG et al. Osteoporos Int 2008;19:733).
// The deep pool gives the terminal half-life of years (alendronate > 10 y:
// Khan SA et al. J Bone Miner Res 1997;12:1700) and lets the effect outlast
// the last dose.
//
// Effect. The drug acts in the osteoclasts that take it up: exposure per
// osteoclast is the drug they release per cell, i.e. the surface amount times
// the bone each osteoclast resorbs (its activity a relative to the reference),
// summed over drugs with their potency on the target enzyme (farnesyl
// diphosphate synthase, FPPS; potency per µmol relative to zoledronic acid; ibandronate's is set from the
// head-to-head MOTION trial with surface_after_constant_delivery below):
//   c = a·Σ_d π_d·X_d,   I = c/(c + EC50)
// It raises osteoclast apoptosis, lowers their recruitment from precursors and
// the depth each resorbs (Russell 2008: N-bisphosphonates inhibit FPPS and so
// the prenylation that osteoclast formation, function and survival need):
//   A_OCa × (1 + E_max·I),   OCp→OCa × (1 − ρ_rec·I),   resorption × (1 − ρ_depth·I)
#pragma once

#include <cmath>

#include "numerics/math.hpp"

namespace osteon::modules::bisphosphonate_pk {

// µmol entering plasma from a dose of `dose_mg`.
inline double absorbed_amount(double dose_mg, double bioavailability, double molar_mass) {
  return dose_mg * bioavailability / molar_mass * 1000.0;
}

// µmol reaching bone surfaces from a dose (the plasma partition).
inline double bound_amount(double dose_mg, double bioavailability, double bone_fraction, double molar_mass) {
  return absorbed_amount(dose_mg, bioavailability, molar_mass) * bone_fraction;
}

// Drug entering plasma from bone (µmol/d): resorbed surface, desorbed, and resorbed deep bone.
template <class T>
T into_plasma(const T& X, const T& B, const T& resorption, const T& k_X, const T& k_d, const T& nu_B) {
  return (k_X * resorption + k_d) * X + nu_B * resorption * B;
}

template <class T>
void rates(const T& X, const T& B, const T& resorption, const T& formation, const T& k_X, const T& k_d, const T& nu_B,
           const T& bone_fraction, T& dX, T& dB) {
  const T burial = k_X * formation * X;
  const T release = nu_B * resorption * B;
  const T to_plasma = into_plasma(X, B, resorption, k_X, k_d, nu_B);
  dX = bone_fraction * to_plasma - (k_X * resorption + k_d) * X - burial;
  dB = burial - release;
}

// Urinary excretion (µmol/d) of what bone returns to plasma.
template <class T>
T urinary_rate(const T& X, const T& B, const T& resorption, const T& k_X, const T& k_d, const T& nu_B,
               const T& bone_fraction) {
  return (1.0 - bone_fraction) * into_plasma(X, B, resorption, k_X, k_d, nu_B);
}

// Surface drug (µmol) after `days` of constant delivery `delivery` (µmol/d reaching bone surfaces) at constant
// relative turnover (resorption, formation), before buried drug returns: X = J/λ·(1 − e^(−λt)),
// λ = (1 − f_b)(k_X·r + k_d) + k_X·f (what leaves the surface for good: urine and burial). Weekly or monthly
// doses average to it (the system is linear in X). Used to set the potencies of the oral drugs from the doses
// that head-to-head trials found equivalent (docs/models/integrated.md, Bisphosphonates).
inline double surface_after_constant_delivery(double delivery, double days, double resorption, double formation,
                                              double k_X, double k_d, double bone_fraction) {
  const double lambda = (1.0 - bone_fraction) * (k_X * resorption + k_d) + k_X * formation;
  return delivery / lambda * (1.0 - std::exp(-lambda * days));
}

// Fraction of the maximal effect at exposure c (zoledronic-acid-equivalent µmol).
template <class T>
T inhibition(const T& c, const T& EC50) {
  return c / (c + EC50);
}

template <class T>
struct Effects {
  T apoptosis;    // multiplies osteoclast apoptosis
  T recruitment;  // multiplies osteoclast differentiation from precursors
  T depth;        // multiplies the bone each osteoclast resorbs
};

template <class T>
Effects<T> effects(const T& I, const T& E_max, const T& rho_rec, const T& rho_depth) {
  return {1.0 + E_max * I, 1.0 - rho_rec * I, 1.0 - rho_depth * I};
}

}  // namespace osteon::modules::bisphosphonate_pk
