// Mechanoregulation of bone cells by the strain energy density (SED) of the
// bone matrix, Scheiner S, Pivonka P, Hellmich C. Coupling systems biology with
// multiscale mechanics, for computer simulations of bone remodeling. CMAME
// 2013;254:181-196, Eqs. 5 and 16. Both branches are functions of the ratio
// r = ψ/ψ* of the current SED to its habitual value:
//
//   anabolic  (r > 1): Π_act,OBp^mech = min(1, Π*·[1 + λ·(r − 1)]), else Π*
//   catabolic (r < 1): P_RANKL^mech  = κ·(1 − r),                   else 0
//
// Π_act,OBp^mech multiplies the proliferation of osteoblast precursors;
// P_RANKL^mech is extra RANKL production (pM/d) added to β_RANKL.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::mechanical_feedback {

template <class T>
T anabolic(const T& sed_ratio, const T& Pi_star, const T& lambda) {
  const T one = math::constant(sed_ratio, 1.0);
  const T raised = math::min(one, T(Pi_star * (1.0 + lambda * (sed_ratio - 1.0))));
  return math::select(sed_ratio > one, raised, Pi_star);
}

template <class T>
T catabolic(const T& sed_ratio, const T& kappa) {
  const T one = math::constant(sed_ratio, 1.0);
  const T zero = math::constant(sed_ratio, 0.0);
  return math::select(sed_ratio < one, T(kappa * (1.0 - sed_ratio)), zero);
}

}  // namespace osteon::modules::mechanical_feedback
