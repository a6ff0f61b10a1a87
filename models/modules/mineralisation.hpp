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
//
// Slow secondary phase (rates_two_phase, steady_state_two_phase): human
// matrix keeps mineralising for years after the fast secondary phase
// (Boivin G et al. Bone 2000;27:687: the mean degree of mineralisation of
// iliac bone rose by ~11 % after 3 y and kept rising after 2 y of
// alendronate; Akkus O et al. J Bone Miner Res 2003;18:1012). Each patch then
// follows v(t) = v_prim + (v_max − v_s − v_prim)(1 − e^(−κt)) + v_s(1 − e^(−κ_s t)),
// a fast phase (κ) to v_max − v_s and a slow one (κ_s ≪ κ) for the last v_s.
// Summed over patches, with S the mineral laid down by the slow phase:
//
//   dM/dt = v_prim·O/t_o + κ·((v_max − v_s)·W − (M − S)) + κ_s·(v_s·W − S) − R·M/W
//   dS/dt = κ_s·(v_s·W − S) − R·S/W,                         W = V − O
//
// With v_s = 0 (and S = 0) it is the single-phase law above. Steady state at
// removal rate ν' (per mineralised matrix):
//   v̄* = (v_prim·ν' + κ·(v_max − v_s))/(κ + ν') + κ_s·v_s/(κ_s + ν')
// and when turnover stops the slow part approaches v_s with time constant 1/κ_s.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::mineralisation {

template <class T>
void rates(const T& V, const T& O, const T& M, const T& formation, const T& resorption, const T& t_o, const T& v_prim,
           const T& v_max, const T& kappa, T& dV, T& dO, T& dM) {
  const T mineralised = V - O;
  const T maturing = O / t_o;
  dV = formation - resorption;
  dO = formation - maturing;
  dM = v_prim * maturing + kappa * (v_max * mineralised - M) - resorption * M / mineralised;
}

// The same with the slow secondary phase (v_s, κ_s) and its mineral S.
template <class T>
void rates_two_phase(const T& V, const T& O, const T& M, const T& S, const T& formation, const T& resorption,
                     const T& t_o, const T& v_prim, const T& v_max, const T& kappa, const T& v_s, const T& kappa_s,
                     T& dV, T& dO, T& dM, T& dS) {
  const T mineralised = V - O;
  const T maturing = O / t_o;
  const T removal = resorption / mineralised;
  const T slow = kappa_s * (v_s * mineralised - S);
  dV = formation - resorption;
  dO = formation - maturing;
  dM = v_prim * maturing + kappa * ((v_max - v_s) * mineralised - (M - S)) + slow - removal * M;
  dS = slow - removal * S;
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

// Steady state with the slow phase: resorption R = ν·V, formation ν·V (the
// space refilled at balance 1), and S the slow phase's mineral.
struct SteadyTwoPhase {
  double V, O, M, S, content;
};
inline SteadyTwoPhase steady_state_two_phase(double V, double nu, double t_o, double v_prim, double v_max, double kappa,
                                             double v_s, double kappa_s) {
  SteadyTwoPhase s{};
  s.V = V;
  s.O = nu * V * t_o;
  const double W = V - s.O;
  const double nu_mineralised = nu * V / W;
  const double fast = (v_prim * nu_mineralised + kappa * (v_max - v_s)) / (kappa + nu_mineralised);
  const double slow = kappa_s * v_s / (kappa_s + nu_mineralised);
  s.content = fast + slow;
  s.S = slow * W;
  s.M = s.content * W;
  return s;
}

}  // namespace osteon::modules::mineralisation
