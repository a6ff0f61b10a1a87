// The cell and mechanostat parameters of Scheiner et al. 2013 (Table 1 as recalibrated, and
// Eqs. 5 and 16) and the external dosing inputs, declared once: scheiner2013 and
// martinez_reina2019, which builds on it, join these rows into their tables.
#pragma once

#include <array>

#include "model/model_info.hpp"
#include "model/param_table.hpp"

// The names of the rows below, in order: the first parameters of both models' enums.
// clang-format off
#define OSTEON_SCHEINER2013_CELL_AND_MECHANOSTAT_PARAMS(X) \
    X(D_OBu) X(D_OBp) X(D_OCp) X(A_OBa) X(A_OCa) X(K_D1_TGFb) X(K_D2_TGFb) X(K_D3_TGFb) \
    X(alpha_TGFb) X(D_TGFb) X(beta_PTH) X(D_PTH) X(K_D4_PTH) X(K_D6_PTH) X(beta1_OPG) X(beta2_OPG) \
    X(OPG_max) X(D_OPG) X(R1_RANKL) X(R2_RANKL) X(K_A1) X(K_A2) X(RANK) X(beta_RANKL) X(D_RANKL) \
    X(K_RANKL_RANK) X(k_res) X(k_form) X(a_P) X(Pi_mech_ref) X(lambda_mech) X(kappa_mech)
// clang-format on

namespace osteon::models::scheiner2013_parameters {

inline constexpr const char* src_s =
    "Scheiner 2013, Table 1 (recalibrated), as coded by the authors' group (cmodiz/Bone-Models)";
inline constexpr const char* src_p =
    "Pivonka 2008 value, unchanged in Scheiner 2013 (authors' code, cmodiz/Bone-Models)";
inline constexpr const char* src_m =
    "Scheiner 2013, Eqs. 5 and 16, as coded by the authors' group (cmodiz/Bone-Models)";

// D_OBu .. kappa_mech, in this order.
inline constexpr std::array<ParamInfo, 32> cells_and_mechanostat{{
    {"D_OBu", 7.0e-4, "pM/d", "D_{OBu}", "differentiation flux of uncommitted osteoblasts", src_s, 0.0},
    {"D_OBp", 0.16569631297603, "1/d", "D_{OBp}", "differentiation rate of osteoblast precursors", src_s, 0.0},
    {"D_OCp", 2.1e-3, "pM/d", "D_{OCp}·OCp", "differentiation flux of osteoclast precursors (2.1 /d × OCp = 1e-3 pM)",
     src_s, 0.0},
    {"A_OBa", 0.211072625806496, "1/d", "A_{OBa}", "apoptosis rate of active osteoblasts", src_s, 0.0},
    {"A_OCa", 5.64874468409633, "1/d", "A_{OCa}", "apoptosis rate of active osteoclasts", src_s, 0.0},
    {"K_D1_TGFb", 5.63278809675429e-4, "pM", "K_{act,OBu}^{TGFβ}",
     "TGF-β activation coefficient on uncommitted osteoblasts", src_s, 0.0},
    {"K_D2_TGFb", 1.75426051821094e-4, "pM", "K_{rep,OBp}^{TGFβ}",
     "TGF-β repression coefficient on osteoblast precursors", src_s, 0.0},
    {"K_D3_TGFb", 5.63278809675429e-4, "pM", "K_{act,OCa}^{TGFβ}",
     "TGF-β activation coefficient of osteoclast apoptosis", src_s, 0.0},
    {"alpha_TGFb", 1.0, "1", "α", "TGF-β released per osteoclast: TGF-β = α·OCa/D̃_TGFβ",
     "Scheiner 2013 as coded by the authors' group: the paper writes α·k_res·OCa but the code (and its published "
     "steady state) uses α·OCa",
     0.0},
    {"D_TGFb", 1.0, "1/d", "D̃_{TGFβ}", "degradation rate of TGF-β", src_p, 0.0},
    {"beta_PTH", 250.0, "pM/d", "β_{PTH}", "endogenous PTH production", src_p, 0.0},
    {"D_PTH", 86.0, "1/d", "D̃_{PTH}", "degradation rate of PTH", src_p, 0.0},
    {"K_D4_PTH", 150.0, "pM", "K_{act,OB}^{PTH}", "PTH activation coefficient of RANKL expression", src_p, 0.0},
    {"K_D6_PTH", 0.222581427709954, "pM", "K_{rep,OB}^{PTH}", "PTH repression coefficient of OPG production", src_p,
     0.0},
    {"beta1_OPG", 0.0, "1/d", "β_{1,OPG}", "OPG production per osteoblast precursor (0: OPG from OBa)", src_p, 0.0},
    {"beta2_OPG", 1.624900337835679e8, "1/d", "p_{OB}^{OPG}", "OPG production per active osteoblast",
     "Pivonka 2008 value as corrected in the authors' code (see pivonka2008)", 0.0},
    {"OPG_max", 2.0e8, "pM", "C_{OPG}^{max}", "maximal OPG concentration", src_p, 0.0},
    {"D_OPG", 0.35, "1/d", "D̃_{OPG}", "degradation rate of OPG", src_p, 0.0},
    {"R1_RANKL", 2.703476379131062e6, "1", "N_{RANKL}^{OB}", "RANKL carrying capacity per osteoblast precursor",
     "Pivonka 2008 value as corrected in the authors' code (see pivonka2008)", 0.0},
    {"R2_RANKL", 0.0, "1", "R_2^{RANKL}", "RANKL carrying capacity per active osteoblast (0: RANKL on OBp)", src_p,
     0.0},
    {"K_A1", 1.0e-3, "1/pM", "K_{a,[RANKL-OPG]}", "association constant of RANKL-OPG binding", src_p, 0.0},
    {"K_A2", 3.411764705882353e-2, "1/pM", "K_{a,[RANKL-RANK]}", "association constant of RANKL-RANK binding", src_p,
     0.0},
    {"RANK", 10.0, "pM", "N_{RANK}·OCp", "RANK on osteoclast precursors (1e4 per cell × OCp = 1e-3 pM)", src_p, 0.0},
    {"beta_RANKL", 168.4195714712206, "pM/d", "β_{RANKL}", "intrinsic RANKL production",
     "Pivonka 2008 value as corrected in the authors' code (see pivonka2008)", 0.0},
    {"D_RANKL", 10.132471014805027, "1/d", "D̃_{RANKL}", "degradation rate of RANKL", src_p, 0.0},
    {"K_RANKL_RANK", 5.67971833061048, "pM", "K_{d,[RANKL-RANK]}",
     "activation coefficient of the RANKL-RANK complex on osteoclast precursors", src_s, 0.0},
    {"k_res", 200.0, "%/(pM*d)", "k_{res}", "bone resorbed per active osteoclast and day", src_s, 0.0},
    {"k_form", 40.0, "%/(pM*d)", "k_{form}", "bone formed per active osteoblast and day", src_s, 0.0},
    {"a_P", 0.1, "1", "a_{P_{OBp}}",
     "share of the osteoblast precursor supply that comes from proliferation at the habitual steady state", src_m, 0.0,
     1.0},
    {"Pi_mech_ref", 0.5, "1", "Π̆_{act,OBp}^{mech}", "proliferation stimulus at the habitual strain energy density",
     src_m, 0.0, 1.0},
    {"lambda_mech", 1.25, "1", "λ", "anabolic sensitivity: slope of Π_act,OBp^mech in (ψ - ψ*)/ψ*", src_m, 0.0},
    {"kappa_mech", 1.0e5, "pM/d", "κ", "catabolic sensitivity: extra RANKL production at ψ = 0", src_m, 0.0},
}};
// External dosing of the three signals, 0 at homeostasis (P_RANKL, whose meaning differs, is each
// model's own).
inline constexpr const char* src_input = "external input, 0 at homeostasis";
inline constexpr std::array<ParamInfo, 3> external_dosing{{
    {"P_TGFb", 0.0, "pM/d", "P_{TGFβ}", "external TGF-β dosing rate", src_input, 0.0},
    {"P_PTH", 0.0, "pM/d", "P_{PTH}", "external PTH dosing rate", src_input, 0.0},
    {"P_OPG", 0.0, "pM/d", "P_{OPG}", "external OPG dosing rate", src_input, 0.0},
}};

static_assert(names_match(cells_and_mechanostat, {OSTEON_SCHEINER2013_CELL_AND_MECHANOSTAT_PARAMS(OSTEON_NAME)}));

}  // namespace osteon::models::scheiner2013_parameters
