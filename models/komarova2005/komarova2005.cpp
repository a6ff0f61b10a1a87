#include "komarova2005.hpp"

#include <array>

namespace osteon::models {
namespace {

constexpr const char* src_base = "Komarova 2005 (BIOMD0000000279, CellML komarova_2005): Fig. 2 set of Komarova 2003";
constexpr const char* src_fig2a3 =
    "Komarova 2005, Fig. 2A(3) (red line) as set in the Physiome CellML komarova_2005; the curated COPASI file "
    "figB1_red.cps of BIOMD0000000279 uses g12 = 0.5, k2 = 0.005 instead, and its base model the 2003 "
    "values g12 = 1, k2 = 0.0017 (docs/models/komarova2005.md)";

constexpr std::array<ParamInfo, Komarova2005::n_params> k_params{{
    {"alpha1", 3.0, "1/d", "α₁", "osteoclast production; unit cells^(1-g11-g21)/d", src_base, 0.0},
    {"alpha2", 4.0, "1/d", "α₂", "osteoblast production; unit cells^(1-g12-g22)/d", src_base, 0.0},
    {"beta1", 0.2, "1/d", "β₁", "osteoclast removal", src_base, 0.0},
    {"beta2", 0.02, "1/d", "β₂", "osteoblast removal", src_base, 0.0},
    {"g11", 0.5, "1", "g₁₁", "osteoclast autocrine regulation", src_base, -10.0, 10.0},
    {"g12", 1.4, "1", "g₁₂", "osteoclast-derived paracrine regulation of osteoblasts (coupling factors)", src_fig2a3,
     -10.0, 10.0},
    {"g21", -0.5, "1", "g₂₁", "osteoblast-derived paracrine regulation of osteoclasts without PTH (RANKL/OPG)",
     src_base, -10.0, 10.0},
    {"g22", 0.0, "1", "g₂₂", "osteoblast autocrine regulation", src_base, -10.0, 10.0},
    {"k1", 0.24, "%/(cell*d)", "k₁", "bone resorbed per osteoclast above the reference steady state", src_base, 0.0},
    {"k2", 0.00075, "%/(cell*d)", "k₂", "bone formed per osteoblast above the reference steady state", src_fig2a3, 0.0},
    {"freeze_reference", 1.0, "1", "–",
     "1: the reference steady state (x̄1, x̄2) of the bone-mass equation stays at the run's starting parameters "
     "(PTH as at the start) when PTH or another parameter changes; 0: it is recomputed from the current "
     "parameters, as in the BioModels and CellML encodings. Only 1 gives the paper's net loss under continuous PTH",
     "osteon choice, as for komarova2003 (docs/models/komarova2005.md)", 0.0, 1.0},
    {"PTH_on", 0.0, "1", "–",
     "1 while PTH is present (g21 is replaced by g21_PTH), 0 without PTH; pulses are events setting it",
     "Komarova 2005: PTH acts only by raising RANKL production, i.e. g21", 0.0, 1.0},
    {"g21_PTH", 0.15, "1", "g₂₁ (PTH)", "g21 while PTH is present",
     "Komarova 2005, Fig. 2A (CellML komarova_2005 and BIOMD0000000279 curation: g21 = 0.15 for 1 ≤ t < 2 d)", -10.0,
     10.0},
}};
static_assert(names_match(k_params, {OSTEON_KOMAROVA2005_PARAMS(OSTEON_NAME)}));

constexpr auto k_observables =
    join(Komarova2003::observable_rows,
         std::array<ObservableInfo, 1>{{{"g21_effective", "1", "g21 in effect: g21_PTH while PTH_on = 1, else g21"}}});
static_assert(k_observables.size() == Komarova2005::n_observables);

}  // namespace

const ModelInfo& Komarova2005::info() {
  static const ModelInfo i{
      "komarova2005",
      "Komarova SV. Mathematical model of paracrine interactions between osteoclasts and osteoblasts predicts "
      "anabolic action of parathyroid hormone on bone. Endocrinology 2005;146(8):3589-3595.",
      "The Komarova 2003 model of osteoclasts (x1), osteoblasts (x2) and bone mass z at one remodelling site, with "
      "PTH acting only on the osteoblast-to-osteoclast paracrine signal (RANKL): while PTH is present g21 rises "
      "from −0.5 to g21_PTH = 0.15. A short exposure stimulates osteoclasts, then osteoblasts through coupling; "
      "the osteoclasts are removed quickly after withdrawal and the osteoblasts rebuild more bone than was "
      "resorbed. Under continuous exposure resorption leads formation at all times and bone is lost.",
      Komarova2003::info().states,
      k_params,
      k_observables,
      "Equations and steady state are Komarova 2003's (models/komarova2003), evaluated with g21 replaced by g21_PTH "
      "while PTH_on = 1. Exposure schedules are events on PTH_on (set to 1 at the start of a pulse, 0 at its end). "
      "Reference steady state: the encodings recompute x̄ from the current g21, which makes y = 0 under continuous "
      "PTH so that z never changes; osteon freezes it at the starting parameters by default (freeze_reference = 1), "
      "which gives the paper's net loss under continuous PTH; freeze_reference = 0 reproduces the encodings. "
      "Under continuous PTH the cells grow towards a steady state orders of magnitude above the reference, so z "
      "reaches 0 within days (t ≈ 5.6 d with the defaults) and a longer run fails with z negative. Defaults of g12 "
      "and k2 are those of the CellML encoding of Fig. 2A(3)."};
  return i;
}

}  // namespace osteon::models
