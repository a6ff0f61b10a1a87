// Remodelling space of one bone compartment (integrated model): the volume
// resorbed by osteoclasts and not yet refilled by osteoblasts.
//
//   dRS/dt = R − RS/τ_RS        resorption opens cavities; each is refilled after ~τ_RS
//   F      = b·RS/τ_RS           matrix formed (refill), b the focal balance
//
// R is the volume resorbed per day (the bone compartment loses it at once),
// F the matrix formed per day; b = formed/resorbed per remodelling cycle (b <
// 1: each cycle loses bone; (1 − b)·RS/τ_RS is the part of the cavities never
// refilled). A cavity waits for its refill an exponentially distributed time
// with mean τ_RS, the reversal plus formation period of human cancellous
// remodelling units (about 3-4 months: Eriksen EF, Endocr Rev 1986;7:379;
// Heaney RP, J Bone Miner Res 1994;9:1515). Closed forms at constant R:
//   steady state        RS* = R·τ_RS            (the space is proportional to turnover)
//   after a step R → R'  RS(t) = R'τ + (Rτ − R'τ)·e^(−t/τ_RS)
// so when turnover rises (menopause, an aromatase inhibitor) bone falls at
// once by ΔR·τ_RS·b and the loss then slows to the balance term R(1 − b); when
// an antiresorptive lowers R the space refills (the "remodelling transient",
// Heaney 1994), which is reversed when the drug is stopped.
#pragma once

namespace osteon::modules::remodelling_space {

template <class T>
void rates(const T& RS, const T& resorption, const T& tau, const T& balance, T& dRS, T& refill) {
  const T closing = RS / tau;
  dRS = resorption - closing;
  refill = balance * closing;
}

// RS* = R·τ (double only).
inline double steady_state(double resorption, double tau) { return resorption * tau; }

}  // namespace osteon::modules::remodelling_space
