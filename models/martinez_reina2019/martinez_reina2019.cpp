#include "martinez_reina2019.hpp"

#include <array>

#include "core/error.hpp"
#include "pivonka2008/pivonka2008_observables.hpp"
#include "scenario/dose_times.hpp"
#include "scenario/scenario.hpp"
#include "scheiner2013/scheiner2013_parameters.hpp"

namespace osteon::models {
namespace {

using MR = MartinezReina2019;

constexpr const char* src_mr = "Martínez-Reina & Pivonka 2019 (as coded by the authors' group, cmodiz/Bone-Models)";
constexpr const char* src_pk = "Martínez-Reina & Pivonka 2019, denosumab PK (after Sutjandra et al. 2011)";
using scheiner2013_parameters::src_input;

const std::array<StateInfo, MR::n_states> k_states{{
    {"OBp", "pM", "osteoblast precursors"},
    {"OBa", "pM", "active osteoblasts"},
    {"OCa", "pM", "active osteoclasts"},
    {"f_vas", "%", "vascular (marrow) porosity of trabecular bone; BV/TV = 100 % - f_vas"},
    {"A_den_sc", "mg", "denosumab in the subcutaneous depot"},
    {"C_den", "ng/mL", "denosumab serum concentration (central compartment)"},
}};

// The cell, mechanostat and external-dosing rows are Scheiner 2013's (the model builds on it); the rest are
// its own.
constexpr auto k_params = join(
    scheiner2013_parameters::cells_and_mechanostat,
    std::array<ParamInfo, 21>{{
        {"mech_feedback", 1.0, "1", "–", "1: mechanical feedback on; 0: open loop (Π = Π*, no mechanical RANKL)",
         "osteon switch", 0.0, 1.0},
        {"f_vas_0", 85.0, "%", "1 - BV/TV(0)", "porosity at the habitual steady state (BV/TV = 15 %, defines ψ*)",
         src_mr, 0.0, 99.0},
        {"Sigma33", -5.0, "MPa", "Σ_{33}",
         "macroscopic axial stress on the trabecular bone (compression < 0); its starting value is the habitual load",
         src_mr},
        {"E_ref", 84.37, "GPa", "E_0", "Young's modulus law E = E_0·(BV/TV)^a·α_ash^b: coefficient", src_mr, 0.0},
        {"E_exp_BV", 2.58, "1", "a", "exponent of BV/TV in the Young's modulus law", src_mr, 0.0},
        {"E_exp_ash", 2.74, "1", "b", "exponent of the ash fraction in the Young's modulus law", src_mr, 0.0},
        {"alpha_ash", 0.72, "1", "α_ash",
         "ash fraction of the bone matrix, held constant (mineralisation not yet modelled; it cancels in ψ/ψ*)",
         "osteon: steady-state ash fraction of the Martínez-Reina 2019 mineralisation law at the Scheiner turnover "
         "(mean mineral fraction 0.380, ρ_m = 3.2, ρ_o = 1.1, v_o = 3/7); computed, see "
         "docs/models/martinez_reina2019.md",
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
    }},
    scheiner2013_parameters::external_dosing,
    std::array<ParamInfo, 1>{{
        {"P_RANKL", 0.0, "pM/d", "P_{RANKL}", "extra RANKL production from other causes (adds to the PMO law)",
         src_input, 0.0},
    }});
static_assert(names_match(k_params, {OSTEON_MARTINEZ_REINA2019_PARAMS(OSTEON_NAME)}));

namespace obs = pivonka2008_observables;
constexpr auto k_observables =
    join(obs::concentrations,
         std::array<ObservableInfo, 11>{{
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
         }},
         obs::bone_turnover);
static_assert(k_observables.size() == MR::n_observables);

}  // namespace

// The one drug of this model; its dose is required (no standard dose is implied).
constexpr DrugInfo k_drugs[] = {{"denosumab", "denosumab (anti-RANKL antibody, subcutaneous)"}};

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
      "explicit absorption input.",
      Vocabulary{k_drugs, {}, {}, {}, {}, {}}};
  return i;
}

void MartinezReina2019::compile_regimens(const Scenario& s, std::vector<double>& params, Schedule& schedule) {
  for (const DrugRegimen& g : s.drugs) {
    if (!g.dose_mg) {
      throw InputError(g.origin.where, g.origin.key, "a denosumab regimen without a dose",
                       "a dose, e.g. {drug: denosumab, dose: 60 mg, every: 6 mo}");
    }
    for (double t : dose_times(g, s.duration)) schedule.add({t, ActionKind::add_state, A_den_sc, *g.dose_mg});
  }
  // The onset of menopause switches the PMO law on: make it a breakpoint so
  // the integrator stops there instead of stepping over the jump.
  if (params[PMO] != 0.0 && params[t_PMO] > 0.0 && params[t_PMO] < s.duration) {
    schedule.add({params[t_PMO], ActionKind::add_param, PMO, 0.0});
  }
}

}  // namespace osteon::models
