#include "integrated.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include <Eigen/Dense>

#include "core/error.hpp"
#include "core/units.hpp"
#include "integrate/rosenbrock_coefficients.hpp"
#include "numerics/dual.hpp"
#include "numerics/recent_results.hpp"
#include "scenario/dose_times.hpp"
#include "scenario/scenario.hpp"

namespace osteon::models {
namespace {

using IM = Integrated;

constexpr const char* src_s = "Scheiner 2013 value (authors' code, cmodiz/Bone-Models), as in scheiner2013";
constexpr const char* src_p = "Pivonka 2008 value, unchanged in Scheiner 2013 (authors' code), as in pivonka2008";
constexpr const char* src_pc = "Pivonka 2008 value as corrected in the authors' code (see pivonka2008)";
constexpr const char* src_mr = "Martínez-Reina & Pivonka 2019 (Bone 125:87), as in martinez_reina2019";
constexpr const char* src_pk = "Martínez-Reina & Pivonka 2019, denosumab PK (after Sutjandra et al. 2011)";
constexpr const char* src_fit =
    "fitted to C1-C5, C8, C9, C13, C14b of clinical_calibration.md (block 1 of scripts/calibrate-integrated; "
    "models/integrated/calibration/result.json)";
constexpr const char* src_fit_bp =
    "fitted to C6, C7, C14a of clinical_calibration.md (block 2 of scripts/calibrate-integrated; "
    "models/integrated/calibration/result.json)";
constexpr const char* src_fit_ex =
    "fitted to C10, C11 of clinical_calibration.md (block 3 of scripts/calibrate-integrated; "
    "models/integrated/calibration/result.json)";
constexpr const char* src_rmab =
    "fitted to the EVENITY label's single 210 mg SC dose (C_max 22.2 µg/mL, t_max 5 d (2-7 d), AUC 389 µg·d/mL, "
    "effective half-life 12.8 d; Swiss Fachinformation / SmPC 5.2) with F = 0.81, see docs/models/integrated.md";
constexpr const char* src_fit_an =
    "fitted to FRAME (Cosman 2016, A1a-c of docs/validation.md; block 4 of scripts/calibrate-integrated; "
    "models/integrated/calibration/result.json)";
constexpr const char* src_input = "external input, 0 at homeostasis";
constexpr const char* src_patient =
    "patient description (patient: in a scenario); default: the clinical scenarios' "
    "default patient";

constexpr std::array<StateInfo, IM::n_states> k_states{{
    {"OBp", "pM", "osteoblast precursors"},
    {"OBa", "pM", "active osteoblasts"},
    {"OCa", "pM", "active osteoclasts"},
    {"OCp", "pM", "osteoclast precursors"},
    {"BV", "%", "trabecular bone volume fraction BV/TV (matrix incl. osteoid)"},
    {"OV_trab", "%", "trabecular osteoid (unmineralised matrix), volume fraction"},
    {"MV_trab", "%", "trabecular mineral volume (mineral content × mineralised matrix)"},
    {"BV_cort", "%", "cortical bone volume fraction (matrix incl. osteoid)"},
    {"OV_cort", "%", "cortical osteoid, volume fraction"},
    {"MV_cort", "%", "cortical mineral volume"},
    {"RS_trab", "%", "trabecular remodelling space (resorbed, not yet refilled), volume fraction"},
    {"MS_trab", "%", "trabecular mineral volume laid down by the slow secondary phase (part of MV_trab)"},
    {"RS_cort", "%", "cortical remodelling space (resorption cavities awaiting refill: porosity), volume fraction"},
    {"MS_cort", "%", "cortical mineral volume laid down by the slow secondary phase (part of MV_cort)"},
    {"Lambda_ex", "1", "fraction of the exercise load increment that bone has accommodated to", false},
    {"A_den_sc", "mg", "denosumab in the subcutaneous depot"},
    {"C_den", "ng/mL", "denosumab serum concentration"},
    {"X_zol", "umol", "zoledronic acid on bone surfaces"},
    {"B_zol", "umol", "zoledronic acid buried in bone"},
    {"X_aln", "umol", "alendronate on bone surfaces"},
    {"B_aln", "umol", "alendronate buried in bone"},
    {"X_ris", "umol", "risedronate on bone surfaces"},
    {"B_ris", "umol", "risedronate buried in bone"},
    {"X_ibn", "umol", "ibandronate on bone surfaces"},
    {"B_ibn", "umol", "ibandronate buried in bone"},
    // Months after the last dose the antibody decays below 1e-14 and the integrator may step a hair below 0
    // (seen at -1.6e-14 ng/mL 2 y after a 12-month course): not a failed run; the effect reads max(C, 0).
    {"A_rmab_sc", "mg", "romosozumab in the subcutaneous depot", false},
    {"C_rmab", "ng/mL", "romosozumab serum concentration", false},
}};
static_assert(names_match(k_states, {OSTEON_INTEGRATED_STATES(OSTEON_NAME)}));

constexpr std::array<ParamInfo, IM::n_params> k_params{{
    // ---- cell core (bone_cell_core) ----
    {"D_OBu", 7.0e-4, "pM/d", "D_{OBu}", "differentiation flux of uncommitted osteoblasts", src_s, 0.0},
    {"D_OBp", 0.16569631297603, "1/d", "D_{OBp}", "differentiation rate of osteoblast precursors", src_s, 0.0},
    {"D_OCp", 2.1, "1/d", "D_{OCp}",
     "differentiation rate of osteoclast precursors (Scheiner: 2.1e-3 pM/d at OCp = 1e-3 pM)", src_s, 0.0},
    {"A_OBa", 0.211072625806496, "1/d", "A_{OBa}", "apoptosis rate of active osteoblasts", src_s, 0.0},
    {"A_OCa", 5.64874468409633, "1/d", "A_{OCa}", "apoptosis rate of active osteoclasts (times π_act,TGFβ)", src_s,
     0.0},
    {"K_D1_TGFb", 5.63278809675429e-4, "pM", "K_{act,OBu}^{TGFβ}", "TGF-β activation coefficient on OBu", src_s, 0.0},
    {"K_D2_TGFb", 1.75426051821094e-4, "pM", "K_{rep,OBp}^{TGFβ}", "TGF-β repression coefficient on OBp", src_s, 0.0},
    {"K_D3_TGFb", 5.63278809675429e-4, "pM", "K_{act,OCa}^{TGFβ}", "TGF-β activation coefficient of OC apoptosis",
     src_s, 0.0},
    {"alpha_TGFb", 1.0, "1", "α", "TGF-β released per osteoclast: TGF-β = α·OCa/D̃_TGFβ (as coded, see scheiner2013)",
     src_s, 0.0},
    {"D_TGFb", 1.0, "1/d", "D̃_{TGFβ}", "degradation rate of TGF-β", src_p, 0.0},
    {"beta_PTH", 250.0, "pM/d", "β_{PTH}", "endogenous PTH production at the reference nutrition", src_p, 0.0},
    {"D_PTH", 86.0, "1/d", "D̃_{PTH}", "degradation rate of PTH", src_p, 0.0},
    {"K_D4_PTH", 150.0, "pM", "K_{act,OB}^{PTH}", "PTH activation coefficient of RANKL expression", src_p, 0.0},
    {"K_D6_PTH", 0.222581427709954, "pM", "K_{rep,OB}^{PTH}", "PTH repression coefficient of OPG production", src_p,
     0.0},
    {"beta2_OPG", 1.624900337835679e8, "1/d", "p_{OB}^{OPG}", "OPG production per active osteoblast", src_pc, 0.0},
    {"OPG_max", 2.0e8, "pM", "C_{OPG}^{max}", "maximal OPG concentration", src_p, 0.0},
    {"D_OPG", 0.35, "1/d", "D̃_{OPG}", "degradation rate of OPG", src_p, 0.0},
    {"N_RANKL", 2.703476379131062e6, "1", "N_{RANKL}^{OB}", "RANKL carrying capacity per osteoblast precursor", src_pc,
     0.0},
    {"K_A1", 1.0e-3, "1/pM", "K_{a,[RANKL-OPG]}", "association constant of RANKL-OPG binding", src_p, 0.0},
    {"K_A2", 3.411764705882353e-2, "1/pM", "K_{a,[RANKL-RANK]}", "association constant of RANKL-RANK binding", src_p,
     0.0},
    {"N_RANK", 1.0e4, "1", "N_{RANK}", "RANK per osteoclast precursor: RANK = N_RANK·OCp",
     "Scheiner 2013 (cmodiz/Bone-Models: 1e4 per cell, RANK = 10 pM at OCp = 1e-3 pM)", 0.0},
    {"beta_RANKL", 168.4195714712206, "pM/d", "β_{RANKL}", "intrinsic RANKL production", src_pc, 0.0},
    {"D_RANKL", 10.132471014805027, "1/d", "D̃_{RANKL}", "degradation rate of RANKL", src_p, 0.0},
    {"K_RANKL_RANK", 5.67971833061048, "pM", "K̃_{[RANKL-RANK]}",
     "activation coefficient of the RANKL-RANK complex on osteoclast precursors", src_s, 0.0},
    {"a_P", 0.1, "1", "a_{P_{OBp}}", "share of the OBp supply from proliferation at the premenopausal habitual state",
     "Scheiner 2013, Eq. 16", 0.0, 0.9},
    {"OCp_ref", 1.0e-3, "pM", "OCp*", "osteoclast precursors at the premenopausal reference state",
     "Scheiner 2013 (the constant pool of the Pivonka family)", 0.0},
    {"A_OCp_ratio", 3.0, "1", "A_{OCp}/(D_{OCp}π*)",
     "precursor apoptosis over differentiation at the reference: a blocked pool grows by 1 + 1/ratio",
     "osteon choice (no published value; Martínez-Reina 2022 give no number in their abstract): with 3 the pool "
     "grows by a third under complete RANKL block and can supply 4× the reference differentiation",
     0.0},
    {"s_OB", 1.0, "1", "s_{OB}", "time scale factor of the osteoblast lineage (all its rates; steady state unchanged)",
     "1: the Scheiner 2013 rates (active osteoblast lifespan 4.7 d). A slower lineage (s < 1, human active "
     "osteoblasts live ~3 months: Manolagas SC, Endocr Rev 2000;21:115) was tried in the calibration and not "
     "supported by the targets (see docs/models/integrated.md); the human formation period is carried by the "
     "remodelling space instead (tau_RS: formation refills a cavity ~100 d after it was resorbed)",
     0.0},
    {"s_OC", 0.08, "1", "s_{OC}", "time scale factor of the osteoclast lineage (all its rates; steady state unchanged)",
     "osteon: slows the Scheiner OC lineage (lifespan ~1.2 d) to the ~2 weeks of human osteoclasts (Manolagas SC, "
     "Endocr Rev 2000;21:115)",
     0.0},
    {"P_PTH", 0.0, "pM/d", "P_{PTH}", "external PTH dosing rate", src_input, 0.0},
    {"P_OPG", 0.0, "pM/d", "P_{OPG}", "external OPG dosing rate", src_input, 0.0},
    {"P_RANKL", 0.0, "pM/d", "P_{RANKL}", "extra RANKL production from other causes", src_input},
    // ---- estrogen ----
    {"age", 62.0, "y", "a_0", "age of the patient at scenario start", src_patient, 18.0, 110.0},
    {"menopause_age", 51.0, "y", "a_m", "age at the final menstrual period", src_patient, 30.0, 65.0},
    {"life_course", 1.0, "1", "h",
     "1: the state at scenario start is her simulated history (premenopausal steady state history_lead years before "
     "her menopause, then menopause and ageing up to her age); 0: her steady state at her age (at rest)",
     "osteon (issue 14): a woman past menopause is not at rest; her background loss at scenario start is the one "
     "her history leaves her with",
     0.0, 1.0},
    {"history_lead", 8.0, "y", "a_m − a_s",
     "years before the final menstrual period at which her simulated history starts (at steady state)",
     "osteon choice: estradiol is still at the premenopausal level (< 0.01 % below with w = 0.7 y) and starts to "
     "fall ~2 y before the FMP (Randolph JF et al. J Clin Endocrinol Metab 2011;96:746)",
     2.0, 30.0},
    {"E_post", 0.075, "1", "E_post", "postmenopausal residual estradiol relative to the premenopausal level",
     "Dixon JM et al. J Clin Oncol 2008;26:1671 (postmenopausal baseline 25.7 pmol/L) over a premenopausal cycle "
     "average of ~330 pmol/L (~90 pg/mL: follicular ~51, luteal ~137 pg/mL)",
     0.0, 1.0},
    {"w_menopause", 0.7, "y", "w", "width of the menopausal estradiol transition (logistic scale)",
     "Randolph JF et al. J Clin Endocrinol Metab 2011;96:746 (SWAN: E2 falls from 2.0 y before to 2.2 y after the "
     "FMP; 95 % of a logistic lies within ±4.2 w)",
     0.05, 5.0},
    {"AI_suppression", 0.0, "1", "s_AI",
     "fraction of the residual estradiol suppressed by an aromatase inhibitor (set by drugs: entries)",
     "anastrozole 0.899, letrozole 0.941 (Dixon JM et al. J Clin Oncol 2008;26:1671), exemestane 0.922 (Geisler J et "
     "al. Clin Cancer Res 1998;4:2089)",
     0.0, 0.999},
    {"K_E_res", 0.4, "1", "K_{E,res}", "estradiol level of half-maximal effect on resorption (signal d_res)", src_fit,
     1e-3, 10.0},
    {"K_E_form", 50.0, "1", "K_{E,form}", "estradiol level of half-maximal effect on formation (signal d_form)",
     "not fitted (fit.json 'not_fitted'): fitted with the life course it went to its upper bound 50, where d_form ≈ "
     "1 − E; the calibration targets cannot distinguish values above ~10",
     1e-3, 1000.0},
    {"n_E", 0.9, "1", "n_E",
     "exponent of the estradiol response d(E) = (1 − E^n)/(1 + (E/K_E)^n): its slope on log estradiol", src_fit, 0.1,
     5.0},
    {"P_RANKL_E", 300.0, "pM/d", "P_{RANKL}^E", "extra RANKL production at complete estrogen deficiency",
     "estrogen deficiency raises RANKL on marrow cells 2-3 fold (Eghbali-Fatourechi G et al. J Clin Invest "
     "2003;111:1221): P_E·d_res ≈ 1-2 β_RANKL in postmenopausal women (d_res ≈ 0.7-0.8) gives P_E ≈ 300 pM/d. (The "
     "PMO law of Martínez-Reina & Pivonka 2019 adds 4000 pM/d at menopause in a model without the other effects.)",
     0.0},
    {"c_OPG_E", 0.5, "1", "c_{OPG}", "fractional fall of osteoblast OPG production at complete deficiency",
     "estradiol raises OPG production by osteoblastic cells ~2-fold (Hofbauer LC et al. Endocrinology "
     "1999;140:4367); osteon takes half of it as lost without estrogen",
     0.0, 1.0},
    {"c_OCa_E", 0.5, "1", "c_{OC}",
     "fractional fall of osteoclast apoptosis at complete deficiency (longer osteoclast life)",
     "estrogen doubles osteoclast apoptosis (Hughes DE et al. Nat Med 1996;2:1132): half of it is lost without", 0.0,
     0.95},
    {"c_OBa_E", 0.25, "1", "c_{OB}", "fractional rise of active osteoblast apoptosis at complete deficiency",
     "estrogen protects osteoblasts from apoptosis (Kousteni S et al. Cell 2001;104:719); osteon choice of a modest "
     "25 % (no in vivo number)",
     0.0, 2.0},
    {"c_mech_E", 0.5, "1", "c_{mech}", "fractional loss of mechanosensitivity at complete deficiency",
     "bone adaptation to loading requires ERα (Lee K et al. Nature 2003;424:389); osteon choice of one half", 0.0,
     0.95},
    {"c_res_E", 0.25, "1", "c_{res}", "fractional rise of bone resorbed per osteoclast at complete deficiency",
     std::string_view("fitted (see models/integrated/calibration/); estrogen deficiency deepens resorption "
                      "cavities and HRT makes them shallower (Eriksen EF et al. J Bone Miner Res 1999;14:1217)"),
     0.0, 3.0},
    {"Scl_rise_E", 0.37, "1", "ΔScl_E",
     "fractional rise of osteocyte sclerostin at the postmenopausal residual estradiol (d_res(E_post)), at the same "
     "mechanical stimulus: Scl × (1 + c·d_res), c = ΔScl_E/d_res(E_post)",
     "estradiol treatment of postmenopausal women lowered serum sclerostin by 27 % (Mödder UI et al. J Bone Miner "
     "Res 2011;26:27): 1/0.73 − 1 = 0.37",
     0.0, 3.0},
    // ---- loading and mechanostat ----
    {"BV_ref", 15.0, "%", "BV/TV*", "trabecular BV/TV at the premenopausal habitual reference", src_mr, 0.0},
    {"E_exp_BV", 2.58, "1", "a", "exponent of BV/TV in the trabecular stiffness law", src_mr, 0.0},
    {"E_exp_ash", 2.74, "1", "b", "exponent of the ash fraction in the trabecular stiffness law", src_mr, 0.0},
    {"gamma_Scl", 4.0, "1", "γ", "sclerostin response to the mechanical stimulus: Scl = S_eff^(-γ)", src_fit, 0.0,
     10.0},
    {"q_Scl_OBa", 0.5, "1", "q", "share of active osteoblast apoptosis that scales with sclerostin",
     "sclerostin promotes osteoblast apoptosis (Sutherland MK et al. Bone 2004;35:828); osteon choice of one half", 0.0,
     1.0},
    {"o_Scl_RANKL", 0.5, "1", "o", "share of RANKL production by osteocytes (scales with sclerostin)",
     "osteocytes are a main RANKL source in remodelling bone (Nakashima T et al. Nat Med 2011;17:1231; Xiong J et al. "
     "Nat Med 2011;17:1235) and sclerostin raises their RANKL (Wijenayaka AR et al. PLoS One 2011;6:e25900); "
     "osteon choice of one half",
     0.0, 1.0},
    {"load_decline", 0.01, "1/y", "g",
     "relative decline of habitual loading per year of age after the onset (L_hab = exp(−g·τ))",
     "fixed at 1 %/y, the low end of the prior (fit.json 'fixed'): muscle strength falls ~1-1.5 %/y after 50 "
     "(Keller K, Engelhardt M. Muscles Ligaments Tendons J 2013;3:346). Fitted within 0.8-2 %/y it went to the lower "
     "bound (with her history the background loss at 58-64 y, C5, is mostly the tail of her menopause), so it is "
     "not fitted",
     0.0, 0.05},
    {"load_decline_onset", 50.0, "y", "a_0", "age around which habitual loading starts to decline",
     "muscle strength declines from about the sixth decade (e.g. Keller K, Engelhardt M. Muscles Ligaments Tendons J "
     "2013;3:346: ~1.5 %/y after 50)",
     0.0},
    {"load_decline_width", 3.0, "y", "w_L", "width of the smooth onset of the decline (and of the age term c_age)",
     "osteon choice", 0.1},
    {"c_age_OBa", 0.0, "1/y", "c_age",
     "rise of active osteoblast apoptosis per year of age past the onset (the slow, age-related phase of bone loss)",
     "not fitted, 0 (fit.json 'not_fitted'): fitted within 0-0.05 /y it went to 0, its lower bound; no "
     "calibration target lies beyond 64 y, so the targets cannot pin it down. The term is the late slow phase of "
     "bone loss that continues for life, attributed to an age-related deficit of osteoblast function (Riggs BL, "
     "Khosla S, Melton LJ. J Bone Miner Res 1998;13:763); ageing raises osteoblast apoptosis (Almeida M et al. J "
     "Biol Chem 2007;282:27285, mice)",
     0.0, 0.2},
    {"exercise_load", 1.0, "1", "1 + ΣΔL", "exercise loading relative to habitual (1: none; set by exercise: entries)",
     "exercise regimens (exercise_loading)", 0.1, 100.0},
    {"tau_accommodation", 365.25, "d", "τ_acc", "time over which bone accommodates to an exercise routine",
     "osteon choice (about a year): BMD gains of exercise trials level off within 1-2 years; bone cells "
     "accommodate to customary loading (Turner CH, Bone 1998;23:399; Schriefer JL et al. J Biomech 2005;38:1838)",
     1.0},
    {"retained_stimulus", 0.25, "1", "ρ", "fraction of an exercise stimulus that remains after accommodation",
     "osteon choice: a lasting but reduced response to a continued program", 0.0, 1.0},
    {"e_walking", 0.0180062, "1", "e_walking", "load increment of walking at 150 min/wk",
     "tied: 0.1 × e_resistance (walking repeats habitual strains, ~1-1.5 body weights)", 0.0},
    {"e_aerobic", 0.00900311, "1", "e_aerobic", "load increment of aerobic exercise at 150 min/wk",
     "tied: 0.05 × e_resistance (cycling, swimming and low-impact classes load the skeleton little); "
     "consistent with Chubak J et al. Med Sci Sports Exerc 2006;38:1236 (C12, a check)",
     0.0},
    {"e_resistance", 0.180062, "1", "e_resistance",
     "load increment of progressive resistance training at 3 sessions/wk", src_fit_ex, 0.0},
    {"e_impact", 0.17774, "1", "e_impact", "load increment of impact training (jumping) at 3 sessions/wk",
     "tied: e_resistance_impact − e_resistance (combined programs add the two components)", 0.0},
    {"e_resistance_impact", 0.357802, "1", "e_resistance_impact",
     "load increment of combined resistance and impact training at 3 sessions/wk", src_fit_ex, 0.0},
    {"e_high_intensity_resistance", 0.442431, "1", "e_HiRIT",
     "load increment of high-intensity resistance and impact training (80-85 % 1RM) at 3 sessions/wk",
     "tied: 1.47 × e_resistance + e_impact: resistance at 80-85 % of 1RM, (85 %/70 %)² (SED scales with load "
     "squared), plus impact loading (jumping chin-ups with drop landings: Watson SL et al. J Bone Miner Res "
     "2018;33:211, LIFTMOR)",
     0.0},
    {"sessions_ref", 3.0, "1/wk", "x_ref", "reference amount of session-based exercise",
     "typical of the trials pooled by Howe et al. 2011 (2-3 sessions/wk)", 0.0},
    {"minutes_ref", 150.0, "min/wk", "x_ref", "reference amount of walking and aerobic exercise",
     "WHO/ACSM physical activity recommendation (150 min/wk of moderate activity)", 0.0},
    // ---- bone compartments and mineralisation ----
    {"nu_trab", 0.1, "1/y", "ν_trab", "trabecular bone turnover (resorbed volume per volume) at the reference",
     "fitted within 10-35 %/y (block 1 of scripts/calibrate-integrated; on the lower bound: with the remodelling "
     "space a faster turnover opens a larger space and refills it faster under denosumab, and the FREEDOM hip (C8) "
     "rises too fast): cancellous BFR/BV of ~15 %/y before and ~30 %/y after menopause (Recker R et al. J Bone Miner "
     "Res 2004;19:1628); the model's postmenopausal turnover is about twice the reference (~20 %/y)",
     0.0},
    {"nu_cort", 0.02, "1/y", "ν_cort", "cortical bone turnover at the reference",
     "fitted within 2-10 %/y (block 1 of scripts/calibrate-integrated; on the lower bound, the ~2-3 %/y usually "
     "quoted for adult cortical bone: a faster cortex raises the FREEDOM hip gain (C8) above its band)",
     0.0},
    {"BV_cort_0", 95.0, "%", "f_bm", "cortical bone volume fraction at scenario start", "Scheiner 2013 (f_bm = 95 %)",
     0.0, 100.0},
    {"t_osteoid", 17.0, "d", "t_o", "mean time from formation to primary mineralisation (t_lag + t_prim/2)",
     "Martínez-Reina & Pivonka 2019: t_lag = 12 d, t_prim = 10 d", 0.1},
    {"tau_RS", 100.0, "d", "τ_RS",
     "mean time from resorption to refill of a cavity (reversal plus formation period); the remodelling space is "
     "RS = R·τ_RS at steady turnover",
     "human cancellous remodelling: reversal ~1-2 weeks and formation ~3 months (Eriksen EF, Endocr Rev "
     "1986;7:379); the remodelling transient lasts about one remodelling period (Heaney RP, J Bone Miner Res "
     "1994;9:1515; Hernandez CJ et al. Bone 2001;29:511)",
     1.0, 365.25},
    {"modelling_share", 0.0, "1", "m",
     "share of bone formation that is modelling-based (on quiescent surfaces, not coupled to resorption) at the "
     "premenopausal habitual reference; it scales with the compartment's surfaces (ν·V) and with Wnt activation",
     "0: off (fit.json 'fixed'; fitted within its prior 0.05-0.25 it went to the lower bound and worsened the fit, "
     "docs/models/integrated.md Limits). Modelling-based formation is a minority of the formation surface in untreated "
     "postmenopausal "
     "iliac biopsies, continues when remodelling is suppressed (cancellous MBF/BS rose 2.5-fold after 3 months of "
     "denosumab while every remodelling-based index fell: Dempster DW et al. J Bone Miner Res 2018;33:298) and kept "
     "its extent through 16 months of denosumab in ovariectomised monkeys (Ominsky MS et al. J Bone Miner Res "
     "2015;30:1280)",
     0.0, 0.9},
    {"v_prim", 0.121, "1", "v_prim", "mineral volume fraction after primary mineralisation", src_mr, 0.0, 1.0},
    {"v_max", 0.442, "1", "v_max", "maximal mineral volume fraction", src_mr, 0.0, 1.0},
    {"kappa_min", 0.007, "1/d", "κ", "rate of secondary mineralisation",
     "Martínez-Reina & Pivonka 2019 (fit.json 'fixed', not fitted since the slow phase v_s, κ_s carries the "
     "mineralisation that continues for years: Bala Y et al. Bone 2010;46:1204; Boivin G, Meunier PJ. Calcif "
     "Tissue Int 2002;70:503). A slower κ made the cortex immature and the FREEDOM hip rise like the spine",
     0.0},
    {"v_slow", 0.1, "1", "v_s",
     "mineral volume fraction laid down by the slow secondary phase (the last part of v_max)",
     "fitted within 0.02-0.15 (block 1 of scripts/calibrate-integrated, C8, C9): the mean degree of mineralisation "
     "of iliac bone rose by ~11 % over 3 y of alendronate and was still rising (Boivin GY et al. Bone "
     "2000;27:687); 0.1 is 23 % of v_max, of which at postmenopausal turnover about half is laid down",
     0.0, 0.3},
    {"kappa_slow", 0.0002, "1/d", "κ_s", "rate of the slow secondary mineralisation (1/κ_s ≈ 14 y)",
     "fitted within 1/20-1/3 y (block 1 of scripts/calibrate-integrated, C9): secondary mineralisation of human "
     "bone continues for years to decades (Akkus O et al. J Bone Miner Res 2003;18:1012; Boivin G, Meunier PJ. "
     "Calcif Tissue Int 2002;70:503); the FREEDOM extension spine still rises at 8-10 y",
     0.0},
    {"rho_m", 3.2, "g/cm^3", "ρ_m", "density of bone mineral", src_mr, 0.0},
    {"rho_o", 1.1, "g/cm^3", "ρ_o", "density of the organic matrix", src_mr, 0.0},
    {"v_o", 3.0 / 7.0, "1", "v_o", "organic volume fraction of bone matrix", src_mr, 0.0, 1.0},
    // ---- DXA sites ----
    {"w_trab_LS", 0.66, "1", "w_LS", "trabecular share of lumbar spine BMD",
     "commonly quoted trabecular content of the AP lumbar spine, ~66 % (e.g. Bonnick SL, Bone Densitometry in "
     "Clinical Practice, 3rd ed., 2010)",
     0.0, 1.0},
    {"w_trab_TH", 0.3, "1", "w_TH", "trabecular share of total hip BMD",
     "fitted within 0.30-0.50 (block 1 of scripts/calibrate-integrated; it settles at the lower end): the total "
     "hip lies between the femoral neck (~25 %) and the trochanter (~50 %), as commonly quoted (Bonnick 2010), and "
     "includes the intertrochanteric region with its thick cortex",
     0.0, 1.0},
    {"w_trab_FN", 0.25, "1", "w_FN", "trabecular share of femoral neck BMD",
     "commonly quoted trabecular content of the femoral neck, ~25 % (Bonnick 2010)", 0.0, 1.0},
    {"t_score_LS", -1.0, "1", "T_0,LS", "lumbar spine T-score at scenario start", src_patient, -6.0, 4.0},
    {"t_score_TH", -0.8, "1", "T_0,TH", "total hip T-score at scenario start", src_patient, -6.0, 4.0},
    {"t_score_FN", -1.2, "1", "T_0,FN", "femoral neck T-score at scenario start", src_patient, -6.0, 4.0},
    {"ref_mean_LS", 1.064, "g/cm^2", "μ_YA,LS", "young-adult reference lumbar spine BMD",
     "../shared/references/clinical_calibration.md (NHANES young adult women; approximate)", 0.0},
    // A divisor of the T-scores: at least a tenth of the reference SDs (0 gave T = inf with exit 0).
    {"ref_sd_LS", 0.106, "g/cm^2", "σ_YA,LS", "young-adult reference lumbar spine SD",
     "../shared/references/clinical_calibration.md", 0.01},
    {"ref_mean_TH", 0.971, "g/cm^2", "μ_YA,TH", "young-adult reference total hip BMD",
     "../shared/references/clinical_calibration.md (NHANES young adult women; approximate)", 0.0},
    {"ref_sd_TH", 0.114, "g/cm^2", "σ_YA,TH", "young-adult reference total hip SD",
     "../shared/references/clinical_calibration.md", 0.01},
    {"ref_mean_FN", 0.858, "g/cm^2", "μ_YA,FN", "young-adult reference femoral neck BMD",
     "NHANES III (Looker AC et al. Osteoporos Int 1998;8:468), via clinical_calibration.md", 0.0},
    {"ref_sd_FN", 0.120, "g/cm^2", "σ_YA,FN", "young-adult reference femoral neck SD",
     "NHANES III (Looker et al. 1998), via clinical_calibration.md", 0.01},
    // ---- nutrition ----
    {"calcium", 1000.0, "mg/d", "Ca", "dietary calcium intake (set by nutrition:)", "default: the reference intake",
     0.0, 5000.0},
    {"vitamin_d", 600.0, "IU/d", "VitD", "vitamin D intake (set by nutrition:)", "default: the reference intake", 0.0,
     50000.0},
    {"D_0_25OHD", 40.0, "nmol/L", "D_0", "serum 25(OH)D without vitamin D intake",
     "osteon choice: a typical unsupplemented level in temperate-climate women (insufficient, < 50 nmol/L)", 0.0},
    {"k_D_25OHD", 0.0175, "nmol*d/(L*IU)", "k_D", "rise of serum 25(OH)D per IU/d of vitamin D3",
     "Heaney RP et al. Am J Clin Nutr 2003;77:204 (0.7 nmol/L per µg/d)", 0.0},
    {"A_D_PTH", 0.8, "1", "A_D", "amplitude of the PTH rise at low 25(OH)D",
     "osteon: gives PTH ~40 % above plateau at 25(OH)D = 20 nmol/L (Chapuy MC et al. Osteoporos Int 1997;7:439)", 0.0},
    {"lambda_D_PTH", 30.0, "nmol/L", "λ_D", "25(OH)D scale of the PTH fall to its plateau",
     "osteon: plateau (< 5 % above) from ~75-80 nmol/L (Chapuy et al. 1997)", 0.0},
    {"A_Ca_PTH", 0.4, "1", "A_Ca", "amplitude of the PTH rise at low calcium intake",
     "osteon: ~10-20 % between low and high intakes (Steingrimsdottir L et al. JAMA 2005;294:2336)", 0.0},
    {"K_Ca_PTH", 500.0, "mg/d", "K_Ca", "calcium intake of half-maximal effect on PTH", "osteon choice", 0.0},
    {"calcium_ref", 1000.0, "mg/d", "Ca_ref", "reference calcium intake (PTH factor 1)",
     "IOM 2011 dietary reference intake, women 19-50 y", 0.0},
    {"vitamin_d_ref", 600.0, "IU/d", "VitD_ref", "reference vitamin D intake (PTH factor 1)",
     "IOM 2011 dietary reference intake, adults to 70 y", 0.0},
    // ---- denosumab ----
    {"k_a_den", 0.17, "1/d", "k_a", "absorption rate of denosumab from the subcutaneous depot", src_pk, 0.0},
    {"F_den", 1.0, "1", "F", "bioavailability of subcutaneous denosumab", src_pk, 0.0, 1.0},
    // Divides the PK (concentration, saturable elimination): 0 made the run diverge.
    {"V_c_den", 77.9, "mL/kg", "V_c", "central volume of distribution per kg body weight", src_pk, 1e-6},
    {"V_max_den", 2672.0, "ng/(kg*d)", "V_max", "maximal Michaelis-Menten elimination rate per kg", src_pk, 0.0},
    {"K_m_den", 411.0, "ng/mL", "K_m", "Michaelis-Menten constant of denosumab elimination", src_pk, 1e-6},
    {"k_el_den", 0.0115, "1/d", "k_el", "linear elimination rate of denosumab", src_pk, 0.0},
    {"body_weight", 60.0, "kg", "BW", "body weight (scales V_c and V_max)", src_pk, 1.0},
    {"chi_den", 1.0, "1", "χ", "accessibility of bone RANKL to serum denosumab",
     "not fitted (issue 14): 1, bone RANKL sees the serum concentration and binds it with the published K_D of ~3 pM "
     "(K_A,den); with this binding, resorption stays suppressed to the end of each 6-month interval as in FREEDOM "
     "(serum CTX about 70 % below baseline before each dose: Eastell R et al. J Bone Miner Res 2011;26:530). The "
     "earlier fitted 0.21 let RANKL escape as serum fell to ~40 ng/mL. Martínez-Reina & Pivonka 2019 used 0.012 in a "
     "model without the precursor pool",
     0.0, 1.0},
    {"K_A_den", 0.333, "1/pM", "K_{A,den}", "association constant of RANKL-denosumab binding (K_D ≈ 3 pM)", src_mr,
     0.0},
    // ---- bisphosphonates ----
    {"k_X_BP", 0.25, "1/y", "k_X", "rate at which bone surfaces are remodelled (resorbed or covered) at the reference",
     "activation frequency of cancellous bone, ~0.2-0.5 /y in pre- and postmenopausal women (Recker R et al. J Bone "
     "Miner Res 2004;19:1628); osteon takes the premenopausal end",
     0.0},
    {"cortical_share", 0.8, "1", "φ_cort",
     "cortical share of skeletal bone mass (weights the turnover that "
     "releases buried bisphosphonate, ν_B = φ·ν_cort + (1 − φ)·ν_trab)",
     "about 80 % of the adult skeleton is cortical bone (e.g. Clarke B, Clin J Am Soc Nephrol 2008;3:S131)", 0.0, 1.0},
    {"E_max_BP", 0.903257, "1", "E_max", "maximal rise of osteoclast apoptosis with bisphosphonate", src_fit_bp, 0.0},
    {"EC50_BP", 1.75938, "umol", "EC_50",
     "exposure of half-maximal effect: zoledronic-acid-equivalent surface amount times osteoclast activity", src_fit_bp,
     1e-6},
    {"rho_rec_BP", 0.3, "1", "ρ_rec",
     "maximal fraction of osteoclast recruitment (OCp → OCa) blocked by bisphosphonate",
     "osteon choice (not pinned by the targets, which see only the total effect): N-bisphosphonates inhibit "
     "osteoclast formation in vitro through FPPS (Fisher JE et al. Proc Natl Acad Sci USA 1999;96:133; Russell RGG "
     "et al. Osteoporos Int 2008;19:733); 30 % blocked at saturation",
     0.0, 1.0},
    {"rho_depth_BP", 0.2, "1", "ρ_depth", "maximal fraction of the resorption depth removed by bisphosphonate",
     "osteon choice (not pinned by the targets): FPPS inhibition disrupts the ruffled border and resorption of the "
     "osteoclasts that survive (Russell 2008); 20 % shallower resorption at saturation",
     0.0, 1.0},
    // A molar mass divides the dose: at least that of hydrogen (0 made X infinite).
    {"M_zol", 272.09, "g/mol", "M", "molar mass of zoledronic acid (anhydrous; doses are given as such)",
     "Zometa/Reclast labels", 1.0},
    {"fb_zol", 0.61, "1", "f_b", "fraction of plasma zoledronic acid taken up by bone (the rest: renal clearance)",
     "39 ± 16 % of a dose is excreted in urine within 24 h, only traces after (Zometa label; Chen T et al. J Clin "
     "Pharmacol 2002;42:1228: 38 ± 13, 41 ± 14, 37 ± 17 % after 4, 8, 16 mg, i.e. 37-41 %)",
     0.0, 1.0},
    {"kd_zol", 0.1306, "1/y", "k_d", "desorption of zoledronic acid from bone surfaces",
     "osteon assumption: log k_d linear in the hydroxyapatite affinity constant K_L of Nancollas GH et al. Bone "
     "2006;38:617 (zoledronate 3.10, alendronate 2.65, ibandronate 2.36, risedronate 2.19 ×10⁶/M; affinities only, "
     "no desorption rates) through the alendronate and risedronate values, extrapolated for zoledronate; consistent "
     "with only traces in urine after 24 h (Chen 2002)",
     0.0},
    {"pot_zol", 1.0, "1", "potency", "potency of zoledronic acid on osteoclasts (the unit)", "definition", 0.0},
    {"M_aln", 249.10, "g/mol", "M", "molar mass of alendronic acid (doses are given as alendronic acid)",
     "Fosamax label", 1.0},
    {"F_aln", 0.0064, "1", "F", "oral bioavailability of alendronate (fasting)", "Fosamax label: 0.64 % in women", 0.0,
     1.0},
    {"fb_aln", 0.5, "1", "f_b", "fraction of plasma alendronate taken up by bone (the rest: renal clearance)",
     "Fosamax label: ~50 % of an IV dose excreted in urine within 72 h; Khan 1997: ~50 % in 5 days", 0.0, 1.0},
    {"kd_aln", 1.606, "1/y", "k_d", "desorption of alendronate from bone surfaces",
     "IV alendronate: a further 17 % of the dose in urine from day 5 to month 6 after ~50 % in the first 5 days "
     "(Khan SA et al. J Bone Miner Res 1997;12:1700), solved at the reference turnover",
     0.0},
    {"pot_aln", 0.0577, "1", "potency", "potency of alendronate per µmol on osteoclasts relative to zoledronic acid",
     "derived from Kavanagh KL et al. Proc Natl Acad Sci USA 2006;103:7829 Table 1 FPPS IC50s (osteon's "
     "geometric-mean choice): geometric mean of the initial (475/2250 nM) and final (4.1/260 nM, after pre-incubation) "
     "IC50 ratios to "
     "zoledronate, the prior range 0.016-0.21; rank as Dunford JE et al. J Pharmacol Exp Ther 2001;296:235",
     0.0},
    {"M_ris", 305.10, "g/mol", "M", "molar mass of risedronate sodium (doses are given as such)", "Actonel label", 1.0},
    {"F_ris", 0.0063, "1", "F", "oral bioavailability of risedronate (fasting)", "Actonel label: 0.63 %", 0.0, 1.0},
    {"fb_ris", 0.5, "1", "f_b", "fraction of plasma risedronate taken up by bone (the rest: renal clearance)",
     "Actonel label: about half of the absorbed dose is excreted in urine within 24 h", 0.0, 1.0},
    {"kd_ris", 20.90, "1/y", "k_d", "desorption of risedronate from bone surfaces",
     "Actonel label: mean terminal half-life 561 h, solved at the reference turnover; with it the model recovers "
     "77.5 % of an IV dose in urine over 28 days against the label's 85 % (k_d about 32/y would give 85 %: both "
     "label numbers cannot hold in this structure)",
     0.0},
    {"pot_ris", 0.871, "1", "potency", "potency of risedronate per µmol on osteoclasts relative to zoledronic acid",
     "derived from Kavanagh 2006 Table 1 IC50s (osteon's geometric-mean choice): ratios to zoledronate, initial "
     "475/450 nM and final 4.1/5.7 nM; "
     "prior range 0.72-1.06",
     0.0},
    {"M_ibn", 319.20, "g/mol", "M", "molar mass of ibandronic acid (doses are given as such)", "Boniva label", 1.0},
    {"F_ibn", 0.006, "1", "F", "oral bioavailability of ibandronate (fasting)", "Boniva label: 0.6 %", 0.0, 1.0},
    {"fb_ibn", 0.45, "1", "f_b", "fraction of plasma ibandronate taken up by bone (the rest: renal clearance)",
     "Boniva label: 40-50 % of the circulating drug binds to bone", 0.0, 1.0},
    {"kd_ibn", 8.10, "1/y", "k_d", "desorption of ibandronate from bone surfaces",
     "osteon assumption (as kd_zol): log k_d linear in the hydroxyapatite affinity K_L of Nancollas 2006, "
     "interpolated between alendronate and risedronate; Nancollas gives affinities, not desorption rates",
     0.0},
    {"pot_ibn", 0.51, "1", "potency", "potency of ibandronate per µmol on osteoclasts relative to zoledronic acid",
     "set relative to alendronate by the head-to-head MOTION trial (Miller PD et al. Curr Med Res Opin "
     "2008;24:207): ibandronate 150 mg monthly was non-inferior to alendronate 70 mg weekly at 12 months (lumbar "
     "spine +5.1 vs +5.8 %, total hip +2.9 vs +3.0 %), so both regimens are given the same surface exposure "
     "π·X after one year at the reference turnover: pot_aln × X_aln/X_ibn = 0.0577 × 27.6/3.12 µmol "
     "(bisphosphonate_pk::surface_after_constant_delivery; 0.47 at the doubled turnover of a postmenopausal "
     "woman). The FPPS IC50 ratios to zoledronate of Kavanagh 2006 Table 1 (initial 475/1000 nM = 0.48, final "
     "4.1/25 nM = 0.16; their geometric mean 0.279 was the value before) put it at the top of that range",
     0.0},
    // ---- falls and fracture risk (fracture_risk; outputs only) ----
    {"fall_rr_balance", 0.76, "1", "RaR_bal", "rate ratio of falls with balance and functional exercise",
     "Sherrington C et al. Cochrane Database Syst Rev 2019;CD012424: balance and functional exercises vs control, "
     "RaR 0.76 (95 % CI 0.70-0.81; 39 studies, 7920 participants, high certainty)",
     0.0, 1.0},
    {"balance_start", 0.0, "d", "t_bal,0", "start of balance training (set by a balance exercise: entry)",
     "exercise regimens", 0.0},
    {"balance_stop", 0.0, "d", "t_bal,1", "end of balance training (set by a balance exercise: entry)",
     "exercise regimens", 0.0},
    {"balance_adherence", 0.0, "1", "h_bal",
     "adherence to balance training (0: none; set by a balance exercise: entry)", "exercise regimens", 0.0, 1.0},
    // ---- romosozumab (romosozumab_pk) ----
    {"k_a_rmab", 1.00952, "1/d", "k_a", "absorption rate of romosozumab from the subcutaneous depot", src_rmab, 0.0},
    {"F_rmab", 0.81, "1", "F", "bioavailability of subcutaneous romosozumab",
     "EVENITY SmPC 5.2 / Swiss Fachinformation: 81 % after 210 mg SC", 0.0, 1.0},
    // Divides the PK (concentration, saturable elimination): 0 made the run diverge.
    {"V_rmab", 6867.6, "mL", "V", "central volume of distribution of romosozumab", src_rmab, 1e-6},
    {"V_max_rmab", 1.60278e6, "ng/d", "V_max", "maximal saturable (sclerostin-mediated) elimination rate", src_rmab,
     0.0},
    {"K_m_rmab", 4478.08, "ng/mL", "K_m", "Michaelis-Menten constant of the saturable elimination", src_rmab, 1e-6},
    {"k_el_rmab", 0.0465549, "1/d", "k_el", "linear (non-specific) elimination rate of romosozumab", src_rmab, 0.0},
    {"EC50_rmab", 5000.0, "ng/mL", "EC_50", "serum romosozumab of half sclerostin neutralisation in bone",
     "osteon choice: about a quarter of the C_max of 210 mg (22.2 µg/mL), so that bone sclerostin stays mostly "
     "neutralised through the monthly interval (FRAME: P1NP stays above baseline to month 9-12)",
     1e-6},
    {"E_rmab", 1.29475, "1", "E_rmab",
     "rise of active osteoblast survival with sclerostin neutralised: A_OBa/(1 + E·(1 − free fraction)) — the "
     "modelling-based formation and osteoblast survival that the Wnt term of the mechanostat alone leaves out",
     src_fit_an, 0.0, 100.0},
    // ---- teriparatide (teriparatide_pk) ----
    {"tptd_dose", 0.0, "ug/d", "D_TPTD", "daily teriparatide dose (set by drugs: teriparatide entries)",
     "drug regimens (20 µg/d standard)", 0.0, 80.0},
    {"F_tptd", 0.95, "1", "F", "bioavailability of subcutaneous teriparatide", "FORTEO label: about 95 %", 0.0, 1.0},
    {"CL_tptd", 62.0, "L/h", "CL", "systemic clearance of teriparatide (women)", "FORTEO label: about 62 L/h in women",
     1e-3},
    {"c_cort_tptd", 3.03656, "1", "c_cort", "rise of intracortical resorption per 20 µg/d teriparatide",
     std::string_view("fitted to Neer 2001 (block 4 of scripts/calibrate-integrated): teriparatide raises "
                      "intracortical remodelling and porosity, so DXA gains least at cortical sites (Neer 2001: "
                      "femoral neck +3 % against lumbar spine +9 %, radius shaft lower than placebo)"),
     0.0, 50.0},
    {"a_tptd", 1.05649, "1", "a_TPTD", "fall of active osteoblast apoptosis per 20 µg/d: A_OBa/(1 + a·D/20 µg)",
     std::string_view("fitted to Neer 2001 (block 4 of scripts/calibrate-integrated); intermittent PTH keeps "
                      "osteoblasts alive (Jilka RL et al. J Clin Invest 1999;104:439)"),
     0.0, 50.0},
}};
static_assert(names_match(k_params, {OSTEON_INTEGRATED_PARAMS(OSTEON_NAME)}));

const std::array<ObservableInfo, IM::n_observables> k_observables{{
    {"bmd_lumbar_spine_change", "%", "lumbar spine BMD change from scenario start"},
    {"bmd_total_hip_change", "%", "total hip BMD change from scenario start"},
    {"bmd_femoral_neck_change", "%", "femoral neck BMD change from scenario start"},
    {"t_score_lumbar_spine", "1", "lumbar spine T-score"},
    {"t_score_total_hip", "1", "total hip T-score"},
    {"t_score_femoral_neck", "1", "femoral neck T-score"},
    {"ctx_change", "%", "serum CTX proxy (bone resorption rate) change from scenario start"},
    {"p1np_change", "%", "serum P1NP proxy (active osteoblasts, OBa/OBa_0) change from scenario start"},
    {"estrogen", "1", "serum estradiol relative to the premenopausal level"},
    {"sclerostin", "1", "osteocyte sclerostin relative to the premenopausal habitual state"},
    {"rankl_opg_ratio", "1", "free RANKL over OPG (molar)"},
    {"denosumab_serum", "ng/mL", "denosumab serum concentration"},
    {"estrogen_deficiency_resorption", "1", "estrogen deficiency signal of resorption d_res (0 premenopausal, 1 none)"},
    {"estrogen_deficiency_formation", "1", "estrogen deficiency signal of formation d_form (0 premenopausal, 1 none)"},
    {"TGFb", "pM", "TGF-β concentration"},
    {"PTH", "pM", "PTH concentration"},
    {"OPG", "pM", "OPG concentration"},
    {"RANKL", "pM", "free RANKL concentration"},
    {"pi_act_RANKL", "1", "RANKL activation of osteoclast precursor differentiation"},
    {"resorption_rel", "1", "osteoclasts relative to the premenopausal reference (r)"},
    {"formation_rel", "1", "active osteoblasts relative to the premenopausal reference (f)"},
    {"stimulus", "1", "strain energy density relative to the premenopausal habitual state (S)"},
    {"habitual_load", "1", "habitual loading relative to a young adult (age decline)"},
    {"mineral_content_trab", "1", "mean mineral volume fraction of mineralised trabecular matrix"},
    {"mineral_content_cort", "1", "mean mineral volume fraction of mineralised cortical matrix"},
    {"ash_fraction_trab", "1", "ash fraction of trabecular matrix"},
    {"bisphosphonate_surface", "umol", "bisphosphonate on bone surfaces (all drugs)"},
    {"bisphosphonate_buried", "umol", "bisphosphonate buried in bone (all drugs)"},
    {"bisphosphonate_effect", "1", "multiplier of osteoclast apoptosis by bisphosphonates"},
    {"denosumab_pM", "pM", "denosumab serum concentration, molar (149 kDa)"},
    {"fall_rate_rel", "1", "rate of falls relative to no balance training (Sherrington 2019)"},
    {"fracture_risk_hip_rel", "1",
     "hip fracture risk relative to scenario start, from the femoral neck T-score change (Johnell 2005) and falls"},
    {"fracture_risk_major_rel", "1",
     "major osteoporotic fracture risk relative to scenario start, from the femoral neck T-score change (Johnell "
     "2005) and falls"},
    {"fracture_probability_hip_10y", "%",
     "10-year hip fracture probability of a UK reference woman (BMI 25, no clinical risk factors) at this age and "
     "femoral neck T-score (Kanis 2008, Table 3b), times the fall factor"},
    {"fracture_probability_major_10y", "%",
     "10-year major osteoporotic fracture probability of a UK reference woman (BMI 25, no clinical risk factors) at "
     "this age and femoral neck T-score (Kanis 2008, Table 3d), times the fall factor"},
    {"romosozumab_serum", "ug/mL", "romosozumab serum concentration"},
    {"teriparatide_pth_avg", "pM", "daily-average serum PTH added by teriparatide"},
}};

// ---- steady state ----------------------------------------------------------

namespace core = modules::bone_cell_core;
namespace es = modules::estrogen;
namespace ms = modules::mechanostat;
namespace mn = modules::mineralisation;

constexpr double per_year = 1.0 / es::days_per_year;

modules::nutrition::Constants nutrition_constants(const double* p) {
  return {p[IM::D_0_25OHD], p[IM::k_D_25OHD], p[IM::A_D_PTH],     p[IM::lambda_D_PTH],
          p[IM::A_Ca_PTH],  p[IM::K_Ca_PTH],  p[IM::calcium_ref], p[IM::vitamin_d_ref]};
}

// One bone compartment at steady turnover nu (1/d, resorbed volume per matrix
// volume) with matrix volume V: osteoid, mineral (both secondary phases) and
// the remodelling space R·τ_RS, written into y at the compartment's states.
mn::SteadyTwoPhase compartment_steady(const double* p, double V, double nu, int iV, int iO, int iM, int iRS, int iS,
                                      double* y) {
  const mn::SteadyTwoPhase c = mn::steady_state_two_phase(V, nu, p[IM::t_osteoid], p[IM::v_prim], p[IM::v_max],
                                                          p[IM::kappa_min], p[IM::v_slow], p[IM::kappa_slow]);
  y[iV] = c.V;
  y[iO] = c.O;
  y[iM] = c.M;
  y[iS] = c.S;
  y[iRS] = modules::remodelling_space::steady_state(nu * V, p[IM::tau_RS]);
  return c;
}

// Cell modifiers of the untreated patient at t = 0 for an effective stimulus
// S_eff (double), and the deficiency effects they came from.
core::Modifiers<double> patient_modifiers(const double* p, double S_eff, double& sensitivity, double& activity) {
  const double E =
      es::level(0.0, p[IM::age], p[IM::menopause_age], p[IM::E_post], p[IM::w_menopause], p[IM::AI_suppression]);
  const auto e = es::effects(es::deficiency(E, p[IM::K_E_res], p[IM::n_E]),
                             es::deficiency(E, p[IM::K_E_form], p[IM::n_E]), p[IM::P_RANKL_E], p[IM::c_OPG_E],
                             p[IM::c_OCa_E], p[IM::c_res_E], p[IM::c_OBa_E], p[IM::c_mech_E], p[IM::c_Scl_E]);
  sensitivity = e.mechanosensitivity;
  activity = e.resorption_activity;
  const double Scl = ms::sclerostin(S_eff, p[IM::gamma_Scl]) * e.sclerostin;
  core::Modifiers<double> m{};
  m.pth_production = p[IM::m_nutr];
  m.opg_production = e.opg_production;
  m.rankl_production = ms::sclerostin_share(Scl, p[IM::o_Scl_RANKL]);
  m.extra_rankl = e.extra_RANKL;
  m.rankl_sequestration = 0.0;
  m.wnt_activation = ms::wnt_activation(Scl);
  m.osteoblast_death = e.osteoblast_death * ms::sclerostin_share(Scl, p[IM::q_Scl_OBa]) *
                       (1.0 + p[IM::c_age_OBa] * modules::exercise_loading::years_past(
                                                     p[IM::age], p[IM::load_decline_onset], p[IM::load_decline_width]));
  m.osteoclast_death = e.osteoclast_death;
  return m;
}

// The patient's steady state: bone in balance ((1 − m)·f + m·φ = r: coupled
// refill plus modelling-based formation replace resorption) at the S_eff the
// mechanostat settles to, then the bone volume that produces that stimulus
// under her load, and the compartments' mineral at her turnover. Writes the
// state (n_states values) and returns false when no balance is found.
bool solve_patient(const double* p, double* y, double& activity) {
  double sensitivity = 1.0;
  core::Cells cells;
  auto balance = [&](double S_eff) {
    const core::Modifiers<double> m = patient_modifiers(p, S_eff, sensitivity, activity);
    cells = core::steady_state(p, IM::cells, m);
    if (!cells.ok) return static_cast<double>(NAN);
    // The bone compartments balance when the coupled refill and modelling replace what is resorbed.
    return modules::modelling_formation::imbalance(p[IM::modelling_share], cells.OBa / p[IM::OBa_ref],
                                                   cells.OCa / p[IM::OCa_ref] * activity,
                                                   modules::modelling_formation::activity(m.wnt_activation));
  };
  const double S_eff = core::bisect(balance, 0.05, 20.0, true);
  if (!std::isfinite(S_eff) || !std::isfinite(balance(S_eff)) || !(sensitivity > 0.0)) return false;
  const double r = cells.OCa / p[IM::OCa_ref] * activity;
  const double S = 1.0 + (S_eff - 1.0) / sensitivity;
  if (!(S > 0.0)) return false;
  const double age0 = p[IM::age];
  const double load = modules::exercise_loading::habitual_load(age0, p[IM::load_decline], p[IM::load_decline_onset],
                                                               p[IM::load_decline_width]) *
                      (1.0 + p[IM::retained_stimulus] * (p[IM::exercise_load] - 1.0));
  const double nu_t = p[IM::nu_trab] * per_year * r, nu_c = p[IM::nu_cort] * per_year * r;
  // Mineral content does not depend on the volume: find it first, then BV from S.
  const mn::SteadyTwoPhase probe = mn::steady_state_two_phase(1.0, nu_t, p[IM::t_osteoid], p[IM::v_prim], p[IM::v_max],
                                                              p[IM::kappa_min], p[IM::v_slow], p[IM::kappa_slow]);
  const double ash = mn::ash_fraction(probe.content, p[IM::rho_m], p[IM::rho_o], p[IM::v_o]);
  const double BV0 = p[IM::BV_ref] * std::pow(load * load * std::pow(p[IM::ash_ref] / ash, p[IM::E_exp_ash]) / S,
                                              1.0 / p[IM::E_exp_BV]);
  std::fill(y, y + IM::n_states, 0.0);
  const mn::SteadyTwoPhase t =
      compartment_steady(p, BV0, nu_t, IM::BV, IM::OV_trab, IM::MV_trab, IM::RS_trab, IM::MS_trab, y);
  const mn::SteadyTwoPhase c =
      compartment_steady(p, p[IM::BV_cort_0], nu_c, IM::BV_cort, IM::OV_cort, IM::MV_cort, IM::RS_cort, IM::MS_cort, y);
  y[IM::OBp] = cells.OBp;
  y[IM::OBa] = cells.OBa;
  y[IM::OCa] = cells.OCa;
  y[IM::OCp] = cells.OCp;
  y[IM::Lambda_ex] = modules::exercise_loading::accommodation_target(p[IM::exercise_load], p[IM::retained_stimulus]);
  return std::isfinite(BV0) && BV0 > 0.0 && BV0 < 100.0 && t.O < t.V && c.O < c.V;
}

// ---- her history -----------------------------------------------------------

using Full = std::array<double, IM::n_params + IM::n_derived>;

// Her history: the untreated woman (no drugs, no exercise) from age a_s, where
// y holds her steady state, to age a_0. Only the cell and bone states move
// (the exercise and drug states stay 0). Integrated by RODAS4 (the engine's
// stiff method, integrate/rosenbrock_coefficients.hpp: order 4 with an
// embedded order-3 error estimate, L-stable) on the moving states with the
// exact Jacobian and time derivative (forward-mode AD of the right-hand side,
// numerics/dual.hpp: one evaluation instead of n + 2), relative tolerance 1e-6,
// steps up to a year: the history changes over years while the cell lineages
// relax within weeks, so an implicit method takes steps of months. Returns
// false if the integration fails (non-finite or negative state, step limit).
bool simulate_history(const Full& q, double a_s, double a_0, double* y) {
  namespace r = osteon::rodas4;
  constexpr int n = IM::Lambda_ex;  // OBp ... MV_cort
  using Vec = Eigen::Matrix<double, n, 1>;
  using Mat = Eigen::Matrix<double, n, n>;
  Full h = q;
  h[IM::age] = a_s;
  h[IM::AI_suppression] = 0.0;
  h[IM::exercise_load] = 1.0;
  std::array<double, IM::n_states> yf{}, df{};
  auto f = [&](double t, const Vec& x, Vec& dx) {
    for (int i = 0; i < n; ++i) yf[static_cast<std::size_t>(i)] = x(i);
    IM::rhs<double>(t, yf.data(), h.data(), df.data());
    for (int i = 0; i < n; ++i) dx(i) = df[static_cast<std::size_t>(i)];
  };
  // f, J = df/dx and df/dt at (t, x) in one evaluation on dual numbers: the
  // moving states and time are the n + 1 directions, the rest are constants.
  using D = Dual<double, n + 1>;
  std::vector<D> hd(h.begin(), h.end());
  std::array<D, IM::n_states> yd{}, fd{};
  auto jacobian = [&](double t, const Vec& x, Vec& fx, Mat& J, Vec& ft) {
    for (int i = 0; i < n; ++i) yd[static_cast<std::size_t>(i)] = D::variable(x(i), i);
    IM::rhs<D>(D::variable(t, n), yd.data(), hd.data(), fd.data());
    for (int i = 0; i < n; ++i) {
      const D& fi = fd[static_cast<std::size_t>(i)];
      fx(i) = fi.v;
      ft(i) = fi.d[n];
      for (int j = 0; j < n; ++j) J(i, j) = fi.d[static_cast<std::size_t>(j)];
    }
  };
  Vec x, scale;
  for (int i = 0; i < n; ++i) x(i) = y[i];
  for (int i = 0; i < n; ++i) scale(i) = std::fabs(x(i));
  const double t_end = (a_0 - a_s) * es::days_per_year;
  constexpr double rtol = 1e-6, dt_max = 365.25;
  double t = 0.0, dt = 10.0, facmax = 6.0;
  Vec f0, ft, F, yt, rhs, u1, u2, u3, u4, u5, u6, yn;
  Mat J;
  Eigen::PartialPivLU<Mat> lu;
  for (int step = 0; step < 5000 && t < t_end; ++step) {
    const bool last = dt >= (t_end - t) * (1.0 - 1e-12);
    if (last) dt = t_end - t;
    jacobian(t, x, f0, J, ft);
    lu.compute(Mat::Identity() / (r::gamma * dt) - J);
    const double ih = 1.0 / dt;
    u1 = lu.solve(f0 + dt * r::d1 * ft);
    yt = x + r::a21 * u1;
    f(t + r::c2 * dt, yt, F);
    u2 = lu.solve(F + dt * r::d2 * ft + ih * (r::c21 * u1));
    yt = x + r::a31 * u1 + r::a32 * u2;
    f(t + r::c3 * dt, yt, F);
    u3 = lu.solve(F + dt * r::d3 * ft + ih * (r::c31 * u1 + r::c32 * u2));
    yt = x + r::a41 * u1 + r::a42 * u2 + r::a43 * u3;
    f(t + r::c4 * dt, yt, F);
    u4 = lu.solve(F + dt * r::d4 * ft + ih * (r::c41 * u1 + r::c42 * u2 + r::c43 * u3));
    yt = x + r::a51 * u1 + r::a52 * u2 + r::a53 * u3 + r::a54 * u4;
    f(t + dt, yt, F);
    u5 = lu.solve(F + ih * (r::c51 * u1 + r::c52 * u2 + r::c53 * u3 + r::c54 * u4));
    yt += u5;
    f(t + dt, yt, F);
    u6 = lu.solve(F + ih * (r::c61 * u1 + r::c62 * u2 + r::c63 * u3 + r::c64 * u4 + r::c65 * u5));
    yn = yt + u6;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
      const double sc = rtol * std::max({std::fabs(x(i)), std::fabs(yn(i)), 1e-3 * scale(i)});
      sum += (u6(i) / sc) * (u6(i) / sc);
    }
    const double err = std::sqrt(sum / n);
    if (!std::isfinite(err)) return false;
    const double fac = std::clamp(0.9 * std::pow(std::max(err, 1e-300), -0.25), 0.2, facmax);
    if (err <= 1.0) {
      t = last ? t_end : t + dt;
      x = yn;
      for (int i = 0; i < n; ++i) {
        if (!(x(i) >= 0.0)) return false;
      }
      facmax = 6.0;
    } else {
      facmax = 1.0;
    }
    dt = std::min(dt * fac, dt_max);
  }
  if (t < t_end) return false;
  for (int i = 0; i < n; ++i) y[i] = x(i);
  return true;
}

thread_local long t_history_solves = 0;

// Her steady state at a_s and her history to a_0 (y: the state at a_0). They
// depend on her parameters without drugs or exercise (h) and on a_0 only, so
// runs that differ in their regimens alone (osteon compare, regimen sweeps,
// the members of an uncertainty ensemble under each regimen) share them: the
// last 128 are kept per thread, found by a hash of (h, a_0) and compared
// bitwise, so that a reused history is the one a solve would give.
bool history(const Full& h, double a_0, double* y) {
  struct Start {
    std::array<double, IM::n_states> y{};
    bool ok = false;
  };
  constexpr std::size_t n = std::tuple_size_v<Full>;
  thread_local RecentResults<n + 1, Start> recent(128);
  std::array<double, n + 1> key{};
  std::copy(h.begin(), h.end(), key.begin());
  key[n] = a_0;
  const Start& s = recent.get(key.data(), [&] {
    ++t_history_solves;
    Start r;
    double activity = 1.0;  // (her activity at a_0 is computed by the caller)
    // simulate_history sets the same age, AI and exercise values in its copy of h.
    r.ok = solve_patient(h.data(), r.y.data(), activity) && simulate_history(h, h[IM::age], a_0, r.y.data());
    return r;
  });
  std::copy(s.y.begin(), s.y.end(), y);
  return s.ok;
}

// Everything of derive() that depends on the parameters at the start of the
// run only (q holds them on entry; the derived block is written).
void derive_start(Full& q) {
  // The premenopausal habitual reference is the steady state of the cell core
  // with every modifier neutral and the precursor pool held at OCp_ref (the
  // constant pool of the Pivonka family): solved first without proliferation
  // (P_OBp = 0, a_P = 0), which has the same steady state as Scheiner's split
  // of the OBp supply (a_P of it from proliferation at π_Wnt = 1/2, which fixes
  // P_OBp). With the Scheiner defaults it is OBp = 1e-3, OBa = 5e-4, OCa = 1e-4 pM.
  Full c = q;
  c[IM::a_P] = 0.0;
  c[IM::P_OBp] = 0.0;
  c[IM::A_OCp] = 1e12;  // the pool is pinned at OCp_ref
  c[IM::D_OCu] = 1e12 * c[IM::OCp_ref];
  const core::Modifiers<double> neutral{1.0, 1.0, 1.0, 0.0, 0.0, 0.5, 1.0, 1.0};
  const core::Cells ref = core::steady_state(c.data(), IM::cells, neutral);
  double pi_ref = NAN, pi_u = NAN;
  if (ref.ok) {
    const core::Signals<double> s =
        core::signals<double>(c.data(), IM::cells, ref.OBp, ref.OBa, c[IM::OCp_ref], ref.OCa, neutral);
    pi_ref = s.pi_act_RANKL;
    pi_u = s.pi_act_TGFb_OBu;
  }
  q[IM::P_OBp] = q[IM::a_P] * q[IM::D_OBu] * pi_u / (ref.OBp * 0.5);
  q[IM::pi_RANKL_ref] = pi_ref;
  q[IM::A_OCp] = q[IM::A_OCp_ratio] * q[IM::D_OCp] * pi_ref;
  q[IM::D_OCu] = q[IM::OCp_ref] * (q[IM::D_OCp] * pi_ref + q[IM::A_OCp]);
  q[IM::OBa_ref] = ref.OBa;
  q[IM::OCa_ref] = ref.OCa;
  const mn::SteadyTwoPhase bone =
      mn::steady_state_two_phase(1.0, q[IM::nu_trab] * per_year, q[IM::t_osteoid], q[IM::v_prim], q[IM::v_max],
                                 q[IM::kappa_min], q[IM::v_slow], q[IM::kappa_slow]);
  q[IM::ash_ref] = mn::ash_fraction(bone.content, q[IM::rho_m], q[IM::rho_o], q[IM::v_o]);
  q[IM::m_nutr] = modules::nutrition::pth_factor(q[IM::calcium], q[IM::vitamin_d], nutrition_constants(q.data()));
  // Sclerostin rises by Scl_rise_E at the postmenopausal residual estradiol (same stimulus).
  q[IM::c_Scl_E] = q[IM::Scl_rise_E] / es::deficiency(q[IM::E_post], q[IM::K_E_res], q[IM::n_E]);
  std::array<double, IM::n_states> y{};
  double activity = 1.0;
  bool ok = ref.ok;
  const double a_0 = q[IM::age];
  const double a_s = q[IM::menopause_age] - q[IM::history_lead];
  if (ok && q[IM::life_course] >= 0.5 && a_0 > a_s) {
    // Her steady state at a_s, untreated and without exercise, then her history.
    Full h = q;
    h[IM::age] = a_s;
    h[IM::AI_suppression] = 0.0;
    h[IM::exercise_load] = 1.0;
    ok = history(h, a_0, y.data());
    double sensitivity = 1.0;
    patient_modifiers(q.data(), 1.0, sensitivity, activity);  // her resorption activity at a_0
  } else {
    ok = ok && solve_patient(q.data(), y.data(), activity);
    y[IM::BV_cort] = q[IM::BV_cort_0];
  }
  q[IM::ss_ok] = ok ? 1.0 : 0.0;
  q[IM::OBp_0] = y[IM::OBp];
  q[IM::OBa_0] = y[IM::OBa];
  q[IM::OCa_0] = y[IM::OCa];
  q[IM::OCp_0] = y[IM::OCp];
  q[IM::BV_0] = y[IM::BV];
  q[IM::OV_trab_0] = y[IM::OV_trab];
  q[IM::MV_trab_0] = y[IM::MV_trab];
  q[IM::OV_cort_0] = y[IM::OV_cort];
  q[IM::MV_cort_0] = y[IM::MV_cort];
  q[IM::BV_cort_start] = y[IM::BV_cort];
  q[IM::RS_trab_0] = y[IM::RS_trab];
  q[IM::MS_trab_0] = y[IM::MS_trab];
  q[IM::RS_cort_0] = y[IM::RS_cort];
  q[IM::MS_cort_0] = y[IM::MS_cort];
  q[IM::Lambda_ex_0] = y[IM::Lambda_ex];
  q[IM::activity_0] = activity;
}

}  // namespace

// The trial populations of the calibration and validation (calibration/trials.py) were 48-72
// years old at entry and followed for up to 10 years.
constexpr ValidityRange k_validity[] = {
    {"age", 45.0, 85.0, 1.0 / days_per_year,
     "the ages of the calibration and validation trials (48-72 y at entry, followed for up to 10 y)"},
};

const ModelInfo& Integrated::info() {
  static const ModelInfo i{
      "integrated",
      "osteon integrated model of postmenopausal and aromatase-inhibitor bone loss and its prevention, composed of "
      "Pivonka et al. Bone 2008;43:249, Scheiner et al. CMAME 2013;254:181, Martínez-Reina & Pivonka Bone "
      "2019;125:87 and the modules documented in docs/models/integrated.md.",
      "A woman's bone at the lumbar spine, total hip and femoral neck: estrogen falls through menopause and further "
      "under aromatase inhibitors; osteoblasts, osteoclasts and their precursors respond through TGF-β, PTH, OPG and "
      "RANKL; osteocytes sense the strain of the trabecular bone and signal by sclerostin (mechanostat); exercise "
      "raises the load; bisphosphonates bind to bone and kill osteoclasts; denosumab sequesters RANKL; new bone "
      "mineralises in a primary and a secondary phase; calcium and vitamin D act through PTH. Outputs are BMD "
      "changes and T-scores per DXA site and turnover marker proxies. A research and teaching tool, not medical "
      "advice.",
      k_states,
      k_params,
      k_observables,
      "The initial state is the patient's history (life_course = 1): her steady state history_lead years before her "
      "menopause, then her menopause and ageing simulated up to her age at scenario start, so that a woman past "
      "menopause starts with the bone loss her history leaves her with (life_course = 0: her steady state at her "
      "age, at rest). Her T-scores set her BMD at the start. "
      "Times are days; ages, turnover rates (1/y) and the load decline are per year as declared. Parameters marked "
      "'fitted' were fitted to the clinical targets C1-C14 of clinical_calibration.md (see docs/validation.md).",
      integrated_vocabulary(),
      k_validity};
  return i;
}

namespace {
thread_local long t_start_solves = 0;
}  // namespace

long Integrated::start_solves() { return t_start_solves; }
long Integrated::history_solves() { return t_history_solves; }

void Integrated::derive(const double* p, const double* p_start, double* d) {
  // Everything but the nutrition factor depends on the parameters at the
  // start of the run only, and derive() runs again after every parameter
  // change of a run (drug and exercise events): results are kept per thread
  // and reused while the start parameters are bitwise the same. Several are
  // kept because a batched worker interleaves the events of its lanes' runs
  // (8 with AVX-512): with one entry, events missed and solved her history again.
  using Derived = std::array<double, n_derived>;
  thread_local RecentResults<n_params, Derived> recent(16);
  const Derived& value = recent.get(p_start, [&] {
    Full q{};
    std::copy(p_start, p_start + n_params, q.begin());
    derive_start(q);
    ++t_start_solves;
    Derived v;
    std::copy(q.begin() + n_params, q.end(), v.begin());
    return v;
  });
  std::copy(value.begin(), value.end(), d);
  // Nutrition may change during a run (events): its factor follows the
  // current parameters; everything else stays with the start.
  d[m_nutr - n_params] = modules::nutrition::pth_factor(p[calcium], p[vitamin_d], nutrition_constants(p));
}

bool Integrated::initial_state(const double* p, double* y) {
  if (p[ss_ok] != 1.0) return false;
  std::fill(y, y + n_states, 0.0);
  y[OBp] = p[OBp_0];
  y[OBa] = p[OBa_0];
  y[OCa] = p[OCa_0];
  y[OCp] = p[OCp_0];
  y[BV] = p[BV_0];
  y[OV_trab] = p[OV_trab_0];
  y[MV_trab] = p[MV_trab_0];
  y[BV_cort] = p[BV_cort_start];
  y[OV_cort] = p[OV_cort_0];
  y[MV_cort] = p[MV_cort_0];
  y[RS_trab] = p[RS_trab_0];
  y[MS_trab] = p[MS_trab_0];
  y[RS_cort] = p[RS_cort_0];
  y[MS_cort] = p[MS_cort_0];
  y[Lambda_ex] = p[Lambda_ex_0];
  return true;
}

bool Integrated::steady_state(const double* p, double* y) {
  // With a simulated history the start is not a steady state: Newton finds
  // the steady state of the right-hand side at t = 0 instead.
  if (p[life_course] >= 0.5) return false;
  return initial_state(p, y);
}

void Integrated::steady_state_guess(const double* p, double* y) {
  if (initial_state(p, y)) return;
  std::fill(y, y + n_states, 0.0);
  y[OBp] = 1e-3, y[OBa] = 5e-4, y[OCa] = 1e-4, y[OCp] = p[OCp_ref];
  compartment_steady(p, p[BV_ref], p[nu_trab] * per_year, BV, OV_trab, MV_trab, RS_trab, MS_trab, y);
  compartment_steady(p, p[BV_cort_0], p[nu_cort] * per_year, BV_cort, OV_cort, MV_cort, RS_cort, MS_cort, y);
}

std::string Integrated::check(const double* p) {
  if (!(p[ss_ok] == 1.0)) {
    return "no steady state of the patient at scenario start (cells and mechanostat cannot balance for these "
           "parameters)";
  }
  return {};
}

// ---- regimens --------------------------------------------------------------

namespace {

struct AromataseInhibitor {
  const char* name;
  double standard_dose_mg;
  double suppression;
};
constexpr std::array<AromataseInhibitor, 3> k_ais{{
    {"anastrozole", 1.0, 0.899},
    {"letrozole", 2.5, 0.941},
    {"exemestane", 25.0, 0.922},
}};

struct DrugDefaults {
  const char* name;
  double dose_mg;
  int bisphosphonate;  // row in Integrated::bisphosphonates, -1 for denosumab
};
constexpr std::array<DrugDefaults, 5> k_drugs{{
    {"zoledronic_acid", 5.0, 0},
    {"alendronate", 70.0, 1},
    {"risedronate", 35.0, 2},
    {"ibandronate", 150.0, 3},
    {"denosumab", 60.0, -1},
}};

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

void Integrated::compile_regimens(const Scenario& s, std::vector<double>& params, Schedule& schedule) {
  // patient:
  if (s.patient) {
    const Patient& pt = *s.patient;
    if (pt.age) params[age] = *pt.age;
    if (pt.menopause_age) params[menopause_age] = *pt.menopause_age;
    const std::map<std::string, Param> sites{
        {"lumbar_spine", t_score_LS}, {"total_hip", t_score_TH}, {"femoral_neck", t_score_FN}};
    for (const auto& [site, value] : pt.t_score) params[sites.at(site)] = value;
  }
  // nutrition:
  if (s.nutrition) {
    if (s.nutrition->calcium) params[calcium] = *s.nutrition->calcium;
    if (s.nutrition->vitamin_d) params[vitamin_d] = *s.nutrition->vitamin_d;
  }
  // drugs:
  std::vector<const DrugRegimen*> ais;
  for (const DrugRegimen& g : s.drugs) {
    // Anabolic drugs: romosozumab doses into its depot (default 210 mg); teriparatide as a daily
    // therapy, its dose (default 20 µg) on from start to stop.
    if (g.drug == "romosozumab") {
      for (double t : dose_times(g, s.duration)) {
        schedule.add({t, ActionKind::add_state, A_rmab_sc, g.dose_mg ? *g.dose_mg : 210.0});
      }
      continue;
    }
    if (g.drug == "teriparatide") {
      const double ug = g.dose_mg ? *g.dose_mg * 1000.0 : 20.0;
      if (ug > k_params[tptd_dose].max) {
        throw InputError(g.origin.where, g.origin.key, "a dose of " + fmt(ug) + " µg/d teriparatide",
                         "at most " + fmt(k_params[tptd_dose].max) + " µg/d (e.g. 0.02 mg, the standard 20 µg)");
      }
      const double stop = g.stop ? *g.stop : s.duration + 1.0;
      if (g.start < s.duration) {
        schedule.add({g.start, ActionKind::add_param, tptd_dose, ug});
        if (stop < s.duration) schedule.add({stop, ActionKind::add_param, tptd_dose, -ug});
      }
      continue;
    }
    const auto ai = std::find_if(k_ais.begin(), k_ais.end(), [&](const auto& a) { return g.drug == a.name; });
    if (ai != k_ais.end()) {
      // 'every' and 'count' are refused for daily therapies by check_regimens (engine).
      if (g.dose_mg && std::fabs(*g.dose_mg - ai->standard_dose_mg) > 1e-9) {
        throw InputError(g.origin.where, g.origin.key, "a dose of " + fmt(*g.dose_mg) + " mg " + g.drug,
                         "the standard daily dose (" + fmt(ai->standard_dose_mg) +
                             " mg) or none: the model has the "
                             "estradiol suppression of the standard dose only");
      }
      const double stop = g.stop ? *g.stop : s.duration + 1.0;
      for (const DrugRegimen* other : ais) {
        const double other_stop = other->stop ? *other->stop : s.duration + 1.0;
        if (g.start < other_stop && other->start < stop) {
          throw InputError(g.origin.where, g.origin.key, g.drug + " overlapping " + other->origin.key,
                           "one aromatase inhibitor at a time (stop the first before starting the next)");
        }
      }
      ais.push_back(&g);
      {
        // Checked here, not only when the run reaches the drug's start: `validate` accepted
        // AI_suppression: 0.5 with anastrozole, and the run failed (issue 19).
        const double limit = k_params[AI_suppression].max, together = params[AI_suppression] + ai->suppression;
        if (together > limit) {
          throw InputError(g.origin.where, g.origin.key,
                           g.drug + " (estradiol suppression " + fmt(ai->suppression) + ") on top of AI_suppression " +
                               fmt(params[AI_suppression]) + " (together " + fmt(together) + ")",
                           "AI_suppression at most " + fmt(std::max(0.0, limit - ai->suppression)) + " with " + g.drug +
                               ": the inhibitor is given either in drugs: or by the parameter, not both");
        }
      }
      if (g.start < s.duration) {
        schedule.add({g.start, ActionKind::add_param, AI_suppression, ai->suppression});
        if (stop < s.duration) schedule.add({stop, ActionKind::add_param, AI_suppression, -ai->suppression});
      }
      continue;
    }
    const auto drug = std::find_if(k_drugs.begin(), k_drugs.end(), [&](const auto& d) { return g.drug == d.name; });
    if (drug == k_drugs.end()) {
      throw InputError(g.origin.where, g.origin.key, "drug '" + g.drug + "'", "a drug the integrated model knows");
    }
    const double dose = g.dose_mg ? *g.dose_mg : drug->dose_mg;
    for (double t : dose_times(g, s.duration)) {
      if (drug->bisphosphonate < 0) {
        schedule.add({t, ActionKind::add_state, A_den_sc, dose});
      } else {
        const BisphosphonateIndex& b = bisphosphonates[static_cast<std::size_t>(drug->bisphosphonate)];
        const double F = b.F < 0 ? 1.0 : params[b.F];
        schedule.add({t, ActionKind::add_state, b.X,
                      modules::bisphosphonate_pk::bound_amount(dose, F, params[b.fb], params[b.M])});
      }
    }
  }
  // exercise:
  const ExerciseRegimen* balance = nullptr;
  for (const ExerciseRegimen& x : s.exercise) {
    if (x.type == "balance") {
      // Balance training changes the fall rate only (no load on bone): a time window read by the
      // observables, not events, so the integration and BMD stay bitwise those without it.
      if (balance) {
        throw InputError(x.origin.where, x.origin.key,
                         "a second balance regimen (the first is " + balance->origin.key + ")",
                         "one balance regimen per scenario (the fall factor has one time window)");
      }
      if (!x.sessions_per_week) {
        throw InputError(x.origin.where, x.origin.key, "minutes_per_week for balance",
                         "sessions_per_week (balance is dosed in sessions; minutes_per_session is optional)");
      }
      balance = &x;
      params[balance_start] = x.start;
      params[balance_stop] = x.stop ? *x.stop : std::max(s.duration, x.start) + 1.0;
      params[balance_adherence] = x.adherence;
      continue;
    }
    const bool by_minutes = x.type == "walking" || x.type == "aerobic";
    double amount = 0.0;
    if (by_minutes) {
      if (x.minutes_per_week) {
        amount = *x.minutes_per_week;
      } else if (x.minutes_per_session) {
        amount = *x.sessions_per_week * *x.minutes_per_session;
      } else {
        throw InputError(x.origin.where, x.origin.key, "sessions_per_week without minutes_per_session for " + x.type,
                         "minutes_per_week, or minutes_per_session as well (" + x.type + " is dosed in minutes)");
      }
    } else {
      if (!x.sessions_per_week) {
        throw InputError(x.origin.where, x.origin.key, "minutes_per_week for " + x.type,
                         "sessions_per_week (" + x.type + " is dosed in sessions; minutes_per_session is optional)");
      }
      amount = *x.sessions_per_week;
    }
    const std::map<std::string, Param> effectiveness{{"walking", e_walking},
                                                     {"aerobic", e_aerobic},
                                                     {"resistance", e_resistance},
                                                     {"impact", e_impact},
                                                     {"resistance_impact", e_resistance_impact},
                                                     {"high_intensity_resistance", e_high_intensity_resistance}};
    const double reference = by_minutes ? params[minutes_ref] : params[sessions_ref];
    const double increment =
        modules::exercise_loading::load_increment(params[effectiveness.at(x.type)], amount, reference, x.adherence);
    if (x.start < s.duration && increment != 0.0) {
      schedule.add({x.start, ActionKind::add_param, exercise_load, increment});
      if (x.stop && *x.stop < s.duration) schedule.add({*x.stop, ActionKind::add_param, exercise_load, -increment});
    }
  }
}

std::vector<std::string> Integrated::scenario_warnings(const Scenario& s, const std::vector<double>& params) {
  // Aromatase inhibitors alone do not lower estradiol before menopause (the ovaries compensate;
  // premenopausal women get them only with ovarian suppression), and every AI trial of the
  // calibration enrolled postmenopausal women: the model's estradiol suppression is theirs.
  std::vector<std::string> out;
  for (const DrugRegimen& g : s.drugs) {
    if (std::none_of(k_ais.begin(), k_ais.end(), [&](const auto& a) { return g.drug == a.name; })) continue;
    if (g.start >= s.duration) continue;
    const double age_at_start = params[age] + g.start / days_per_year;
    if (age_at_start < params[menopause_age]) {
      out.push_back(g.origin.key + ": " + g.drug + " from age " + fmt(age_at_start) + " y, before menopause (" +
                    "menopause_age " + fmt(params[menopause_age]) + " y): aromatase inhibitors alone are not used " +
                    "before menopause, and model integrated was calibrated on postmenopausal women only: " +
                    "treat the result as a hypothesis");
    }
  }
  return out;
}

}  // namespace osteon::models
