// Mineralisation of newly formed bone as ODEs on one bone compartment
// (integrated model). The law is that of Martínez-Reina & Pivonka 2019 (Bone
// 125:87) — a lag without mineral, a fast primary phase to v_prim, then a
// secondary phase approaching v_max exponentially at rate κ — written for
// compartment totals instead of their queue of daily patches:
//
//   dV/dt = F − R                                          bone matrix (osteoid + mineralised)
//   dO/dt = F − O/t_o                                      osteoid awaiting mineralisation
//   dM/dt = v_prim·O/t_o + κ·(v_max·(V − O) − M) − R·M/(V − O)
//
// F and R are the volumes formed and resorbed per day (same unit as V). M is
// the mineral volume (mineral volume fraction times matrix volume). Each
// patch of mineralised matrix obeys dv/dt = κ(v_max − v); summing over
// patches gives the κ term exactly. Two approximations replace the queue:
// osteoid leaves the lag as an exponential with mean t_o = t_lag + t_prim/2
// (the queue has a fixed lag t_lag = 12 d and a linear primary ramp of
// t_prim = 10 d), entering with the primary content v_prim; and resorption
// removes mineralised matrix of average content (the queue removes from every
// patch older than the lag in proportion to its volume, i.e. the same).
//
// At steady turnover (F = R = ν·V) the mean mineral content of mineralised
// matrix is
//   v̄* = (v_prim·ν' + κ·v_max)/(κ + ν'),   ν' = ν·V/(V − O*),  O* = ν·V·t_o
// so higher turnover means younger, less mineralised bone; suppressing
// turnover lets secondary mineralisation raise v̄ towards v_max. DXA BMD is
// proportional to the mineral mass, i.e. to M.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::mineralisation {

template <class T>
void rates(const T& V, const T& O, const T& M, const T& formation, const T& resorption, const T& t_o,
           const T& v_prim, const T& v_max, const T& kappa, T& dV, T& dO, T& dM) {
  const T mineralised = V - O;
  const T maturing = O / t_o;
  dV = formation - resorption;
  dO = formation - maturing;
  dM = v_prim * maturing + kappa * (v_max * mineralised - M) - resorption * M / mineralised;
}

// Mean mineral volume fraction of the mineralised matrix, M/(V − O).
template <class T>
T mean_content(const T& V, const T& O, const T& M) {
  return M / (V - O);
}

// Ash fraction (mineral mass over dry mass) for mineral content v and organic
// volume fraction v_o, densities ρ_m (mineral) and ρ_o (organic), as in
// Martínez-Reina & Pivonka 2019.
template <class T>
T ash_fraction(const T& v, const T& rho_m, const T& rho_o, const T& v_o) {
  return rho_m * v / (rho_m * v + rho_o * v_o);
}

// Steady state of one compartment at turnover ν (1/d, resorbed volume per
// matrix volume and day) and matrix volume V (double only).
struct Steady {
  double V, O, M, content;
};
inline Steady steady_state(double V, double nu, double t_o, double v_prim, double v_max, double kappa) {
  Steady s{};
  s.V = V;
  s.O = nu * V * t_o;
  const double nu_mineralised = nu * V / (V - s.O);
  s.content = (v_prim * nu_mineralised + kappa * v_max) / (kappa + nu_mineralised);
  s.M = s.content * (V - s.O);
  return s;
}

}  // namespace osteon::modules::mineralisation
