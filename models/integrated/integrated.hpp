// The integrated model: bone loss of a postmenopausal woman and under
// aromatase inhibitors, and how exercise, bisphosphonates and denosumab
// prevent it, at the lumbar spine, total hip and femoral neck.
//
// Composed of the modules in models/modules/ (DESIGN.md §3), each documented
// with its equations and sources there and in docs/models/integrated.md:
//   bone_cell_core     OBp, OBa, OCa, OCp with TGF-β, PTH, OPG, RANKL (Pivonka 2008, Scheiner 2013)
//   estrogen           E(t) from age, menopause and aromatase inhibitors; its effects on the cells
//   exercise_loading   habitual loading with age, exercise regimens
//   mechanostat        SED stimulus, osteocyte sclerostin, Wnt, osteocytic RANKL
//   denosumab_pk       subcutaneous denosumab, RANKL sequestration (Martínez-Reina & Pivonka 2019)
//   bisphosphonate_pk  bone-bound bisphosphonates and osteoclast apoptosis
//   mineralisation     primary and secondary mineralisation of a bone compartment
//   bmd                DXA sites from trabecular and cortical bone, T-scores
//   nutrition          calcium and vitamin D through PTH
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "modules/bisphosphonate_pk.hpp"
#include "modules/bmd.hpp"
#include "modules/bone_cell_core.hpp"
#include "modules/denosumab_pk.hpp"
#include "modules/estrogen.hpp"
#include "modules/exercise_loading.hpp"
#include "modules/mechanostat.hpp"
#include "modules/mineralisation.hpp"
#include "modules/nutrition.hpp"
#include "numerics/math.hpp"
#include "model/model_info.hpp"
#include "model/schedule.hpp"

namespace osteon {
struct Scenario;
}

namespace osteon::models {

struct Integrated {
  enum State {
    OBp, OBa, OCa, OCp,
    BV, OV_trab, MV_trab, BV_cort, OV_cort, MV_cort,
    Lambda_ex, A_den_sc, C_den,
    X_zol, B_zol, X_aln, B_aln, X_ris, B_ris, X_ibn, B_ibn,
  };
  enum Param {
    // cell core
    D_OBu, D_OBp, D_OCp, A_OBa, A_OCa, K_D1_TGFb, K_D2_TGFb, K_D3_TGFb, alpha_TGFb, D_TGFb,
    beta_PTH, D_PTH, K_D4_PTH, K_D6_PTH, beta2_OPG, OPG_max, D_OPG,
    N_RANKL, K_A1, K_A2, N_RANK, beta_RANKL, D_RANKL, K_RANKL_RANK,
    a_P, OCp_ref, A_OCp_ratio, s_OB, s_OC, P_PTH, P_OPG, P_RANKL,
    // estrogen
    age, menopause_age, life_course, history_lead, E_post, w_menopause, AI_suppression, K_E_res, K_E_form, n_E, P_RANKL_E, c_OPG_E, c_OCa_E, c_OBa_E, c_mech_E,
    c_res_E, Scl_rise_E,
    // loading and mechanostat
    BV_ref, E_exp_BV, E_exp_ash, gamma_Scl, q_Scl_OBa, o_Scl_RANKL,
    load_decline, load_decline_onset, load_decline_width, c_age_OBa, exercise_load, tau_accommodation, retained_stimulus,
    e_walking, e_aerobic, e_resistance, e_impact, e_resistance_impact, e_high_intensity_resistance,
    sessions_ref, minutes_ref,
    // bone compartments and mineralisation
    nu_trab, nu_cort, BV_cort_0, t_osteoid, v_prim, v_max, kappa_min, rho_m, rho_o, v_o,
    // DXA sites
    w_trab_LS, w_trab_TH, w_trab_FN, t_score_LS, t_score_TH, t_score_FN,
    ref_mean_LS, ref_sd_LS, ref_mean_TH, ref_sd_TH, ref_mean_FN, ref_sd_FN,
    // nutrition
    calcium, vitamin_d, D_0_25OHD, k_D_25OHD, A_D_PTH, lambda_D_PTH, A_Ca_PTH, K_Ca_PTH, calcium_ref, vitamin_d_ref,
    // denosumab
    k_a_den, F_den, V_c_den, V_max_den, K_m_den, k_el_den, body_weight, chi_den, K_A_den,
    // bisphosphonates
    k_X_BP, cortical_share, E_max_BP, EC50_BP,
    M_zol, fb_zol, pot_zol, M_aln, F_aln, fb_aln, pot_aln, M_ris, F_ris, fb_ris, pot_ris, M_ibn, F_ibn, fb_ibn, pot_ibn,
  };
  // Derived (computed once per run and after parameter changes): reference
  // constants of the premenopausal habitual state, the nutrition factor, and
  // the patient's state at scenario start (baselines of the outputs): her
  // steady state, or with life_course = 1 her history simulated from the
  // premenopausal steady state history_lead years before her menopause.
  enum Derived {
    P_OBp = pot_ibn + 1, D_OCu, A_OCp, pi_RANKL_ref, OBa_ref, OCa_ref, ash_ref, m_nutr, c_Scl_E,
    ss_ok, OBp_0, OBa_0, OCa_0, OCp_0, BV_0, OV_trab_0, MV_trab_0, OV_cort_0, MV_cort_0, BV_cort_start, Lambda_ex_0, activity_0,
  };
  enum Observable {
    bmd_lumbar_spine_change, bmd_total_hip_change, bmd_femoral_neck_change,
    t_score_lumbar_spine, t_score_total_hip, t_score_femoral_neck,
    ctx_change, p1np_change, estrogen, sclerostin, rankl_opg_ratio, denosumab_serum,
    estrogen_deficiency_resorption, estrogen_deficiency_formation, TGFb, PTH, OPG, RANKL, pi_act_RANKL, resorption_rel, formation_rel,
    stimulus, habitual_load, mineral_content_trab, mineral_content_cort, ash_fraction_trab,
    bisphosphonate_surface, bisphosphonate_buried, bisphosphonate_effect, denosumab_pM,
  };

  static constexpr int n_states = B_ibn + 1;
  static constexpr int n_params = pot_ibn + 1;
  static constexpr int n_derived = static_cast<int>(activity_0) - static_cast<int>(pot_ibn);
  static constexpr int n_observables = denosumab_pM + 1;

  static constexpr modules::bone_cell_core::Index cells{
      D_OBu, D_OBp, D_OCp, A_OBa, A_OCa, K_D1_TGFb, K_D2_TGFb, K_D3_TGFb, alpha_TGFb, D_TGFb,
      beta_PTH, D_PTH, K_D4_PTH, K_D6_PTH, beta2_OPG, OPG_max, D_OPG,
      N_RANKL, K_A1, K_A2, N_RANK, beta_RANKL, D_RANKL, K_RANKL_RANK,
      a_P, s_OB, s_OC, P_PTH, P_OPG, P_RANKL, P_OBp, D_OCu, A_OCp};

  // Bisphosphonates: state pairs and constants, one row per drug.
  struct BisphosphonateIndex {
    int X, B, M, F, fb, potency;  // F = -1: intravenous
  };
  static constexpr std::array<BisphosphonateIndex, 4> bisphosphonates{{
      {X_zol, B_zol, M_zol, -1, fb_zol, pot_zol},
      {X_aln, B_aln, M_aln, F_aln, fb_aln, pot_aln},
      {X_ris, B_ris, M_ris, F_ris, fb_ris, pot_ris},
      {X_ibn, B_ibn, M_ibn, F_ibn, fb_ibn, pot_ibn},
  }};

  static const ModelInfo& info();

  // Everything the right-hand side and the observables share.
  template <class T>
  struct Inputs {
    T E, d, d_form, L, content_trab, ash_trab, S, S_eff, Scl, r, f, X_eq, bp_factor, C_pM;
    modules::bone_cell_core::Modifiers<T> m;
  };

  template <class T>
  static Inputs<T> inputs(const T& t, const T* y, const T* p) {
    namespace es = modules::estrogen;
    namespace ms = modules::mechanostat;
    Inputs<T> in;
    const T age_now = p[age] + t * (1.0 / es::days_per_year);
    in.E = es::level(t, T(p[age]), T(p[menopause_age]), T(p[E_post]), T(p[w_menopause]), T(p[AI_suppression]));
    in.d = es::deficiency(in.E, T(p[K_E_res]), T(p[n_E]));
    in.d_form = es::deficiency(in.E, T(p[K_E_form]), T(p[n_E]));
    const es::Effects<T> e = es::effects(in.d, in.d_form, T(p[P_RANKL_E]), T(p[c_OPG_E]), T(p[c_OCa_E]),
                                         T(p[c_res_E]), T(p[c_OBa_E]), T(p[c_mech_E]), T(p[c_Scl_E]));
    in.L = modules::exercise_loading::habitual_load(age_now, T(p[load_decline]), T(p[load_decline_onset]),
                                                    T(p[load_decline_width])) *
           modules::exercise_loading::effective_load(T(p[exercise_load]), y[Lambda_ex]);
    in.content_trab = modules::mineralisation::mean_content(y[BV], y[OV_trab], y[MV_trab]);
    in.ash_trab = modules::mineralisation::ash_fraction(in.content_trab, T(p[rho_m]), T(p[rho_o]), T(p[v_o]));
    in.S = ms::stimulus(in.L, y[BV], T(p[BV_ref]), in.ash_trab, T(p[ash_ref]), T(p[E_exp_BV]), T(p[E_exp_ash]));
    in.S_eff = ms::effective_stimulus(in.S, e.mechanosensitivity);
    in.Scl = ms::sclerostin(in.S_eff, T(p[gamma_Scl])) * e.sclerostin;
    // Resorption (volume per time) relative to the reference: osteoclasts times
    // the bone each resorbs.
    in.r = y[OCa] / p[OCa_ref] * e.resorption_activity;
    in.f = y[OBa] / p[OBa_ref];
    in.X_eq = p[pot_zol] * y[X_zol] + p[pot_aln] * y[X_aln] + p[pot_ris] * y[X_ris] + p[pot_ibn] * y[X_ibn];
    in.bp_factor = modules::bisphosphonate_pk::apoptosis_factor(in.X_eq, T(p[E_max_BP]), T(p[EC50_BP]));
    in.C_pM = modules::denosumab_pk::ng_per_mL_to_pM(y[C_den]);
    in.m.pth_production = p[m_nutr];
    in.m.opg_production = e.opg_production;
    in.m.rankl_production = ms::sclerostin_share(in.Scl, T(p[o_Scl_RANKL]));
    in.m.extra_rankl = e.extra_RANKL;
    in.m.rankl_sequestration = p[chi_den] * p[K_A_den] * in.C_pM;
    in.m.wnt_activation = ms::wnt_activation(in.Scl);
    in.m.osteoblast_death = e.osteoblast_death * ms::sclerostin_share(in.Scl, T(p[q_Scl_OBa])) *
                            (1.0 + p[c_age_OBa] * modules::exercise_loading::years_past(
                                                      age_now, T(p[load_decline_onset]), T(p[load_decline_width])));
    in.m.osteoclast_death = e.osteoclast_death * in.bp_factor;
    return in;
  }

  template <class T>
  static void rhs(const T& t, const T* y, const T* p, T* dydt) {
    const Inputs<T> in = inputs(t, y, p);
    namespace core = modules::bone_cell_core;
    const core::Signals<T> s = core::signals(p, cells, y[OBp], y[OBa], y[OCp], y[OCa], in.m);
    T d[4];
    core::rates(p, cells, s, in.m, y[OBp], y[OBa], y[OCp], y[OCa], d);
    dydt[OBp] = d[0];
    dydt[OBa] = d[1];
    dydt[OCp] = d[2];
    dydt[OCa] = d[3];
    // Bone compartments: formation and resorption scale with the compartment
    // (its surfaces) and with osteoblast and osteoclast activity.
    namespace mn = modules::mineralisation;
    const T trab = p[nu_trab] * (1.0 / modules::estrogen::days_per_year) * y[BV];
    mn::rates(y[BV], y[OV_trab], y[MV_trab], T(trab * in.f), T(trab * in.r), T(p[t_osteoid]), T(p[v_prim]),
              T(p[v_max]), T(p[kappa_min]), dydt[BV], dydt[OV_trab], dydt[MV_trab]);
    const T cort = p[nu_cort] * (1.0 / modules::estrogen::days_per_year) * y[BV_cort];
    mn::rates(y[BV_cort], y[OV_cort], y[MV_cort], T(cort * in.f), T(cort * in.r), T(p[t_osteoid]), T(p[v_prim]),
              T(p[v_max]), T(p[kappa_min]), dydt[BV_cort], dydt[OV_cort], dydt[MV_cort]);
    dydt[Lambda_ex] = modules::exercise_loading::accommodation_rate(y[Lambda_ex], T(p[exercise_load]),
                                                                    T(p[retained_stimulus]), T(p[tau_accommodation]));
    // The published denosumab PK is per kg of body weight.
    modules::denosumab_pk::rates(y[A_den_sc], y[C_den], T(p[k_a_den]), T(p[F_den]), T(p[V_c_den] * p[body_weight]),
                                 T(p[V_max_den] * p[body_weight]), T(p[K_m_den]), T(p[k_el_den]), dydt[A_den_sc],
                                 dydt[C_den]);
    const T k_X = p[k_X_BP] * (1.0 / modules::estrogen::days_per_year);
    // Buried drug returns at the whole-skeleton turnover (cortical and trabecular by mass).
    const T nu_B = (p[cortical_share] * p[nu_cort] + (1.0 - p[cortical_share]) * p[nu_trab]) *
                   (1.0 / modules::estrogen::days_per_year);
    for (const BisphosphonateIndex& b : bisphosphonates) {
      modules::bisphosphonate_pk::rates(y[b.X], y[b.B], in.r, in.f, k_X, nu_B, T(p[b.fb]),
                                        dydt[b.X], dydt[b.B]);
    }
  }

  template <class T>
  static void observables(const T& t, const T* y, const T* p, T* out) {
    const Inputs<T> in = inputs(t, y, p);
    namespace core = modules::bone_cell_core;
    const core::Signals<T> s = core::signals(p, cells, y[OBp], y[OBa], y[OCp], y[OCa], in.m);
    const T trab = y[MV_trab] / p[MV_trab_0];
    const T cort = y[MV_cort] / p[MV_cort_0];
    namespace bmd = modules::bmd;
    const T ls = bmd::relative_change(T(p[w_trab_LS]), trab, cort);
    const T th = bmd::relative_change(T(p[w_trab_TH]), trab, cort);
    const T fn = bmd::relative_change(T(p[w_trab_FN]), trab, cort);
    out[bmd_lumbar_spine_change] = 100.0 * ls;
    out[bmd_total_hip_change] = 100.0 * th;
    out[bmd_femoral_neck_change] = 100.0 * fn;
    out[t_score_lumbar_spine] = bmd::t_score(T(p[t_score_LS]), ls, T(p[ref_mean_LS]), T(p[ref_sd_LS]));
    out[t_score_total_hip] = bmd::t_score(T(p[t_score_TH]), th, T(p[ref_mean_TH]), T(p[ref_sd_TH]));
    out[t_score_femoral_neck] = bmd::t_score(T(p[t_score_FN]), fn, T(p[ref_mean_FN]), T(p[ref_sd_FN]));
    out[ctx_change] = 100.0 * (in.r * (p[OCa_ref] / (p[OCa_0] * p[activity_0])) - 1.0);
    out[p1np_change] = 100.0 * (y[OBa] / p[OBa_0] - 1.0);
    out[estrogen] = in.E;
    out[sclerostin] = in.Scl;
    out[rankl_opg_ratio] = s.RANKL / s.OPG;
    out[denosumab_serum] = y[C_den];
    out[estrogen_deficiency_resorption] = in.d;
    out[estrogen_deficiency_formation] = in.d_form;
    out[TGFb] = s.TGFb;
    out[PTH] = s.PTH;
    out[OPG] = s.OPG;
    out[RANKL] = s.RANKL;
    out[pi_act_RANKL] = s.pi_act_RANKL;
    out[resorption_rel] = in.r;
    out[formation_rel] = in.f;
    out[stimulus] = in.S;
    out[habitual_load] = in.L / modules::exercise_loading::effective_load(T(p[exercise_load]), y[Lambda_ex]);
    out[mineral_content_trab] = in.content_trab;
    out[mineral_content_cort] = modules::mineralisation::mean_content(y[BV_cort], y[OV_cort], y[MV_cort]);
    out[ash_fraction_trab] = in.ash_trab;
    out[bisphosphonate_surface] = y[X_zol] + y[X_aln] + y[X_ris] + y[X_ibn];
    out[bisphosphonate_buried] = y[B_zol] + y[B_aln] + y[B_ris] + y[B_ibn];
    out[bisphosphonate_effect] = in.bp_factor;
    out[denosumab_pM] = in.C_pM;
  }

  static void derive(const double* p, const double* p_start, double* d);
  static bool steady_state(const double* p, double* y);
  // The state at scenario start: her simulated history (life_course = 1) or
  // her steady state (life_course = 0); see derive().
  static bool initial_state(const double* p, double* y);
  static void steady_state_guess(const double* p, double* y);
  static std::string check(const double* p);

  // patient:, drugs:, exercise: and nutrition: into parameters and actions.
  static void compile_regimens(const Scenario& s, std::vector<double>& params, Schedule& schedule);
};

}  // namespace osteon::models
