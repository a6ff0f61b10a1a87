// Mechanostat with osteocyte sclerostin (integrated model). Bone responds to
// the strain energy density (SED) of its trabecular matrix relative to the
// habitual, premenopausal state; osteocytes sense it and signal to the bone
// cells by sclerostin (after Martin et al., Biomech Model Mechanobiol
// 2019;18:1475, and the Frost mechanostat).
//
// Stimulus. Under a load L (relative to habitual) on trabecular bone whose
// apparent stiffness follows E = E_0·(BV/TV)^a·α_ash^b (Martínez-Reina &
// Pivonka 2019), the SED ψ = σ²/(2E) relative to its habitual value ψ* is
//   S = ψ/ψ* = L²·(BV*/BV)^a·(α*/α)^b           (a = 2.58, b = 2.74)
// so bone loss (or lower mineralisation) raises S: less bone carries the same
// load with more strain. Estrogen deficiency lowers the mechanosensitivity
// m(E) (bone adaptation requires estrogen receptor α: Lee K et al., Nature
// 2003;424:389), and the cells see S_eff = 1 + m·(S − 1).
//
// Sclerostin (relative to the habitual premenopausal level) is repressed by
// loading (Robling AG et al., J Biol Chem 2008;283:5866: loading lowers
// osteocyte Sost, disuse raises it):
//   Scl = S_eff^(−γ)
// and acts three ways on the cell core:
//   - it antagonises Wnt/LRP5-6 on osteoblast precursors:
//       π_Wnt = 1/(1 + Scl/K_Wnt),  K_Wnt = 1 (π_Wnt = 1/2 = Π* of Scheiner 2013 at Scl = 1),
//     which multiplies OBp proliferation;
//   - it promotes the apoptosis of active osteoblasts (Sutherland MK et al.,
//     Bone 2004;35:828): A_OBa × (1 − q + q·Scl);
//   - osteocytes supply a share o of RANKL (Nakashima T et al., Nat Med
//     2011;17:1231; Xiong J et al., Nat Med 2011;17:1235) and raise it with
//     sclerostin (Wijenayaka AR et al., PLoS One 2011;6:e25900), so disuse
//     raises RANKL: β_RANKL × (1 − o + o·Scl).
// All three are smooth in S (no threshold), so S = 1 is an ordinary point.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::mechanostat {

// Relative SED S = L²·(BV_ref/BV)^a·(ash_ref/ash)^b.
template <class T>
T stimulus(const T& load, const T& BV, const T& BV_ref, const T& ash, const T& ash_ref, const T& exp_BV,
           const T& exp_ash) {
  return load * load * math::pow(T(BV_ref / BV), exp_BV) * math::pow(T(ash_ref / ash), exp_ash);
}

// S_eff = 1 + m(S − 1), m = mechanosensitivity in [0, 1].
template <class T>
T effective_stimulus(const T& S, const T& sensitivity) {
  return 1.0 + sensitivity * (S - 1.0);
}

template <class T>
T sclerostin(const T& S_eff, const T& gamma) {
  return math::pow(S_eff, T(-gamma));
}

template <class T>
T wnt_activation(const T& Scl) {
  return 1.0 / (1.0 + Scl);
}

// Multiplier 1 − share + share·Scl (1 at Scl = 1).
template <class T>
T sclerostin_share(const T& Scl, const T& share) {
  return 1.0 - share + share * Scl;
}

}  // namespace osteon::modules::mechanostat
