#include "pivonka2008.hpp"

#include <array>

#include "pivonka2008_observables.hpp"

namespace osteon::models {
namespace {

constexpr const char* src_table = "Pivonka 2008, Table 2, as coded by the authors' group (cmodiz/Bone-Models)";
constexpr const char* src_cellml = "Pivonka 2008; Physiome CellML encoding pivonka_2008";
constexpr const char* src_input = "Pivonka 2008 load cases (external inputs, 0 at homeostasis)";

constexpr std::array<StateInfo, 4> k_states{{
    {"OBp", "pM", "osteoblast precursors (responding osteoblasts)"},
    {"OBa", "pM", "active osteoblasts"},
    {"OCa", "pM", "active osteoclasts"},
    {"BV", "%", "bone volume relative to the start (100 % at the starting steady state)"},
}};
static_assert(names_match(k_states, {OSTEON_PIVONKA2008_STATES(OSTEON_NAME)}));

constexpr std::array<ParamInfo, Pivonka2008::n_params> k_params{{
    {"D_OBu", 7.0e-4, "pM/d", "D_{OBu}", "differentiation flux of uncommitted osteoblasts (pool OBu absorbed)",
     src_table, 0.0},
    {"D_OBp", 0.2674077909527713, "1/d", "D_{OBp}",
     "differentiation rate of osteoblast precursors into active osteoblasts",
     "Pivonka 2008, Table 2, corrected: the authors' code uses 5.348 × f0 (f0 = 0.05, Lemaire 2004) = 0.2674078; "
     "the printed value is inconsistent with the published steady state (cmodiz/Bone-Models note)",
     0.0},
    {"D_OCp", 2.1e-3, "pM/d", "D_{OCp}", "differentiation flux of osteoclast precursors (pool OCp absorbed)", src_table,
     0.0},
    {"A_OBa", 0.189, "1/d", "A_{OBa}", "apoptosis rate of active osteoblasts", src_table, 0.0},
    {"A_OCa", 0.7, "1/d", "A_{OCa}", "apoptosis rate of active osteoclasts (scaled by π_act,TGFβ^OCa)", src_table, 0.0},
    {"K_D1_TGFb", 4.545454545454545e-3, "pM", "K_{D1,TGFβ}", "TGF-β activation coefficient on uncommitted osteoblasts",
     src_table, 0.0},
    {"K_D2_TGFb", 1.415624253823446e-3, "pM", "K_{D2,TGFβ}", "TGF-β repression coefficient on osteoblast precursors",
     src_table, 0.0},
    {"K_D3_TGFb", 4.545454545454545e-3, "pM", "K_{D3,TGFβ}", "TGF-β activation coefficient of osteoclast apoptosis",
     src_table, 0.0},
    {"alpha_TGFb", 1.0, "1", "α", "TGF-β stored in the bone matrix, released per unit resorbed", src_table, 0.0},
    {"D_TGFb", 1.0, "1/d", "D̃_{TGFβ}", "degradation rate of TGF-β", src_table, 0.0},
    {"beta_PTH", 250.0, "pM/d", "β_{PTH}", "endogenous PTH production", src_table, 0.0},
    {"D_PTH", 86.0, "1/d", "D̃_{PTH}", "degradation rate of PTH", src_table, 0.0},
    {"K_D4_PTH", 150.0, "pM", "K_{D4,PTH} = K_{D5,PTH}", "PTH activation coefficient of RANKL expression", src_table,
     0.0},
    {"K_D6_PTH", 0.2225814277099542, "pM", "K_{D6,PTH} = K_{D7,PTH}", "PTH repression coefficient of OPG production",
     src_table, 0.0},
    {"beta1_OPG", 0.0, "1/d", "β_{1,OPG}",
     "OPG production per osteoblast precursor (pM OPG per pM OBp per day); 0 in the retained structure",
     "Pivonka 2008, model structure with OPG from OBa (β1 = 0); set to 1.6249003e8 and beta2_OPG = 0 for OPG from OBp",
     0.0},
    {"beta2_OPG", 1.624900337835679e8, "1/d", "β_{2,OPG}",
     "OPG production per active osteoblast (pM OPG per pM OBa per day)",
     "Pivonka 2008, Table 2, corrected: 1.6249003e8 as in the authors' code, which differs from the printed value "
     "(cmodiz/Bone-Models note); reproduces the published steady state",
     0.0},
    {"OPG_max", 2.0e8, "pM", "OPG_{max}", "maximal OPG concentration (production saturates)", src_table, 0.0},
    {"D_OPG", 0.35, "1/d", "D̃_{OPG}", "degradation rate of OPG", src_table, 0.0},
    {"R1_RANKL", 2.703476379131062e6, "1", "R_1^{RANKL}",
     "RANKL carrying capacity per osteoblast precursor (pM RANKL per pM OBp); the retained structure",
     "Pivonka 2008, Table 2, corrected: the paper prints 6e6, a typo per the authors' code (2.7034764e6), which "
     "reproduces the published steady state (cmodiz/Bone-Models note)",
     0.0},
    {"R2_RANKL", 0.0, "1", "R_2^{RANKL}",
     "RANKL carrying capacity per active osteoblast (pM RANKL per pM OBa); 0 in the retained structure",
     "Pivonka 2008, model structure with RANKL on OBp (R2 = 0); set to 2.7034764e6 and R1_RANKL = 0 for RANKL on OBa",
     0.0},
    {"K_A1", 1.0e-3, "1/pM", "K_{A1,RANKL}", "association constant of RANKL-OPG binding", src_table, 0.0},
    {"K_A2", 3.411764705882353e-2, "1/pM", "K_{A2,RANKL}", "association constant of RANKL-RANK binding", src_table,
     0.0},
    {"RANK", 10.0, "pM", "RANK", "RANK concentration on osteoclast precursors (fixed)", src_table, 0.0},
    {"beta_RANKL", 168.4195714712206, "pM/d", "β_{RANKL}", "intrinsic RANKL production",
     "Pivonka 2008, Table 2, corrected: the paper prints ~1.684e4 (e+4 for e+2); the authors' code uses 168.41957, "
     "which reproduces the published steady state (cmodiz/Bone-Models note)",
     0.0},
    {"D_RANKL", 10.132471014805027, "1/d", "D̃_{RANKL}", "degradation rate of RANKL", src_table, 0.0},
    {"K_RANKL_RANK", 4.457452802710724, "pM", "K̃ (K_{D8,RANKL})",
     "activation coefficient of the RANKL-RANK complex K_A2·RANKL·RANK on osteoclast precursors",
     "Pivonka 2008, corrected as in the authors' code: K̃ = 4.4574528 pM on the complex, i.e. K_D8 = "
     "K̃/(K_A2·RANK) = 13.065 pM on free RANKL; the printed K_D8 is wrong (cmodiz/Bone-Models note)",
     0.0},
    {"k_res", 1.0, "%/(pM*d)", "k_{res}",
     "bone resorbed per active osteoclast and day; also scales TGF-β release (α·k_res·OCa)", src_table, 0.0},
    {"k_form", 1.445153, "%/(pM*d)", "k_{form}", "bone formed per active osteoblast and day",
     "osteon: k_res·OCa*/OBa* at the default steady state (models.md §3), so formation and resorption fluxes are "
     "equal at homeostasis; the CellML and the authors' code carry 1.571 with the same deviation form",
     0.0},
    {"P_TGFb", 0.0, "pM/d", "P_{TGFβ}", "external TGF-β dosing rate", src_input, 0.0},
    {"P_PTH", 0.0, "pM/d", "P_{PTH}", "external PTH dosing rate", src_input, 0.0},
    {"P_OPG", 0.0, "pM/d", "P_{OPG}", "external OPG dosing rate", src_input, 0.0},
    {"P_RANKL", 0.0, "pM/d", "P_{RANKL}", "external RANKL dosing rate (extra RANKL production)", src_input, 0.0},
    {"I_OBp", 0.0, "pM/d", "I_{OBp}", "injection rate of osteoblast precursors (may be negative: removal)", src_input},
    {"I_OBa", 0.0, "pM/d", "I_{OBa}", "injection rate of active osteoblasts (may be negative: removal)", src_input},
    {"I_OCa", 0.0, "pM/d", "I_{OCa}", "injection rate of active osteoclasts (may be negative: removal)", src_input},
}};
static_assert(names_match(k_params, {OSTEON_PIVONKA2008_PARAMS(OSTEON_NAME)}));

namespace obs = pivonka2008_observables;
constexpr auto k_observables = join(
    obs::concentrations,
    std::array<ObservableInfo, 1>{{{"RANKL_eff", "pM", "effective RANKL carrying capacity of the osteoblast lineage"}}},
    obs::regulation, obs::bone_turnover);
static_assert(k_observables.size() == Pivonka2008::n_observables);

}  // namespace

const ModelInfo& Pivonka2008::info() {
  static const ModelInfo i{
      "pivonka2008",
      "Pivonka P, Zimak J, Smith DW, Gardiner BS, Dunstan CR, Sims NA, Martin TJ, Mundy GR. Model structure and "
      "control of bone remodeling: a theoretical study. Bone 2008;43(2):249-263.",
      "Bone cell population model of osteoblast precursors (OBp), active osteoblasts (OBa) and active osteoclasts "
      "(OCa) coupled by TGF-β released from resorbed bone, PTH, and the RANK-RANKL-OPG system, all quasi-steady. "
      "The default is the structure retained by the paper and all later work: RANKL carried by osteoblast "
      "precursors and OPG produced by active osteoblasts. External dosing of TGF-β, PTH, OPG and RANKL and "
      "injections of cells reproduce the paper's load cases; bone volume follows formation and resorption in "
      "excess of the starting steady state.",
      k_states,
      k_params,
      k_observables,
      "Model structures: R1_RANKL/R2_RANKL carry RANKL on OBp/OBa and beta1_OPG/beta2_OPG produce OPG from OBp/OBa; "
      "the paper's four structures move the value between the pair (the printed values are the same for all). "
      "Corrections to the printed Table 2 (D_OBp, beta2_OPG, R1_RANKL, beta_RANKL, K_RANKL_RANK) follow the authors' "
      "code and reproduce the published steady state. Bone volume: dBV/dt = k_form·(OBa − OBa*) − k_res·(OCa − "
      "OCa*) with (OBa*, OCa*) the steady state of the parameters the run started with (CellML form)."};
  return i;
}

}  // namespace osteon::models
