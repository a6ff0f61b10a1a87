#include "scheiner2013.hpp"

#include <array>

namespace osteon::models {
namespace {

constexpr const char* src_s = "Scheiner 2013, Table 1 (recalibrated), as coded by the authors' group (cmodiz/Bone-Models)";
constexpr const char* src_p = "Pivonka 2008 value, unchanged in Scheiner 2013 (authors' code, cmodiz/Bone-Models)";
constexpr const char* src_m = "Scheiner 2013, Eqs. 5 and 16, as coded by the authors' group (cmodiz/Bone-Models)";
constexpr const char* src_input = "external input, 0 at homeostasis";

const std::array<StateInfo, 4> k_states{{
    {"OBp", "pM", "osteoblast precursors"},
    {"OBa", "pM", "active osteoblasts"},
    {"OCa", "pM", "active osteoclasts"},
    {"f_vas", "%", "vascular porosity (volume fraction of vascular pores); bone matrix f_bm = 100 % - f_vas"},
}};

const std::array<ParamInfo, Scheiner2013::n_params> k_params{{
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
    {"alpha_TGFb", 1.0, "1", "α",
     "TGF-β released per osteoclast: TGF-β = α·OCa/D̃_TGFβ",
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
    {"K_A2", 3.411764705882353e-2, "1/pM", "K_{a,[RANKL-RANK]}", "association constant of RANKL-RANK binding",
     src_p, 0.0},
    {"RANK", 10.0, "pM", "N_{RANK}·OCp", "RANK on osteoclast precursors (1e4 per cell × OCp = 1e-3 pM)", src_p, 0.0},
    {"beta_RANKL", 168.4195714712206, "pM/d", "β_{RANKL}", "intrinsic RANKL production",
     "Pivonka 2008 value as corrected in the authors' code (see pivonka2008)", 0.0},
    {"D_RANKL", 10.132471014805027, "1/d", "D̃_{RANKL}", "degradation rate of RANKL", src_p, 0.0},
    {"K_RANKL_RANK", 5.67971833061048, "pM", "K_{d,[RANKL-RANK]}",
     "activation coefficient of the RANKL-RANK complex on osteoclast precursors", src_s, 0.0},
    {"k_res", 200.0, "%/(pM*d)", "k_{res}", "bone resorbed per active osteoclast and day", src_s, 0.0},
    {"k_form", 40.0, "%/(pM*d)", "k_{form}", "bone formed per active osteoblast and day", src_s, 0.0},
    {"a_P", 0.1, "1", "a_{P_{OBp}}",
     "share of the osteoblast precursor supply that comes from proliferation at the habitual steady state", src_m,
     0.0, 1.0},
    {"Pi_mech_ref", 0.5, "1", "Π̆_{act,OBp}^{mech}", "proliferation stimulus at the habitual strain energy density",
     src_m, 0.0, 1.0},
    {"lambda_mech", 1.25, "1", "λ", "anabolic sensitivity: slope of Π_act,OBp^mech in (ψ - ψ*)/ψ*", src_m, 0.0},
    {"kappa_mech", 1.0e5, "pM/d", "κ", "catabolic sensitivity: extra RANKL production at ψ = 0", src_m, 0.0},
    {"mech_feedback", 1.0, "1", "–",
     "1: mechanical feedback on (Π and P_RANKL^mech follow ψ/ψ*); 0: open loop (Π = Π*, P_RANKL^mech = 0)",
     "osteon switch for the open-loop load cases (models.md §4)", 0.0, 1.0},
    {"f_vas_0", 5.0, "%", "f_{vas}(0)", "vascular porosity at the habitual steady state (defines ψ*)", src_s, 0.0,
     99.0},
    {"Sigma33", -30.0, "MPa", "Σ_{33}",
     "macroscopic axial stress (compression < 0); its value at the start of a run is the habitual load",
     "Scheiner 2013 habitual load (cmodiz/Bone-Models)"},
    {"P_TGFb", 0.0, "pM/d", "P_{TGFβ}", "external TGF-β dosing rate", src_input, 0.0},
    {"P_PTH", 0.0, "pM/d", "P_{PTH}", "external PTH dosing rate", src_input, 0.0},
    {"P_OPG", 0.0, "pM/d", "P_{OPG}", "external OPG dosing rate", src_input, 0.0},
    {"P_RANKL", 0.0, "pM/d", "P_{RANKL}",
     "extra RANKL production (dosing, or estrogen loss in postmenopausal osteoporosis)", src_input, 0.0},
}};

const std::array<ObservableInfo, Scheiner2013::n_observables> k_observables{{
    {"TGFb", "pM", "TGF-β concentration"},
    {"PTH", "pM", "PTH concentration"},
    {"OPG", "pM", "OPG concentration"},
    {"RANKL", "pM", "free RANKL concentration"},
    {"RANKL_RANK", "pM", "RANKL-RANK complex concentration"},
    {"pi_act_TGFb_OBu", "1", "TGF-β activation of uncommitted osteoblast differentiation"},
    {"pi_rep_TGFb_OBp", "1", "TGF-β repression of osteoblast precursor differentiation"},
    {"pi_act_TGFb_OCa", "1", "TGF-β activation of osteoclast apoptosis"},
    {"pi_act_PTH", "1", "PTH activation of RANKL expression"},
    {"pi_rep_PTH", "1", "PTH repression of OPG production"},
    {"pi_act_RANKL", "1", "RANKL activation of osteoclast precursor differentiation"},
    {"f_bm", "%", "bone matrix volume fraction 100 % - f_vas"},
    {"psi_bm", "MPa", "strain energy density of the extravascular bone matrix (MJ/m3)"},
    {"psi_ratio", "1", "ψ_bm/ψ* (1 at the habitual load)"},
    {"Pi_act_OBp_mech", "1", "mechanical stimulus of osteoblast precursor proliferation"},
    {"P_RANKL_mech", "pM/d", "RANKL production induced by disuse"},
    {"formation", "%/d", "bone formation rate k_form·OBa"},
    {"resorption", "%/d", "bone resorption rate k_res·OCa"},
}};

}  // namespace

const ModelInfo& Scheiner2013::info() {
  static const ModelInfo i{
      "scheiner2013",
      "Scheiner S, Pivonka P, Hellmich C. Coupling systems biology with multiscale mechanics, for computer "
      "simulations of bone remodeling. Comput Methods Appl Mech Eng 2013;254:181-196.",
      "Pivonka-type bone cell population model (recalibrated so that OBp = 1e-3, OBa = 5e-4, OCa = 1e-4 pM) in "
      "cortical bone, coupled to continuum micromechanics: the vascular porosity sets, through a Mori-Tanaka "
      "scheme, the strain energy density of the bone matrix under the macroscopic stress Σ33. Above its habitual "
      "value it stimulates osteoblast precursor proliferation; below it, it induces extra RANKL production. "
      "Resorption opens and formation fills the vascular pores.",
      k_states,
      k_params,
      k_observables,
      "Micromechanics: the published two-phase Mori-Tanaka scheme is evaluated exactly in the right-hand side "
      "through its 3x3 normal block (all tensors are orthotropic; only normal stresses act), with the Hill tensor "
      "of the cylinder integrated once numerically. ψ* and P_OBp are fixed at the habitual steady state of the "
      "parameters the run starts with, so an event changing Sigma33 is a change of load. The open loop "
      "(mech_feedback = 0) keeps Π = Π* and no mechanical RANKL."};
  return i;
}

}  // namespace osteon::models
