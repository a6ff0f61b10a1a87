// Bone cell core of the integrated model: the Pivonka/Scheiner cell
// populations (OBp, OBa, OCa) with quasi-steady TGF-β, PTH, OPG and RANKL
// (RANK-RANKL-OPG binding), extended by a variable pool of osteoclast
// precursors OCp and by the inputs other modules act through (estrogen,
// mechanostat/sclerostin, drugs, nutrition).
//
// Signalling (building blocks of bone_signalling.hpp; Pivonka et al. 2008,
// Scheiner et al. 2013):
//   TGF-β     = α·OCa/D̃_TGFβ
//   PTH       = (β_PTH·m_nutr + P_PTH)/D̃_PTH
//   OPG       = (p + P_OPG)/(p/OPG_max + D̃_OPG),   p = β_OPG·OBa·π_rep,PTH·g_OPG
//   RANK      = N_RANK·OCp                                   (Scheiner 2013: RANK per precursor)
//   RANKL     = RANKL_eff/(1 + K_A1·OPG + K_A2·RANK + seq)·(β_RANKL·g_L + P_L)/(β_RANKL + D̃_RANKL·RANKL_eff)
//   RANKL_eff = N_RANKL·OBp·π_act,PTH
//   π_RANKL   = K_A2·RANKL·RANK/(K_A2·RANKL·RANK + K̃)
// g_OPG, g_L, P_L and seq are the modifiers below.
//
// Populations, with each lineage's rates scaled by a time factor s (see
// docs: the published steady state is unchanged, the time course slower):
//   dOBp/dt = s_OB·[(1 − a_P)·D_OBu·π_act,TGF + P_OBp·π_Wnt·OBp − D_OBp·π_rep,TGF·OBp]
//   dOBa/dt = s_OB·[D_OBp·π_rep,TGF·OBp − A_OBa·g_OBa·OBa]
//   dOCp/dt = s_OC·[D_OCu − D_OCp·π_RANKL·OCp − A_OCp·OCp]
//   dOCa/dt = s_OC·[D_OCp·π_RANKL·OCp − A_OCa·g_OCa·π_act,TGF^OC·OCa]
// The precursor pool is fed at a constant rate D_OCu and drained by
// differentiation and apoptosis (Martínez-Reina et al. 2022, Front Bioeng
// Biotechnol 10:886579, argue that a variable pool is needed for the
// osteoclast rebound after denosumab withdrawal: with RANKL blocked the pool
// fills, and when the block wanes it differentiates at once).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "bone_signalling.hpp"
#include "numerics/math.hpp"

namespace osteon::modules::bone_cell_core {

// Where the constants sit in a model's parameter vector.
struct Index {
  int D_OBu, D_OBp, D_OCp, A_OBa, A_OCa;
  int K_D1_TGFb, K_D2_TGFb, K_D3_TGFb, alpha_TGFb, D_TGFb;
  int beta_PTH, D_PTH, K_D4_PTH, K_D6_PTH;
  int beta2_OPG, OPG_max, D_OPG;
  int N_RANKL, K_A1, K_A2, N_RANK, beta_RANKL, D_RANKL, K_RANKL_RANK;
  int a_P, s_OB, s_OC;
  int P_PTH, P_OPG, P_RANKL;
  // derived: proliferation constant, precursor supply and apoptosis rate
  int P_OBp, D_OCu, A_OCp;
};

// What the other modules change (1 or 0 = no change).
template <class T>
struct Modifiers {
  T pth_production;       // m_nutr: multiplies β_PTH
  T opg_production;       // g_OPG: multiplies cell OPG production
  T rankl_production;     // g_L: multiplies β_RANKL
  T extra_rankl;          // P_L: added RANKL production (pM/d), besides P_RANKL
  T rankl_sequestration;  // seq: extra RANKL binding (denosumab)
  T wnt_activation;       // π_Wnt in [0, 1]: OBp proliferation
  T osteoblast_death;     // g_OBa: multiplies A_OBa
  T osteoclast_death;     // g_OCa: multiplies A_OCa
};

template <class T>
struct Signals {
  T TGFb, pi_act_TGFb_OBu, pi_rep_TGFb_OBp, pi_act_TGFb_OCa;
  T PTH, pi_act_PTH, pi_rep_PTH;
  T OPG, RANKL_eff, RANK, RANKL, RANKL_RANK, pi_act_RANKL;
};

template <class T>
Signals<T> signals(const T* p, const Index& ix, const T& OBp, const T& OBa, const T& OCp, const T& OCa,
                   const Modifiers<T>& m) {
  namespace bs = bone_signalling;
  Signals<T> s;
  s.TGFb = bs::tgfb(T(p[ix.alpha_TGFb]), OCa, math::constant(OCa, 0.0), T(p[ix.D_TGFb]));
  s.pi_act_TGFb_OBu = bs::activation(s.TGFb, T(p[ix.K_D1_TGFb]));
  s.pi_rep_TGFb_OBp = bs::repression(s.TGFb, T(p[ix.K_D2_TGFb]));
  s.pi_act_TGFb_OCa = bs::activation(s.TGFb, T(p[ix.K_D3_TGFb]));
  s.PTH = bs::pth(T(p[ix.beta_PTH] * m.pth_production), T(p[ix.P_PTH]), T(p[ix.D_PTH]));
  s.pi_act_PTH = bs::activation(s.PTH, T(p[ix.K_D4_PTH]));
  s.pi_rep_PTH = bs::repression(s.PTH, T(p[ix.K_D6_PTH]));
  const T production = p[ix.beta2_OPG] * OBa * s.pi_rep_PTH * m.opg_production;
  s.OPG = bs::opg(production, T(p[ix.P_OPG]), T(p[ix.OPG_max]), T(p[ix.D_OPG]));
  s.RANKL_eff = p[ix.N_RANKL] * OBp * s.pi_act_PTH;
  s.RANK = p[ix.N_RANK] * OCp;
  const T beta = p[ix.beta_RANKL];
  // rankl() takes β and the production added to it: (β·g_L + P_L + P_RANKL) − β.
  const T added = beta * (m.rankl_production - 1.0) + m.extra_rankl + p[ix.P_RANKL];
  s.RANKL = bs::rankl(s.RANKL_eff, s.OPG, T(p[ix.K_A1]), T(p[ix.K_A2]), s.RANK, m.rankl_sequestration, beta, added,
                      T(p[ix.D_RANKL]));
  s.RANKL_RANK = p[ix.K_A2] * s.RANKL * s.RANK;
  s.pi_act_RANKL = bs::activation(s.RANKL_RANK, T(p[ix.K_RANKL_RANK]));
  return s;
}

// Time derivatives of (OBp, OBa, OCp, OCa) into d[0..3].
template <class T>
void rates(const T* p, const Index& ix, const Signals<T>& s, const Modifiers<T>& m, const T& OBp, const T& OBa,
           const T& OCp, const T& OCa, T* d) {
  const T differentiation_OB = p[ix.D_OBp] * s.pi_rep_TGFb_OBp * OBp;
  const T proliferation = p[ix.P_OBp] * m.wnt_activation * OBp;
  d[0] = p[ix.s_OB] * ((1.0 - p[ix.a_P]) * p[ix.D_OBu] * s.pi_act_TGFb_OBu + proliferation - differentiation_OB);
  d[1] = p[ix.s_OB] * (differentiation_OB - p[ix.A_OBa] * m.osteoblast_death * OBa);
  const T differentiation_OC = p[ix.D_OCp] * s.pi_act_RANKL * OCp;
  d[2] = p[ix.s_OC] * (p[ix.D_OCu] - differentiation_OC - p[ix.A_OCp] * OCp);
  d[3] = p[ix.s_OC] * (differentiation_OC - p[ix.A_OCa] * m.osteoclast_death * s.pi_act_TGFb_OCa * OCa);
}

// ---- double-only helpers (once per run) --------------------------------------

struct Cells {
  double OBp = NAN, OBa = NAN, OCp = NAN, OCa = NAN;
  bool ok = false;
};

// Root of a bracketed scalar function: regula falsi with the Illinois
// modification (the retained end's value is halved when it is kept twice,
// which restores superlinear convergence), in log x when `geometric` (both
// ends positive). The bracket always shrinks, so it converges like bisection
// at worst; it stops when the bracket is below 4 ulp (relative) or f hits 0.
// Returns NAN if f(lo) and f(hi) have one sign. Typically 8-15 evaluations
// instead of the ~60 of bisection to full precision.
template <class F>
double bisect(F&& f, double lo, double hi, bool geometric) {
  auto x_of = [&](double u) { return geometric ? std::exp(u) : u; };
  double a = geometric ? std::log(lo) : lo, b = geometric ? std::log(hi) : hi;
  double fa = f(lo), fb = f(hi);
  if (!(std::isfinite(fa) && std::isfinite(fb)) || (fa > 0.0) == (fb > 0.0)) return NAN;
  if (fa == 0.0) return lo;
  if (fb == 0.0) return hi;
  int side = 0;
  for (int it = 0; it < 200; ++it) {
    const double xa = x_of(a), xb = x_of(b);
    if (std::fabs(xb - xa) <= 4.0 * std::numeric_limits<double>::epsilon() * std::max(std::fabs(xa), std::fabs(xb)))
      break;
    double c = (a * fb - b * fa) / (fb - fa);
    // Guard: stay strictly inside, else bisect.
    if (!(c > std::min(a, b) && c < std::max(a, b))) c = 0.5 * (a + b);
    const double fc = f(x_of(c));
    if (!std::isfinite(fc)) return NAN;
    if (fc == 0.0) return x_of(c);
    if ((fc > 0.0) == (fa > 0.0)) {
      a = c;
      fa = fc;
      if (side == -1) fb *= 0.5;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side == 1) fa *= 0.5;
      side = 1;
    }
  }
  return x_of(0.5 * (a + b));
}

// Steady state of the four populations for fixed modifiers. Given OCa,
// TGF-β, OBp and OBa follow explicitly; OCp solves its own balance (one
// unknown: RANK depends on OCp); then the osteoclast balance g(OCa) = 0 is
// bisected in log OCa (g > 0 near 0: the trivial state repels).
inline Cells steady_state(const double* p, const Index& ix, const Modifiers<double>& m) {
  Cells c;
  auto fill = [&](double oca, Cells& x) -> double {
    const double tgf = p[ix.alpha_TGFb] * oca / p[ix.D_TGFb];
    const double removal =
        p[ix.D_OBp] * bone_signalling::repression(tgf, p[ix.K_D2_TGFb]) - p[ix.P_OBp] * m.wnt_activation;
    if (!(removal > 0.0)) return NAN;
    x.OCa = oca;
    x.OBp = (1.0 - p[ix.a_P]) * p[ix.D_OBu] * bone_signalling::activation(tgf, p[ix.K_D1_TGFb]) / removal;
    x.OBa =
        p[ix.D_OBp] * bone_signalling::repression(tgf, p[ix.K_D2_TGFb]) * x.OBp / (p[ix.A_OBa] * m.osteoblast_death);
    auto pool = [&](double ocp) {
      const Signals<double> s = signals<double>(p, ix, x.OBp, x.OBa, ocp, oca, m);
      return p[ix.D_OCu] - p[ix.D_OCp] * s.pi_act_RANKL * ocp - p[ix.A_OCp] * ocp;
    };
    // The pool balance is positive at 0 and negative at D_OCu/A_OCp.
    x.OCp = bisect(pool, 0.0, p[ix.D_OCu] / p[ix.A_OCp] * (1.0 + 1e-12), false);
    if (!std::isfinite(x.OCp)) return NAN;
    const Signals<double> s = signals<double>(p, ix, x.OBp, x.OBa, x.OCp, oca, m);
    return p[ix.D_OCp] * s.pi_act_RANKL * x.OCp - p[ix.A_OCa] * m.osteoclast_death * s.pi_act_TGFb_OCa * oca;
  };
  Cells x;
  double lo = 1e-16, hi = 1e-6;
  if (!(fill(lo, x) > 0.0)) return c;
  for (int widen = 0; fill(hi, x) > 0.0; ++widen) {
    if (widen > 60) return c;
    lo = hi;
    hi *= 4.0;
  }
  // NaN beyond the root (no positive OBp) counts as "past the root".
  const double oca = bisect(
      [&](double v) {
        const double g = fill(v, x);
        return std::isfinite(g) ? g : -1.0;
      },
      lo, hi, true);
  if (!std::isfinite(oca)) return c;
  const double g = fill(oca, c);
  c.ok = std::isfinite(g) && c.OBp > 0.0 && c.OBa > 0.0 && c.OCp > 0.0 && c.OCa > 0.0;
  return c;
}

}  // namespace osteon::modules::bone_cell_core
