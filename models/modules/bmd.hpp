// Areal BMD of the DXA sites from two bone compartments, and T-scores
// (integrated model).
//
// Each site s is a mix of trabecular (fast turnover) and cortical (slow
// turnover) bone; w_s is the trabecular share of the site's mineral at the
// start. DXA measures mineral mass per projected area, so relative to the
// start
//   BMD_s(t)/BMD_s(0) = w_s·M_trab(t)/M_trab(0) + (1 − w_s)·M_cort(t)/M_cort(0)
// with M the mineral volume of each compartment (mineralisation.hpp). The
// trabecular share is highest at the lumbar spine and lowest at the femoral
// neck, which makes the spine the fastest responding site.
//
// T-scores: T = (BMD − μ_YA)/σ_YA with the young-adult reference mean μ_YA and
// SD σ_YA of the site. The patient's baseline T-score T_0 gives her baseline
// BMD_0 = μ_YA + T_0·σ_YA; a relative change r = BMD/BMD_0 − 1 gives
//   T(t) = T_0 + r·(μ_YA + T_0·σ_YA)/σ_YA.
#pragma once

#include "numerics/math.hpp"

namespace osteon::modules::bmd {

// BMD_s(t)/BMD_s(0) − 1.
template <class T>
T relative_change(const T& trabecular_share, const T& trab_ratio, const T& cort_ratio) {
  return trabecular_share * trab_ratio + (1.0 - trabecular_share) * cort_ratio - 1.0;
}

template <class T>
T t_score(const T& baseline_t_score, const T& relative, const T& reference_mean, const T& reference_sd) {
  return baseline_t_score + relative * (reference_mean + baseline_t_score * reference_sd) / reference_sd;
}

}  // namespace osteon::modules::bmd
