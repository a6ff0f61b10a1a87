// Modelling-based bone formation (integrated model): bone formed on quiescent
// surfaces, without a preceding resorption, next to the refill of remodelling
// cavities (remodelling_space.hpp).
//
//   F_mod  = m·ν·V·φ,   φ = π_Wnt/π_Wnt* = 2/(1 + Scl)
//   F_rem  = (1 − m)·b·RS/τ_RS                    refill of the remodelling space
//   F      = F_rem + F_mod                         matrix formed per day
//
// m is the share of formation that is modelling-based at the premenopausal
// habitual reference (Scl = 1, r = f = 1), ν the compartment's turnover and V
// its volume: like resorption, modelling scales with the compartment's
// surfaces (ν·V), so per volume the cortex, with ~1/5 of the trabecular
// turnover, models ~5 times less. Modelling-based formation is not coupled
// to osteoclasts: lining cells are activated by Wnt signalling (sclerostin
// antibody converts lining cells into active osteoblasts: Kim SW et al. J Bone
// Miner Res 2017;32:892), so φ follows the osteocytes' sclerostin through the
// same Wnt activation as osteoblast precursor proliferation
// (mechanostat.hpp), and it continues when remodelling is suppressed: in
// transiliac biopsies after 3 months of denosumab every remodelling-based
// formation index fell while cancellous modelling-based formation rose
// 2.5-fold (Dempster DW et al. J Bone Miner Res 2018;33:298, AVA study), and
// 16 months of denosumab in ovariectomised cynomolgus monkeys left the extent
// of modelling-based labels unchanged while femoral neck BMD kept rising
// (Ominsky MS et al. J Bone Miner Res 2015;30:1280).
//
// Balance. With R = ν·V·r resorbed, RS* = R·τ_RS and b = f/r, the compartment
// is at steady state when
//   (1 − m)·f + m·φ = r
// (with m = 0 the cell balance f = r of the remodelling core alone). When an
// antiresorptive stops resorption the space refills by (1 − m)·b·RS and the
// bone then keeps growing at F_mod; when turnover rises (menopause, an
// aromatase inhibitor) the coupled formation rises with it and modelling does
// not, so a larger share of the formation is remodelling-based.
#pragma once

namespace osteon::modules::modelling_formation {

// φ: modelling activity relative to the reference, from the Wnt activation
// π_Wnt = 1/(1 + Scl) (1/2 at the reference).
template <class T>
T activity(const T& wnt_activation) {
  return 2.0 * wnt_activation;
}

// F_mod = m·ν·V·φ (same unit as ν·V).
template <class T>
T rate(const T& share, const T& turnover, const T& V, const T& activity) {
  return share * turnover * V * activity;
}

// Balance of a compartment, f_eff − r with f_eff = (1 − m)·f + m·φ: 0 at
// its steady state (double and lanes alike).
template <class T>
T imbalance(const T& share, const T& f, const T& r, const T& activity) {
  return (1.0 - share) * f + share * activity - r;
}

}  // namespace osteon::modules::modelling_formation
