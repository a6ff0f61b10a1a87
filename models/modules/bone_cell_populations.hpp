// Cell population balances of the Pivonka model family (Pivonka et al. 2008,
// Bone 43:249, Eq. 1; with the osteoblast-precursor proliferation of Scheiner
// et al. 2013, CMAME 254:181, Eq. 16):
//
//   dOBp/dt = s·D_OBu·π_act,TGF^OBu + Prol·OBp − D_OBp·π_rep,TGF^OBp·OBp + I_OBp
//   dOBa/dt = D_OBp·π_rep,TGF^OBp·OBp − A_OBa·OBa + I_OBa
//   dOCa/dt = D_OCp·π_act,RANKL − A_OCa·π_act,TGF^OCa·OCa + I_OCa
//
// s is the share of OBp supply coming from differentiation of uncommitted
// osteoblasts (1 in Pivonka 2008, 1 − a_P in Scheiner 2013), Prol the OBp
// proliferation rate (0, or P_OBp·Π_act,OBp^mech) and I_x external injections
// of cells (Pivonka 2008 load cases). The uncommitted osteoblast pool OBu and
// the osteoclast precursor pool OCp are constant and absorbed into D_OBu and
// D_OCp (pM/d).
#pragma once

#include <cmath>

#include "bone_signalling.hpp"
#include "numerics/math.hpp"

namespace osteon::modules::bone_cell_populations {

// Positions of the cell constants in a model's parameter vector; an
// injection index of -1 means the model has no such input.
struct CellIndex {
  int D_OBu, D_OBp, D_OCp, A_OBa, A_OCa;
  int I_OBp = -1, I_OBa = -1, I_OCa = -1;
};

template <class T>
T injection(const T* p, int index, const T& like) {
  return index >= 0 ? T(p[index]) : math::constant(like, 0.0);
}

// Time derivatives of (OBp, OBa, OCa) written to d[0..2].
template <class T>
void rates(const T* p, const CellIndex& ix, const bone_signalling::Signals<T>& s, const T& OBp, const T& OBa,
           const T& OCa, const T& differentiation_share, const T& proliferation_rate, T* d) {
  const T differentiation = p[ix.D_OBp] * s.pi_rep_TGFb_OBp * OBp;
  d[0] = differentiation_share * p[ix.D_OBu] * s.pi_act_TGFb_OBu + proliferation_rate * OBp - differentiation +
         injection(p, ix.I_OBp, OBp);
  d[1] = differentiation - p[ix.A_OBa] * OBa + injection(p, ix.I_OBa, OBa);
  d[2] = p[ix.D_OCp] * s.pi_act_RANKL - p[ix.A_OCa] * s.pi_act_TGFb_OCa * OCa + injection(p, ix.I_OCa, OCa);
}

struct SteadyCells {
  double OBp = NAN, OBa = NAN, OCa = NAN;
  bool ok = false;
};

// Steady state of the cell balances for fixed extra inputs (double only).
// Given OCa, TGF-β and hence OBp and OBa follow explicitly from the first two
// balances; the osteoclast balance g(OCa) = 0 is then solved by bisection in
// log(OCa) between a tiny positive value (g > 0: the trivial state OCa = 0 is
// repelling) and the first value where g < 0. Returns ok = false when no
// positive steady state is bracketed.
inline SteadyCells steady_state(const double* p, const bone_signalling::SignallingIndex& sx, const CellIndex& cx,
                                double extra_RANKL_production, double RANKL_sequestration, double differentiation_share,
                                double proliferation_rate) {
  auto cells_for = [&](double oca, SteadyCells& c) -> double {  // returns g(OCa); NaN if OBp undefined
    const double release = sx.k_res_TGFb >= 0 ? p[sx.alpha_TGFb] * p[sx.k_res_TGFb] : p[sx.alpha_TGFb];
    const double tgf = bone_signalling::tgfb(release, oca, p[sx.P_TGFb], p[sx.D_TGFb]);
    const double removal = p[cx.D_OBp] * bone_signalling::repression(tgf, p[sx.K_D2_TGFb]) - proliferation_rate;
    if (!(removal > 0.0)) return NAN;
    const double i_obp = cx.I_OBp >= 0 ? p[cx.I_OBp] : 0.0;
    const double i_oba = cx.I_OBa >= 0 ? p[cx.I_OBa] : 0.0;
    c.OBp = (differentiation_share * p[cx.D_OBu] * bone_signalling::activation(tgf, p[sx.K_D1_TGFb]) + i_obp) / removal;
    c.OBa = (p[cx.D_OBp] * bone_signalling::repression(tgf, p[sx.K_D2_TGFb]) * c.OBp + i_oba) / p[cx.A_OBa];
    c.OCa = oca;
    const auto s =
        bone_signalling::evaluate<double>(p, sx, c.OBp, c.OBa, oca, extra_RANKL_production, RANKL_sequestration);
    double d[3];
    rates<double>(p, cx, s, c.OBp, c.OBa, oca, differentiation_share, proliferation_rate, d);
    return d[2];
  };
  SteadyCells c;
  double lo = 1e-18, hi = 1e-6;
  if (!(cells_for(lo, c) > 0.0)) return c;
  // Widen until the osteoclast balance turns negative (or OBp has no positive
  // steady value, which counts as beyond the root).
  int widen = 0;
  for (double g = cells_for(hi, c); g > 0.0; g = cells_for(hi, c)) {
    lo = hi;
    hi *= 4.0;
    if (++widen > 200) return c;
  }
  for (int it = 0; it < 200 && hi > lo * (1.0 + 4e-16); ++it) {
    const double mid = std::sqrt(lo * hi);
    if (cells_for(mid, c) > 0.0) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const double g = cells_for(lo, c);
  c.ok = std::isfinite(g) && c.OBp > 0.0 && c.OBa > 0.0 && c.OCa > 0.0;
  return c;
}

}  // namespace osteon::modules::bone_cell_populations
