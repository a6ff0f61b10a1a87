// Romosozumab (anti-sclerostin antibody) after subcutaneous injection, and the
// sclerostin it leaves free (integrated model).
//
// PK: first-order absorption from a subcutaneous depot into one central
// compartment with saturable (target-mediated, Michaelis-Menten) plus linear
// elimination, the structure of the denosumab PK (denosumab_pk.hpp, whose
// rates it reuses): romosozumab is cleared by a fast saturable path through
// its complex with sclerostin and a slow non-specific one (EVENITY SmPC 5.2;
// Swiss Fachinformation):
//   dA_sc/dt = −k_a·A_sc
//   dC/dt    = k_a·A_sc/(V/F) − V_max/(V/F)·C/(K_m + C) − k_el·C      (C in ng/mL)
// The constants were fitted (scripts/romosozumab-pk in docs/models/integrated.md)
// to the label's single 210 mg dose in healthy volunteers with F = 0.81:
// C_max 22.2 ± 5.8 µg/mL, t_max 5 d (2-7 d), AUC 389 ± 127 µg·d/mL and an
// effective half-life of 12.8 d after the peak.
//
// Effect: the antibody binds sclerostin; the fraction left free to act on the
// osteoblast lineage (Wnt, osteoblast apoptosis, osteocytic RANKL:
// mechanostat.hpp) is EC50/(EC50 + C), with EC50 the serum concentration of
// half neutralisation in bone (fitted to FRAME, Cosman F et al. N Engl J Med
// 2016;375:1532).
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::romosozumab_pk {

// Free sclerostin over total at serum concentration C (ng/mL).
template <class T>
T free_fraction(const T& C, const T& EC50) {
  return EC50 / (EC50 + C);
}

}  // namespace osteon::modules::romosozumab_pk
