#include "martinez_reina2019.hpp"

#include <array>

#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace osteon::models {
namespace {

using MR = MartinezReina2019;

constexpr const char* src_s = "Scheiner 2013 value used by Martínez-Reina 2019 (authors' code, cmodiz/Bone-Models)";
constexpr const char* src_p = "Pivonka 2008 value, unchanged in Scheiner 2013 and Martínez-Reina 2019";
constexpr const char* src_m = "Scheiner 2013, Eqs. 5 and 16, as used by Martínez-Reina 2019";
constexpr const char* src_mr = "Martínez-Reina & Pivonka 2019 (as coded by the authors' group, cmodiz/Bone-Models)";
constexpr const char* src_pk = "Martínez-Reina & Pivonka 2019, denosumab PK (after Sutjandra et al. 2011)";
constexpr const char* src_input = "external input, 0 at homeostasis";

const std::array<StateInfo, MR::n_states> k_states{{
    {"OBp", "pM", "osteoblast precursors"},
    {"OBa", "pM", "active osteoblasts"},
    {"OCa", "pM", "active osteoclasts"},
    {"f_vas", "%", "vascular (marrow) porosity of trabecular bone; BV/TV = 100 % - f_vas"},
    {"A_den_sc", "mg", "denosumab in the subcutaneous depot"},
    {"C_den", "ng/mL", "denosumab serum concentration (central compartment)"},
}};

const std::array<ParamInfo, MR::n_params> k_params{{
    {"D_OBu", 7.0e-4, "pM/d", "D_{OBu}", "differentiation flux of uncommitted osteoblasts", src_s, 0.0},
    {"D_OBp", 0.16569631297603, "1/d", "D_{OBp}", "differentiation rate of osteoblast precursors", src_s, 0.0},
    {"D_OCp", 2.1e-3, "pM/d", "D_{OCp}·OCp", "differentiation flux of osteoclast precursors", src_s, 0.0},
    {"A_OBa", 0.211072625806496, "1/d", "A_{OBa}", "apoptosis rate of active osteoblasts", src_s, 0.0},
    {"A_OCa", 5.64874468409633, "1/d", "A_{OCa}", "apoptosis rate of active osteoclasts", src_s, 0.0},
    {"K_D1_TGFb", 5.63278809675429e-4, "pM", "K_{act,OBu}^{TGFβ}", "TGF-β activation coefficient on OBu", src_s, 0.0},
    {"K_D2_TGFb", 1.75426051821094e-4, "pM", "K_{rep,OBp}^{TGFβ}", "TGF-β repression coefficient on OBp", src_s, 0.0},
    {"K_D3_TGFb", 5.63278809675429e-4, "pM", "K_{act,OCa}^{TGFβ}", "TGF-β activation coefficient of OC apoptosis",
     src_s, 0.0},
    {"alpha_TGFb", 1.0, "1", "α", "TGF-β released per osteoclast: TGF-β = α·OCa/D̃_TGFβ (as coded, see scheiner2013)",
     src_s, 0.0},
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
    {"RANK", 10.0, "pM", "N_{RANK}·OCp", "RANK on osteoclast precursors", src_p, 0.0},
    {"beta_RANKL", 168.4195714712206, "pM/d", "β_{RANKL}", "intrinsic RANKL production",
     "Pivonka 2008 value as corrected in the authors' code (see pivonka2008)", 0.0},
    {"D_RANKL", 10.132471014805027, "1/d", "D̃_{RANKL}", "degradation rate of RANKL", src_p, 0.0},
    {"K_RANKL_RANK", 5.67971833061048, "pM", "K_{d,[RANKL-RANK]}",
     "activation coefficient of the RANKL-RANK complex on osteoclast precursors", src_s, 0.0},
    {"k_res", 200.0, "%/(pM*d)", "k_{res}", "bone resorbed per active osteoclast and day", src_s, 0.0},
    {"k_form", 40.0, "%/(pM*d)", "k_{form}", "bone formed per active osteoblast and day", src_s, 0.0},
    {"a_P", 0.1, "1", "a_{P_{OBp}}", "share of the OBp supply from proliferation at the habitual steady state", src_m,
     0.0, 1.0},
    {"Pi_mech_ref", 0.5, "1", "Π̆_{act,OBp}^{mech}", "proliferation stimulus at the habitual SED", src_m, 0.0, 1.0},
    {"lambda_mech", 1.25, "1", "λ", "anabolic sensitivity", src_m, 0.0},
    {"kappa_mech", 1.0e5, "pM/d", "κ", "catabolic sensitivity: extra RANKL production at ψ = 0", src_m, 0.0},
    {"mech_feedback", 1.0, "1", "–", "1: mechanical feedback on; 0: open loop (Π = Π*, no mechanical RANKL)",
     "osteon switch", 0.0, 1.0},
    {"f_vas_0", 85.0, "%", "1 - BV/TV(0)", "porosity at the habitual steady state (BV/TV = 15 %, defines ψ*)", src_mr,
     0.0, 99.0},
    {"Sigma33", -5.0, "MPa", "Σ_{33}",
     "macroscopic axial stress on the trabecular bone (compression < 0); its starting value is the habitual load",
     src_mr},
    {"E_ref", 84.37, "GPa", "E_0", "Young's modulus law E = E_0·(BV/TV)^a·α_ash^b: coefficient", src_mr, 0.0},
    {"E_exp_BV", 2.58, "1", "a", "exponent of BV/TV in the Young's modulus law", src_mr, 0.0},
    {"E_exp_ash", 2.74, "1", "b", "exponent of the ash fraction in the Young's modulus law", src_mr, 0.0},
    {"alpha_ash", 0.72, "1", "α_ash",
     "ash fraction of the bone matrix, held constant (mineralisation not yet modelled; it cancels in ψ/ψ*)",
     "osteon: steady-state ash fraction of the Martínez-Reina 2019 mineralisation law at the Scheiner turnover "
     "(mean mineral fraction 0.380, ρ_m = 3.2, ρ_o = 1.1, v_o = 3/7); computed, see docs/models/martinez_reina2019.md",
     0.0, 1.0},
    {"PMO", 0.0, "1", "–", "1: postmenopausal extra RANKL production from t_PMO on; 0: none (premenopausal)",
     "osteon switch; the paper's PMO case sets it to 1", 0.0, 1.0},
    {"t_PMO", 0.0, "d", "t_0", "onset of postmenopausal osteoporosis (menopause), time since scenario start",
     src_mr, 0.0},
    {"P_PMO_ini", 4.0e3, "pM/d", "P_{RANKL,ini}^{PMO}", "extra RANKL production at menopause", src_mr, 0.0},
    {"xi_PMO", 65.0, "1", "ξ", "decay of the PMO RANKL production: half of P_ini at t - t0 = ξ·τ", src_mr, 0.0},
    {"tau_PMO", 30.0, "d", "τ", "time scale of the PMO RANKL law", src_mr, 0.0},
    {"k_a_den", 0.17, "1/d", "k_a", "absorption rate of denosumab from the subcutaneous depot", src_pk, 0.0},
    {"F_den", 1.0, "1", "F", "bioavailability of subcutaneous denosumab", src_pk, 0.0, 1.0},
    {"V_c_den", 77.9, "mL/kg", "V_c", "central volume of distribution per kg body weight", src_pk, 0.0},
    {"V_max_den", 2672.0, "ng/(kg*d)", "V_max", "maximal Michaelis-Menten elimination rate per kg body weight",
     src_pk, 0.0},
    {"K_m_den", 411.0, "ng/mL", "K_m", "Michaelis-Menten constant of denosumab elimination", src_pk, 0.0},
    {"k_el_den", 0.0115, "1/d", "k_el", "linear elimination rate of denosumab", src_pk, 0.0},
    {"body_weight", 60.0, "kg", "BW", "body weight (scales V_c and V_max)", src_pk, 0.0},
    {"chi_den", 0.012, "1", "χ", "accessibility of bone RANKL to serum denosumab", src_mr, 0.0},
    {"K_A_den", 0.333, "1/pM", "K_{A,den}", "association constant of RANKL-denosumab binding (K_D ≈ 3 pM)", src_mr,
     0.0},
    {"P_TGFb", 0.0, "pM/d", "P_{TGFβ}", "external TGF-β dosing rate", src_input, 0.0},
    {"P_PTH", 0.0, "pM/d", "P_{PTH}", "external PTH dosing rate", src_input, 0.0},
    {"P_OPG", 0.0, "pM/d", "P_{OPG}", "external OPG dosing rate", src_input, 0.0},
    {"P_RANKL", 0.0, "pM/d", "P_{RANKL}", "extra RANKL production from other causes (adds to the PMO law)",
     src_input, 0.0},
}};

const std::array<ObservableInfo, MR::n_observables> k_observables{{
    {"TGFb", "pM", "TGF-β concentration"},
    {"PTH", "pM", "PTH concentration"},
    {"OPG", "pM", "OPG concentration"},
    {"RANKL", "pM", "free RANKL concentration"},
    {"RANKL_RANK", "pM", "RANKL-RANK complex concentration"},
    {"pi_act_RANKL", "1", "RANKL activation of osteoclast precursor differentiation"},
    {"pi_act_TGFb_OCa", "1", "TGF-β activation of osteoclast apoptosis"},
    {"BV_TV", "%", "bone volume fraction BV/TV = 100 % - f_vas"},
    {"E_app", "GPa", "apparent Young's modulus of the trabecular bone"},
    {"psi_bm", "MPa", "strain energy density (MJ/m3)"},
    {"psi_ratio", "1", "ψ/ψ* (1 at the habitual load and BV/TV)"},
    {"Pi_act_OBp_mech", "1", "mechanical stimulus of osteoblast precursor proliferation"},
    {"P_RANKL_mech", "pM/d", "RANKL production induced by disuse"},
    {"P_RANKL_PMO", "pM/d", "extra RANKL production after menopause"},
    {"denosumab_serum", "ng/mL", "denosumab serum concentration"},
    {"denosumab_pM", "pM", "denosumab serum concentration, molar (149 kDa)"},
    {"formation", "%/d", "bone formation rate k_form·OBa"},
    {"resorption", "%/d", "bone resorption rate k_res·OCa"},
}};

}  // namespace

const ModelInfo& MartinezReina2019::info() {
  static const ModelInfo i{
      "martinez_reina2019",
      "Martínez-Reina J, Pivonka P. Effects of long-term treatment of denosumab on bone mineral density: insights "
      "from an in-silico model of bone mineralization. Bone 2019;125:87-95.",
      "The Scheiner 2013 bone cell model and mechanostat in trabecular bone (BV/TV 15 %, isotropic stiffness from "
      "BV/TV and ash fraction, habitual compression 5 MPa). Postmenopausal osteoporosis is an extra RANKL "
      "production that starts at menopause and wanes over years; denosumab, injected subcutaneously (drugs: "
      "entries or events adding to A_den_sc), follows a depot-and-central PK with Michaelis-Menten elimination "
      "and sequesters RANKL in proportion to its serum concentration.",
      k_states,
      k_params,
      k_observables,
      "Not yet included: the paper's mineralisation queue and BMD outputs (they come with the integrated model); "
      "the ash fraction alpha_ash is constant, so the stiffness depends on BV/TV only and alpha_ash cancels in "
      "ψ/ψ*. Under the uniaxial habitual load ψ = Σ33²/(2E), so the Poisson ratio 0.3 of the paper does not enter. "
      "The PMO law is zero up to and including t_PMO, so a run starting at menopause starts from the "
      "premenopausal steady state. Denosumab doses add to the depot A_den_sc; for one dose this is the paper's "
      "explicit absorption input."};
  return i;
}

void MartinezReina2019::compile_regimens(const Scenario& s, std::vector<double>& params, Schedule& schedule) {
  const std::string id(info().id);
  for (const DrugRegimen& g : s.drugs) {
    if (g.drug != "denosumab") {
      throw InputError(g.origin.where, g.origin.key, "drug '" + g.drug + "'",
                       "denosumab, the only drug of " + id + " (the integrated model takes the others)");
    }
    if (!g.dose_mg) {
      throw InputError(g.origin.where, g.origin.key, "a denosumab regimen without a dose",
                       "a dose, e.g. {drug: denosumab, dose: 60 mg, every: 6 mo}");
    }
    // Doses at start + k·every, while before `stop`, within `count` and within the run.
    const int max_doses = g.every ? (g.count ? *g.count : 1000000) : 1;
    for (int k = 0; k < max_doses; ++k) {
      const double t = g.start + (g.every ? k * *g.every : 0.0);
      if (t >= s.duration || (g.stop && t >= *g.stop)) break;
      schedule.add({t, ActionKind::add_state, A_den_sc, *g.dose_mg});
    }
  }
  auto reject = [&](const Origin& o, const std::string& what) {
    throw InputError(o.where, o.key, what, "none: " + id + " takes denosumab under drugs: only (the integrated model "
                                                   "has exercise, patient and nutrition inputs)");
  };
  if (!s.exercise.empty()) reject(s.exercise.front().origin, "an exercise regimen");
  if (s.patient) reject(s.patient->origin, "a patient description");
  if (s.nutrition) reject(s.nutrition->origin, "a nutrition entry");
  // The onset of menopause switches the PMO law on: make it a breakpoint so
  // the integrator stops there instead of stepping over the jump.
  if (params[PMO] != 0.0 && params[t_PMO] > 0.0 && params[t_PMO] < s.duration) {
    schedule.add({params[t_PMO], ActionKind::add_param, PMO, 0.0});
  }
}

}  // namespace osteon::models
