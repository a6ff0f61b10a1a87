// Extra RANKL production after menopause (postmenopausal osteoporosis, PMO),
// Martínez-Reina J, Pivonka P. Effects of long-term treatment of denosumab on
// bone mineral density: insights from an in-silico model of bone mineralization.
// Bone 2019;125:87-95:
//
//   P_RANKL^PMO(t) = P_ini·ξ²/(ξ² + ((t − t0)/τ)²)   after the onset t0, 0 before,
//
// a slow decay from P_ini (half of it at t − t0 = ξ·τ) that models the waning
// of the estrogen-deficiency effect with time since menopause.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::pmo_rankl {

// The law as a function of the time elapsed since onset (≥ 0), in pM/d.
template <class T>
T law(const T& elapsed, const T& P_ini, const T& xi, const T& tau) {
  const T x = elapsed / tau;
  return P_ini * (xi * xi) / (xi * xi + x * x);
}

// P_RANKL^PMO at time t for onset t0: zero up to and including t0, so that a
// steady state evaluated at the onset is the premenopausal one; the value just
// after the onset is P_ini.
template <class T>
T production(const T& t, const T& t0, const T& P_ini, const T& xi, const T& tau) {
  const T zero = math::constant(t, 0.0);
  return math::select(t > t0, law(T(t - t0), P_ini, xi, tau), zero);
}

}  // namespace osteon::modules::pmo_rankl
