#include "ayati2010.hpp"

#include <array>

namespace osteon::models {
namespace {

constexpr const char* src_curated =
    "Ayati 2010, model with tumour, as curated in BIOMD0000000402 with the authors' agreement";

constexpr std::array<StateInfo, 4> k_states{{
    {"OC", "cells", "osteoclasts (C)"},
    {"OB", "cells", "osteoblasts (B)"},
    {"z", "%", "bone mass relative to the initial bone mass"},
    {"tumour", "cells", "myeloma tumour cells (T)"},
}};
static_assert(names_match(k_states, {OSTEON_AYATI2010_STATES(OSTEON_NAME)}));

constexpr std::array<ParamInfo, Ayati2010::n_params> k_params{{
    {"alpha1", 3.0, "1/d", "α₁", "osteoclast production; unit cells^(1-g11-g21)/d", src_curated, 0.0},
    {"alpha2", 4.0, "1/d", "α₂", "osteoblast production; unit cells^(1-g12-g22)/d", src_curated, 0.0},
    {"beta1", 0.2, "1/d", "β₁", "osteoclast removal", src_curated, 0.0},
    {"beta2", 0.02, "1/d", "β₂", "osteoblast removal", src_curated, 0.0},
    {"g11", 1.1, "1", "g₁₁",
     "osteoclast autocrine regulation without tumour (1.1: the Hopf point of Komarova 2003, where the normal "
     "cycles neither grow nor decay)",
     src_curated, -10.0, 10.0},
    {"g12", 1.0, "1", "g₁₂", "osteoclast-derived paracrine regulation of osteoblasts without tumour", src_curated,
     -10.0, 10.0},
    {"g21", -0.5, "1", "g₂₁", "osteoblast-derived paracrine regulation of osteoclasts without tumour", src_curated,
     -10.0, 10.0},
    {"g22", 0.0, "1", "g₂₂", "osteoblast autocrine regulation without tumour", src_curated, -10.0, 10.0},
    {"k1", 0.0748, "%/(cell*d)", "k₁", "bone resorbed per osteoclast above the reference", src_curated, 0.0},
    {"k2", 0.0006395, "%/(cell*d)", "k₂", "bone formed per osteoblast above the reference", src_curated, 0.0},
    {"gamma_T", 0.005, "1/d", "γ_T", "Gompertz growth rate of the tumour", src_curated, 0.0},
    {"L_T", 100.0, "cells", "L_T", "carrying capacity of the tumour", src_curated, 0.0},
    {"r11", 0.005, "1", "r₁₁", "tumour effect on osteoclast autocrine signalling: g11·(1 + r11·T/L_T)", src_curated,
     -1.0, 10.0},
    {"r12", 0.0, "1", "r₁₂", "tumour effect on osteoclast-to-osteoblast signalling: g12/(1 + r12·T/L_T)", src_curated,
     0.0, 10.0},
    {"r21", 0.0, "1", "r₂₁", "tumour effect on osteoblast-to-osteoclast signalling: g21·(1 + r21·T/L_T)", src_curated,
     -1.0, 10.0},
    {"r22", 0.2, "1", "r₂₂", "tumour effect on osteoblast autocrine signalling: g22 - r22·T/L_T", src_curated, -10.0,
     10.0},
}};
static_assert(names_match(k_params, {OSTEON_AYATI2010_PARAMS(OSTEON_NAME)}));

}  // namespace

const ModelInfo& Ayati2010::info() {
  static const ModelInfo i{
      "ayati2010",
      "Ayati BP, Edwards CM, Webb GF, Wikswo JP. A mathematical model of bone remodeling dynamics for normal bone "
      "cell populations and myeloma bone disease. Biol Direct 2010;5:28.",
      "Komarova 2003's power-law model of osteoclasts and osteoblasts at one remodelling site, with bone mass z "
      "resorbed and formed by the cells in excess of a reference, and a multiple-myeloma tumour T growing by "
      "Gompertz's law towards its carrying capacity L_T. The tumour burden T/L_T strengthens osteoclast autocrine "
      "signalling (r11) and weakens osteoblast autocrine signalling (r22): without tumour the normal cycles are "
      "stable oscillations; as the tumour grows they become unstable, osteoclasts increase, osteoblasts decrease "
      "and bone is lost.",
      k_states,
      k_params,
      Komarova2003::observable_rows,
      "Equations and defaults as curated in BIOMD0000000402, which corrects three typos of the paper (Eqs. 4, 13 "
      "and 14: (β1/α1)^(g12/Γ) for (β2/α2)^(g12/Γ), and 1 - g22 + r22 for 1 - g22 - r22). The reference (x̄1, "
      "x̄2) is the cells' steady state at full tumour burden, recomputed when a parameter changes; with the "
      "defaults Γ = -0.3734, x̄1 = 4.99381 and x̄2 = 315.901 cells. The encoding starts at OC = 15, OB = 316, "
      "z = 100 %, T = 1 cell; bone mass is not bounded below, so a run long enough for z to reach 0 (about 1,200 "
      "days from that start) fails with z negative. A run with T = 0 is the tumour-free model (BIOMD0000000401)."};
  return i;
}

}  // namespace osteon::models
