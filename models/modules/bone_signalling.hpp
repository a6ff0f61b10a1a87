// Quasi-steady signalling of the Pivonka bone cell population model family:
// TGF-β released from resorbed matrix, PTH, OPG, RANKL with RANK-RANKL-OPG
// binding (and optional sequestration of RANKL by a drug such as denosumab),
// and the Hill-type activation/repression functions that act on the cells.
//
// Pivonka P et al. Model structure and control of bone remodeling: a
// theoretical study. Bone 2008;43:249-263 (Eqs. as in the Physiome CellML
// encoding and the authors' group's code, see docs/models/modules.md).
// Shared by pivonka2008, scheiner2013, martinez_reina2019 and later models:
// each model says where the constants sit in its parameter vector through a
// SignallingIndex, so there is one implementation of the equations.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::bone_signalling {

// Hill activation x/(x + K) and repression K/(x + K) (Pivonka 2008, Eq. 2).
template <class T>
T activation(const T& x, const T& K) {
  return x / (x + K);
}
template <class T>
T repression(const T& x, const T& K) {
  return K / (x + K);
}

// Positions of the signalling constants in a model's parameter vector.
struct SignallingIndex {
  // TGF-β = (α·[k_res]·OCa + P_TGFb)/D_TGFb and its three effects.
  int alpha_TGFb, D_TGFb, P_TGFb, K_D1_TGFb, K_D2_TGFb, K_D3_TGFb;
  // Index of k_res when TGF-β release is α·k_res·OCa (Pivonka 2008); -1 when
  // it is α·OCa (Scheiner 2013 as coded by its authors).
  int k_res_TGFb;
  // PTH = (β_PTH + P_PTH)/D_PTH; activation (K_D4 = K_D5) on RANKL,
  // repression (K_D6 = K_D7) on OPG.
  int beta_PTH, D_PTH, P_PTH, K_D4_PTH, K_D6_PTH;
  // OPG production β1·OBp + β2·OBa, saturating at OPG_max.
  int beta1_OPG, beta2_OPG, OPG_max, D_OPG, P_OPG;
  // RANKL carried by R1·OBp + R2·OBa, bound by OPG (K_A1) and RANK (K_A2).
  int R1_RANKL, R2_RANKL, K_A1, K_A2, RANK, beta_RANKL, D_RANKL, P_RANKL, K_RANKL_RANK;
};

// The index of a model whose Param enum `P` uses the names above (Pivonka 2008 and the models
// built on it), with k_res_TGFb as in SignallingIndex.
template <class P>
constexpr SignallingIndex index_by_name(int k_res_TGFb) {
  return {P::alpha_TGFb, P::D_TGFb,     P::P_TGFb,  P::K_D1_TGFb, P::K_D2_TGFb,   P::K_D3_TGFb, k_res_TGFb,
          P::beta_PTH,   P::D_PTH,      P::P_PTH,   P::K_D4_PTH,  P::K_D6_PTH,    P::beta1_OPG, P::beta2_OPG,
          P::OPG_max,    P::D_OPG,      P::P_OPG,   P::R1_RANKL,  P::R2_RANKL,    P::K_A1,      P::K_A2,
          P::RANK,       P::beta_RANKL, P::D_RANKL, P::P_RANKL,   P::K_RANKL_RANK};
}

template <class T>
struct Signals {
  T TGFb, pi_act_TGFb_OBu, pi_rep_TGFb_OBp, pi_act_TGFb_OCa;
  T PTH, pi_act_PTH, pi_rep_PTH;
  T OPG, RANKL_eff, RANKL, RANKL_RANK, pi_act_RANKL;
};

// TGF-β (pM) from osteoclastic resorption: (release·OCa + P_TGFb)/D_TGFb.
template <class T>
T tgfb(const T& release_per_OCa, const T& OCa, const T& P_TGFb, const T& D_TGFb) {
  return (release_per_OCa * OCa + P_TGFb) / D_TGFb;
}

// PTH (pM) from endogenous production and dosing: (β_PTH + P_PTH)/D_PTH.
template <class T>
T pth(const T& beta_PTH, const T& P_PTH, const T& D_PTH) {
  return (beta_PTH + P_PTH) / D_PTH;
}

// OPG (pM): cell production p (pM/d) plus dosing P_OPG, degraded at D_OPG and
// limited by the maximal concentration OPG_max:  (p + P)/(p/OPG_max + D).
template <class T>
T opg(const T& production, const T& P_OPG, const T& OPG_max, const T& D_OPG) {
  return (production + P_OPG) / (production / OPG_max + D_OPG);
}

// Free RANKL (pM). RANKL_eff is the carrying capacity of the RANKL-expressing
// cells; the free fraction is reduced by binding to OPG (K_A1·OPG), RANK
// (K_A2·RANK) and an extra sequestering ligand (`sequestration`, e.g.
// χ·K_A,den·C_den for denosumab, Martínez-Reina & Pivonka 2019). Production
// is β_RANKL plus any extra production (dosing, mechanics, menopause).
template <class T>
T rankl(const T& RANKL_eff, const T& OPG, const T& K_A1, const T& K_A2, const T& RANK, const T& sequestration,
        const T& beta_RANKL, const T& extra_production, const T& D_RANKL) {
  const T bound = 1.0 + K_A1 * OPG + K_A2 * RANK + sequestration;
  return RANKL_eff / bound * ((beta_RANKL + extra_production) / (beta_RANKL + D_RANKL * RANKL_eff));
}

// Every quasi-steady factor and Hill function at cell concentrations
// (OBp, OBa, OCa). `extra_RANKL_production` (pM/d) adds to P_RANKL;
// `RANKL_sequestration` (dimensionless) adds to the RANKL binding denominator.
template <class T>
Signals<T> evaluate(const T* p, const SignallingIndex& ix, const T& OBp, const T& OBa, const T& OCa,
                    const T& extra_RANKL_production, const T& RANKL_sequestration) {
  Signals<T> s;
  const T release = ix.k_res_TGFb >= 0 ? T(p[ix.alpha_TGFb] * p[ix.k_res_TGFb]) : T(p[ix.alpha_TGFb]);
  s.TGFb = tgfb(release, OCa, p[ix.P_TGFb], p[ix.D_TGFb]);
  s.pi_act_TGFb_OBu = activation(s.TGFb, p[ix.K_D1_TGFb]);
  s.pi_rep_TGFb_OBp = repression(s.TGFb, p[ix.K_D2_TGFb]);
  s.pi_act_TGFb_OCa = activation(s.TGFb, p[ix.K_D3_TGFb]);

  s.PTH = pth(p[ix.beta_PTH], p[ix.P_PTH], p[ix.D_PTH]);
  s.pi_act_PTH = activation(s.PTH, p[ix.K_D4_PTH]);
  s.pi_rep_PTH = repression(s.PTH, p[ix.K_D6_PTH]);

  const T opg_production = (p[ix.beta1_OPG] * OBp + p[ix.beta2_OPG] * OBa) * s.pi_rep_PTH;
  s.OPG = opg(opg_production, p[ix.P_OPG], p[ix.OPG_max], p[ix.D_OPG]);

  s.RANKL_eff = (p[ix.R1_RANKL] * OBp + p[ix.R2_RANKL] * OBa) * s.pi_act_PTH;
  const T extra = p[ix.P_RANKL] + extra_RANKL_production;
  s.RANKL = rankl(s.RANKL_eff, s.OPG, p[ix.K_A1], p[ix.K_A2], p[ix.RANK], RANKL_sequestration, p[ix.beta_RANKL], extra,
                  p[ix.D_RANKL]);
  // Osteoclast precursors respond to the occupied receptor: the RANKL-RANK
  // complex K_A2·RANKL·RANK with activation coefficient K̃ (Scheiner 2013
  // notation; equivalently K_D8 = K̃/(K_A2·RANK) on free RANKL).
  s.RANKL_RANK = p[ix.K_A2] * s.RANKL * p[ix.RANK];
  s.pi_act_RANKL = activation(s.RANKL_RANK, p[ix.K_RANKL_RANK]);
  return s;
}

}  // namespace osteon::modules::bone_signalling
