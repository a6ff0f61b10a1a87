// Lemaire V, Tobin FL, Greller LD, Cho CR, Suva LJ. Modeling the interactions
// between osteoblast and osteoclast activities in bone remodeling. J Theor Biol
// 2004;229:293-309. BioModels BIOMD0000000278; Physiome CellML
// lemaire_tobin_greller_cho_suva_2004.
//
// Responding osteoblasts R, active osteoblasts B and active osteoclasts C (pM)
// regulated by TGF-β (π_C), PTH (π_P) and RANKL/OPG (π_L), with external
// inputs of PTH, OPG, RANKL and cells. osteon adds a bone volume BV that the
// cells form and resorb, balanced at the starting steady state.
#pragma once

#include <cmath>
#include <string>

#include "model/model_info.hpp"
#include "model/param_table.hpp"
#include "numerics/math.hpp"

// States and parameters in table order (lemaire2004.cpp checks its tables against these lists at
// compile time).
// clang-format off
#define OSTEON_LEMAIRE2004_STATES(X) \
    X(R) X(B) X(C) X(BV)
#define OSTEON_LEMAIRE2004_PARAMS(X) \
    X(D_R) X(d_B) X(D_C) X(D_A) X(k_B) X(f0) X(C_s) X(K) X(k1) X(k2) X(k3) X(k4) X(k5) X(k6) X(k_O) \
    X(K_O_P) X(K_L_P) X(r_L) X(S_P) X(k_P) X(I_P) X(I_O) X(I_L) X(I_R) X(I_B) X(I_C) X(k_form)
// clang-format on

namespace osteon::models {

struct Lemaire2004 {
  enum State { OSTEON_LEMAIRE2004_STATES(OSTEON_ENUMERATOR) };
  enum Param { OSTEON_LEMAIRE2004_PARAMS(OSTEON_ENUMERATOR) };
  // k_res = k_form·B*/C* at the steady state of the run's starting parameters.
  enum Derived { k_res = k_form + 1 };
  enum Observable { pi_C, pi_P, pi_L, PTH, OPG, RANKL, RANKL_RANK, formation, resorption };

  static constexpr int n_states = 4;
  static constexpr int n_params = k_form + 1;
  static constexpr int n_derived = 1;
  static constexpr int n_observables = resorption + 1;

  static const ModelInfo& info();

  // --- the paper's auxiliary functions (Lemaire 2004, Eqs. 4-9 as encoded) ---

  // TGF-β activation, rising with osteoclasts from f0 (C = 0) to 1.
  template <class T>
  static T tgfb_activation(const T& c, const T* p) {
    return (c + p[f0] * p[C_s]) / (c + p[C_s]);
  }

  // PTH concentration P̄ = (S_P + I_P)/k_P (binding is fast: quasi-steady).
  template <class T>
  static T pth(const T* p) {
    return (p[S_P] + p[I_P]) / p[k_P];
  }

  // PTH receptor occupancy π_P = (I_P/k_P + P̄0)/(I_P/k_P + P̄s), P̄0 = S_P/k_P, P̄s = k6/k5.
  template <class T>
  static T pth_occupancy(const T* p) {
    const T injected = p[I_P] / p[k_P];
    return (injected + p[S_P] / p[k_P]) / (injected + p[k6] / p[k5]);
  }

  // OPG = (K_O^P·R/π_P + I_O)/k_O: produced by responding osteoblasts, repressed by PTH.
  template <class T>
  static T opg(const T& r, const T& pi_p, const T* p) {
    return (p[K_O_P] * r / pi_p + p[I_O]) / p[k_O];
  }

  // Free RANKL L from the quasi-steady binding of RANKL to RANK (k3/k4) and to
  // OPG (k1/k2): L·(1 + k3·K/k4 + k1·OPG/k2) = K_L^P·π_P·B·(1 + I_L/r_L), the
  // RANKL on active osteoblasts, raised by external RANKL relative to the
  // endogenous production r_L.
  template <class T>
  static T free_rankl(const T& b, const T& opg_, const T& pi_p, const T* p) {
    return p[K_L_P] * pi_p * b * (1.0 + p[I_L] / p[r_L]) / (1.0 + p[k3] * p[K] / p[k4] + p[k1] * opg_ / p[k2]);
  }

  // RANK occupancy π_L = k3/k4·L (fraction of RANK bound to RANKL).
  template <class T>
  static T rank_occupancy(const T& rankl, const T* p) {
    return p[k3] / p[k4] * rankl;
  }

  template <class T>
  static void rhs(const T& /*t*/, const T* y, const T* p, T* dydt) {
    const T pic = tgfb_activation(y[C], p);
    const T pip = pth_occupancy(p);
    const T pil = rank_occupancy(free_rankl(y[B], opg(y[R], pip, p), pip, p), p);
    const T differentiation = p[f0] * p[d_B] / pic * y[R];  // D_B/π_C·R with D_B = f0·d_B
    dydt[R] = p[D_R] * pic - differentiation + p[I_R];
    dydt[B] = differentiation - p[k_B] * y[B] + p[I_B];
    dydt[C] = p[D_C] * pil - p[D_A] * pic * y[C] + p[I_C];
    dydt[BV] = p[k_form] * y[B] - p[k_res] * y[C];
  }

  template <class T>
  static void observables(const T& /*t*/, const T* y, const T* p, T* out) {
    const T pip = pth_occupancy(p);
    const T o = opg(y[R], pip, p);
    const T l = free_rankl(y[B], o, pip, p);
    out[pi_C] = tgfb_activation(y[C], p);
    out[pi_P] = pip;
    out[pi_L] = rank_occupancy(l, p);
    out[PTH] = pth(p);
    out[OPG] = o;
    out[RANKL] = l;
    out[RANKL_RANK] = out[pi_L] * p[K];
    out[formation] = p[k_form] * y[B];
    out[resorption] = p[k_res] * y[C];
  }

  // Steady state of the cells for the inputs in p (double only). Given C, the
  // R and B balances give R and B explicitly:
  //   R = π_C·(D_R·π_C + I_R)/D_B,   B = (D_R·π_C + I_R + I_B)/k_B,
  // leaving the osteoclast balance g(C) = D_C·π_L − D_A·π_C·C + I_C = 0. Without
  // inputs g is positive as C → 0 and negative for large C and, in π_C, is a
  // cubic with one root in (f0, 1), so the steady state is unique. The first
  // crossing of g from positive to negative (a root the C balance attracts to;
  // with osteoclast removal, I_C < 0, g is negative near 0 and a lower,
  // repelling root precedes it) is bracketed on a logarithmic grid and bisected
  // in log C to full precision. False when no such root is bracketed.
  static bool cell_steady_state(const double* p, double& r, double& b, double& c) {
    auto balance = [p](double cc, double& rr, double& bb) {
      const double pic = tgfb_activation(cc, p);
      const double supply = p[D_R] * pic + p[I_R];  // flux into R, equal to R → B at steady state
      rr = pic * supply / (p[f0] * p[d_B]);
      bb = (supply + p[I_B]) / p[k_B];
      const double pip = pth_occupancy(p);
      const double pil = rank_occupancy(free_rankl(bb, opg(rr, pip, p), pip, p), p);
      return p[D_C] * pil - p[D_A] * pic * cc + p[I_C];
    };
    const double step = std::pow(10.0, 0.25);
    double lo = p[C_s] * 1e-12, hi = lo, rr = 0.0, bb = 0.0;
    double g_lo = balance(lo, rr, bb);
    while (true) {
      hi = lo * step;
      if (hi > p[C_s] * 1e12) return false;
      const double g_hi = balance(hi, rr, bb);
      if (g_lo > 0.0 && g_hi <= 0.0) break;  // false for NaN: no bracket through undefined points
      lo = hi;
      g_lo = g_hi;
    }
    for (int i = 0; i < 200 && hi / lo > 1.0 + 4e-16; ++i) {
      const double mid = std::sqrt(lo * hi);
      (balance(mid, rr, bb) > 0.0 ? lo : hi) = mid;
    }
    c = 0.5 * (lo + hi);
    balance(c, r, b);
    return std::isfinite(r) && std::isfinite(b) && r >= 0.0 && b >= 0.0;
  }

  static void derive(const double* /*p*/, const double* p_start, double* d) {
    double r = NAN, b = NAN, c = NAN;
    const bool ok = cell_steady_state(p_start, r, b, c) && c > 0.0;
    d[0] = ok ? p_start[k_form] * b / c : NAN;
  }

  // Cells at their steady state; BV = 100 % (the bone volume at the start, by
  // convention: any value is steady).
  static bool steady_state(const double* p, double* y) {
    if (!cell_steady_state(p, y[R], y[B], y[C])) return false;
    y[BV] = 100.0;
    return true;
  }

  // The paper's initial conditions (the published steady state, rounded), the
  // start for Newton when the bracketing above fails.
  static void steady_state_guess(const double* /*p*/, double* y) {
    y[R] = 7.734e-4;
    y[B] = 7.282e-4;
    y[C] = 9.127e-4;
    y[BV] = 100.0;
  }

  static std::string check(const double* p) {
    if (!std::isfinite(p[k_res])) {
      return "the cells have no positive steady state at the starting parameters, so the bone-volume balance "
             "k_res = k_form·B*/C* is undefined";
    }
    return {};
  }
};

}  // namespace osteon::models
