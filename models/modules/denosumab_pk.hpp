// Denosumab pharmacokinetics after subcutaneous injection, Martínez-Reina J,
// Pivonka P. Bone 2019;125:87-95 (after the population PK of Sutjandra et al.
// 2011): first-order absorption from a subcutaneous depot into a central
// compartment with Michaelis-Menten plus linear elimination.
//
//   dA_sc/dt = −k_a·A_sc                                            (mg)
//   dC/dt    = k_a·A_sc/(V_c/F) − V_max/(V_c/F)·C/(K_m + C) − k_el·C   (ng/mL)
//
// For one dose D at t = 0, A_sc = D·e^(−k_a t) and the input is the paper's
// k_a·D/(V_c/F)·e^(−k_a t). Keeping the depot as a state lets repeated or
// overlapping doses simply add to A_sc. V_c/F is the apparent central volume;
// the paper divides V_max by it as well.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::denosumab_pk {

// Molar mass of denosumab: 149 kDa (IgG2 antibody). The one place it is set.
inline constexpr double molar_mass_g_per_mol = 149000.0;
inline constexpr double ng_per_mg = 1.0e6;

// ng/mL → pM: c·1e-6 g/L / M (g/mol) · 1e12 pM/M.
template <class T>
T ng_per_mL_to_pM(const T& c) {
  return c * (1.0e6 / molar_mass_g_per_mol);
}

// Rates of (A_sc in mg, C in ng/mL). Volumes in mL, V_max in ng/d.
template <class T>
void rates(const T& A_sc, const T& C, const T& k_a, const T& F, const T& V_c, const T& V_max, const T& K_m,
           const T& k_el, T& dA_sc, T& dC) {
  const T apparent_volume = V_c / F;
  dA_sc = -k_a * A_sc;
  dC = k_a * A_sc * ng_per_mg / apparent_volume - V_max / apparent_volume * C / (K_m + C) - k_el * C;
}

}  // namespace osteon::modules::denosumab_pk
