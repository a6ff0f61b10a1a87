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
//   remodelling_space  resorbed volume awaiting refill (Heaney 1994)
//   modelling_formation bone formed on quiescent surfaces, not coupled to resorption (Dempster 2018)
//   mineralisation     primary, fast and slow secondary mineralisation of a bone compartment
//   bmd                DXA sites from trabecular and cortical bone, T-scores
//   nutrition          calcium and vitamin D through PTH
//   fracture_risk      relative and 10-year fracture risk from femoral neck BMD and falls
//   romosozumab_pk     subcutaneous anti-sclerostin antibody, free sclerostin
//   teriparatide_pk    daily PTH 1-34: daily-average PTH, osteoblast survival
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "model/model_info.hpp"
#include "model/param_table.hpp"
#include "model/schedule.hpp"
#include "modules/bisphosphonate_pk.hpp"
#include "modules/bmd.hpp"
#include "modules/bone_cell_core.hpp"
#include "modules/denosumab_pk.hpp"
#include "modules/estrogen.hpp"
#include "modules/exercise_loading.hpp"
#include "modules/fracture_risk.hpp"
#include "modules/mechanostat.hpp"
#include "modules/mineralisation.hpp"
#include "modules/modelling_formation.hpp"
#include "modules/nutrition.hpp"
#include "modules/remodelling_space.hpp"
#include "modules/romosozumab_pk.hpp"
#include "modules/teriparatide_pk.hpp"
#include "numerics/math.hpp"

// States and parameters in table order (integrated.cpp checks its tables against these lists
// at compile time).
// clang-format off
#define OSTEON_INTEGRATED_STATES(X) \
    X(OBp) X(OBa) X(OCa) X(OCp) \
    X(BV) X(OV_trab) X(MV_trab) X(BV_cort) X(OV_cort) X(MV_cort) \
    X(RS_trab) X(MS_trab) X(RS_cort) X(MS_cort) \
    X(Lambda_ex) X(A_den_sc) X(C_den) \
    X(X_zol) X(B_zol) X(X_aln) X(B_aln) X(X_ris) X(B_ris) X(X_ibn) X(B_ibn) \
    X(A_rmab_sc) X(C_rmab)
#define OSTEON_INTEGRATED_PARAMS(X) \
    /* cell core */ \
    X(D_OBu) X(D_OBp) X(D_OCp) X(A_OBa) X(A_OCa) X(K_D1_TGFb) X(K_D2_TGFb) X(K_D3_TGFb) X(alpha_TGFb) \
    X(D_TGFb) \
    X(beta_PTH) X(D_PTH) X(K_D4_PTH) X(K_D6_PTH) X(beta2_OPG) X(OPG_max) X(D_OPG) \
    X(N_RANKL) X(K_A1) X(K_A2) X(N_RANK) X(beta_RANKL) X(D_RANKL) X(K_RANKL_RANK) \
    X(a_P) X(OCp_ref) X(A_OCp_ratio) X(s_OB) X(s_OC) X(P_PTH) X(P_OPG) X(P_RANKL) \
    /* estrogen */ \
    X(age) X(menopause_age) X(life_course) X(history_lead) X(E_post) X(w_menopause) X(AI_suppression) \
    X(K_E_res) X(K_E_form) X(n_E) X(P_RANKL_E) X(c_OPG_E) X(c_OCa_E) X(c_OBa_E) X(c_mech_E) \
    X(c_res_E) X(Scl_rise_E) \
    /* loading and mechanostat */ \
    X(BV_ref) X(E_exp_BV) X(E_exp_ash) X(gamma_Scl) X(q_Scl_OBa) X(o_Scl_RANKL) \
    X(load_decline) X(load_decline_onset) X(load_decline_width) X(c_age_OBa) X(exercise_load) \
    X(tau_accommodation) X(retained_stimulus) \
    X(e_walking) X(e_aerobic) X(e_resistance) X(e_impact) X(e_resistance_impact) \
    X(e_high_intensity_resistance) \
    X(sessions_ref) X(minutes_ref) \
    /* bone compartments and mineralisation */ \
    X(nu_trab) X(nu_cort) X(BV_cort_0) X(t_osteoid) X(tau_RS) X(modelling_share) X(v_prim) X(v_max) X(kappa_min) X(v_slow) X(kappa_slow) X(rho_m) X(rho_o) X(v_o) \
    /* DXA sites */ \
    X(w_trab_LS) X(w_trab_TH) X(w_trab_FN) X(t_score_LS) X(t_score_TH) X(t_score_FN) \
    X(ref_mean_LS) X(ref_sd_LS) X(ref_mean_TH) X(ref_sd_TH) X(ref_mean_FN) X(ref_sd_FN) \
    /* nutrition */ \
    X(calcium) X(vitamin_d) X(D_0_25OHD) X(k_D_25OHD) X(A_D_PTH) X(lambda_D_PTH) X(A_Ca_PTH) X(K_Ca_PTH) \
    X(calcium_ref) X(vitamin_d_ref) \
    /* denosumab */ \
    X(k_a_den) X(F_den) X(V_c_den) X(V_max_den) X(K_m_den) X(k_el_den) X(body_weight) X(chi_den) X(K_A_den) \
    /* bisphosphonates */ \
    X(k_X_BP) X(cortical_share) X(E_max_BP) X(EC50_BP) X(rho_rec_BP) X(rho_depth_BP) \
    X(M_zol) X(fb_zol) X(kd_zol) X(pot_zol) X(M_aln) X(F_aln) X(fb_aln) X(kd_aln) X(pot_aln) \
    X(M_ris) X(F_ris) X(fb_ris) X(kd_ris) X(pot_ris) X(M_ibn) X(F_ibn) X(fb_ibn) X(kd_ibn) X(pot_ibn) \
    /* falls and fracture risk (fracture_risk) */ \
    X(fall_rr_balance) X(balance_start) X(balance_stop) X(balance_adherence) \
    /* anabolic drugs (romosozumab_pk, teriparatide_pk) */ \
    X(k_a_rmab) X(F_rmab) X(V_rmab) X(V_max_rmab) X(K_m_rmab) X(k_el_rmab) X(EC50_rmab) X(E_rmab) \
    X(tptd_dose) X(F_tptd) X(CL_tptd) X(c_cort_tptd) X(a_tptd)
// clang-format on

namespace osteon {
struct Scenario;
}

namespace osteon::models {

struct Integrated {
  enum State { OSTEON_INTEGRATED_STATES(OSTEON_ENUMERATOR) };
  enum Param { OSTEON_INTEGRATED_PARAMS(OSTEON_ENUMERATOR) };
  // Derived (computed once per run and after parameter changes): reference
  // constants of the premenopausal habitual state, the nutrition factor, and
  // the patient's state at scenario start (baselines of the outputs): her
  // steady state, or with life_course = 1 her history simulated from the
  // premenopausal steady state history_lead years before her menopause.
  enum Derived {
    P_OBp = a_tptd + 1,
    D_OCu,
    A_OCp,
    pi_RANKL_ref,
    OBa_ref,
    OCa_ref,
    ash_ref,
    m_nutr,
    c_Scl_E,
    ss_ok,
    OBp_0,
    OBa_0,
    OCa_0,
    OCp_0,
    BV_0,
    OV_trab_0,
    MV_trab_0,
    OV_cort_0,
    MV_cort_0,
    BV_cort_start,
    RS_trab_0,
    MS_trab_0,
    RS_cort_0,
    MS_cort_0,
    Lambda_ex_0,
    activity_0,
  };
  enum Observable {
    bmd_lumbar_spine_change,
    bmd_total_hip_change,
    bmd_femoral_neck_change,
    t_score_lumbar_spine,
    t_score_total_hip,
    t_score_femoral_neck,
    ctx_change,
    p1np_change,
    estrogen,
    sclerostin,
    rankl_opg_ratio,
    denosumab_serum,
    estrogen_deficiency_resorption,
    estrogen_deficiency_formation,
    TGFb,
    PTH,
    OPG,
    RANKL,
    pi_act_RANKL,
    resorption_rel,
    formation_rel,
    stimulus,
    habitual_load,
    mineral_content_trab,
    mineral_content_cort,
    ash_fraction_trab,
    bisphosphonate_surface,
    bisphosphonate_buried,
    bisphosphonate_effect,
    denosumab_pM,
    fall_rate_rel,
    fracture_risk_hip_rel,
    fracture_risk_major_rel,
    fracture_probability_hip_10y,
    fracture_probability_major_10y,
    romosozumab_serum,
    teriparatide_pth_avg,
  };

  static constexpr int n_states = C_rmab + 1;
  static constexpr int n_params = a_tptd + 1;
  static constexpr int n_derived = static_cast<int>(activity_0) - static_cast<int>(a_tptd);
  static constexpr int n_observables = teriparatide_pth_avg + 1;

  static constexpr modules::bone_cell_core::Index cells{
      D_OBu,  D_OBp,    D_OCp,   A_OBa,      A_OCa,    K_D1_TGFb,    K_D2_TGFb, K_D3_TGFb, alpha_TGFb,
      D_TGFb, beta_PTH, D_PTH,   K_D4_PTH,   K_D6_PTH, beta2_OPG,    OPG_max,   D_OPG,     N_RANKL,
      K_A1,   K_A2,     N_RANK,  beta_RANKL, D_RANKL,  K_RANKL_RANK, a_P,       s_OB,      s_OC,
      P_PTH,  P_OPG,    P_RANKL, P_OBp,      D_OCu,    A_OCp};

  // Bisphosphonates: state pairs and constants, one row per drug.
  struct BisphosphonateIndex {
    int X, B, M, F, fb, kd, potency;  // F = -1: intravenous
  };
  static constexpr std::array<BisphosphonateIndex, 4> bisphosphonates{{
      {X_zol, B_zol, M_zol, -1, fb_zol, kd_zol, pot_zol},
      {X_aln, B_aln, M_aln, F_aln, fb_aln, kd_aln, pot_aln},
      {X_ris, B_ris, M_ris, F_ris, fb_ris, kd_ris, pot_ris},
      {X_ibn, B_ibn, M_ibn, F_ibn, fb_ibn, kd_ibn, pot_ibn},
  }};

  static const ModelInfo& info();

  // Everything the right-hand side and the observables share.
  template <class T>
  struct Inputs {
    T E, d, d_form, L, content_trab, ash_trab, S, S_eff, Scl, r, f, b, phi_mod, X_eq, C_pM, pth_tptd, x_tptd;
    modules::bisphosphonate_pk::Effects<T> bp;
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
    const es::Effects<T> e = es::effects(in.d, in.d_form, T(p[P_RANKL_E]), T(p[c_OPG_E]), T(p[c_OCa_E]), T(p[c_res_E]),
                                         T(p[c_OBa_E]), T(p[c_mech_E]), T(p[c_Scl_E]));
    in.L = modules::exercise_loading::habitual_load(age_now, T(p[load_decline]), T(p[load_decline_onset]),
                                                    T(p[load_decline_width])) *
           modules::exercise_loading::effective_load(T(p[exercise_load]), y[Lambda_ex]);
    in.content_trab = modules::mineralisation::mean_content(y[BV], y[OV_trab], y[MV_trab]);
    in.ash_trab = modules::mineralisation::ash_fraction(in.content_trab, T(p[rho_m]), T(p[rho_o]), T(p[v_o]));
    in.S = ms::stimulus(in.L, y[BV], T(p[BV_ref]), in.ash_trab, T(p[ash_ref]), T(p[E_exp_BV]), T(p[E_exp_ash]));
    in.S_eff = ms::effective_stimulus(in.S, e.mechanosensitivity);
    // Romosozumab leaves a fraction of the osteocytes' sclerostin free (1 without it).
    const T free_scl =
        modules::romosozumab_pk::free_fraction(math::max(y[C_rmab], math::constant(t, 0.0)), T(p[EC50_rmab]));
    in.Scl = ms::sclerostin(in.S_eff, T(p[gamma_Scl])) * e.sclerostin * free_scl;
    // Teriparatide: daily-average PTH it adds (pM), F·D/(CL·24 h), and its dose relative to 20 µg.
    namespace tp = modules::teriparatide_pk;
    in.pth_tptd = p[F_tptd] * p[tptd_dose] * (1e6 / tp::molar_mass_g_per_mol) / (p[CL_tptd] * 24.0);
    in.x_tptd = p[tptd_dose] * (1.0 / 20.0);
    // Resorption (volume per time) relative to the reference: osteoclasts times
    // the bone each resorbs.
    // ---- bisphosphonates: exposure of the resorbing osteoclasts (surface drug times the bone each resorbs) ----
    in.X_eq = (p[pot_zol] * y[X_zol] + p[pot_aln] * y[X_aln] + p[pot_ris] * y[X_ris] + p[pot_ibn] * y[X_ibn]) *
              e.resorption_activity;
    in.bp = modules::bisphosphonate_pk::effects(modules::bisphosphonate_pk::inhibition(in.X_eq, T(p[EC50_BP])),
                                                T(p[E_max_BP]), T(p[rho_rec_BP]), T(p[rho_depth_BP]));
    in.r = y[OCa] / p[OCa_ref] * e.resorption_activity * in.bp.depth;
    in.f = y[OBa] / p[OBa_ref];
    // Focal balance of a remodelling cycle: osteoblast over osteoclast activity
    // (1 at any steady turnover, where the cells balance; shallower cavities raise it).
    in.b = in.f / in.r;
    in.C_pM = modules::denosumab_pk::ng_per_mL_to_pM(y[C_den]);
    in.m.pth_production = p[m_nutr] + in.pth_tptd * p[D_PTH] / p[beta_PTH];
    in.m.opg_production = e.opg_production;
    in.m.rankl_production = ms::sclerostin_share(in.Scl, T(p[o_Scl_RANKL]));
    in.m.extra_rankl = e.extra_RANKL;
    in.m.rankl_sequestration = p[chi_den] * p[K_A_den] * in.C_pM;
    in.m.wnt_activation = ms::wnt_activation(in.Scl);
    in.phi_mod = modules::modelling_formation::activity(in.m.wnt_activation);
    in.m.osteoblast_death = e.osteoblast_death * ms::sclerostin_share(in.Scl, T(p[q_Scl_OBa])) *
                            (1.0 + p[c_age_OBa] * modules::exercise_loading::years_past(
                                                      age_now, T(p[load_decline_onset]), T(p[load_decline_width]))) /
                            ((1.0 + p[a_tptd] * in.x_tptd) * (1.0 + p[E_rmab] * (1.0 - free_scl)));
    in.m.osteoclast_death = e.osteoclast_death * in.bp.apoptosis;
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
    // Bisphosphonates: precursors that do not become osteoclasts stay in the pool.
    const T not_recruited = p[s_OC] * (1.0 - in.bp.recruitment) * p[D_OCp] * s.pi_act_RANKL * y[OCp];
    dydt[OCp] = d[2] + not_recruited;
    dydt[OCa] = d[3] - not_recruited;
    // Bone compartments: resorption scales with the compartment (its surfaces)
    // and osteoclast activity; the resorbed volume waits in the remodelling
    // space and is refilled at the focal balance b; new matrix mineralises.
    namespace mn = modules::mineralisation;
    namespace rs = modules::remodelling_space;
    // A share m of the formation is modelling-based (quiescent surfaces, not coupled to resorption); the rest
    // refills the space.
    namespace mf = modules::modelling_formation;
    const T coupled = (1.0 - p[modelling_share]) * in.b;
    const T nu_t = p[nu_trab] * (1.0 / modules::estrogen::days_per_year);
    const T trab = nu_t * y[BV] * in.r;
    T refill;
    rs::rates(y[RS_trab], trab, T(p[tau_RS]), coupled, dydt[RS_trab], refill);
    refill += mf::rate(T(p[modelling_share]), nu_t, y[BV], in.phi_mod);
    mn::rates_two_phase(y[BV], y[OV_trab], y[MV_trab], y[MS_trab], refill, trab, T(p[t_osteoid]), T(p[v_prim]),
                        T(p[v_max]), T(p[kappa_min]), T(p[v_slow]), T(p[kappa_slow]), dydt[BV], dydt[OV_trab],
                        dydt[MV_trab], dydt[MS_trab]);
    // Teriparatide raises intracortical resorption (porosity): c_cort_tptd per 20 µg/d.
    const T nu_c = p[nu_cort] * (1.0 / modules::estrogen::days_per_year);
    const T cort = nu_c * y[BV_cort] * in.r * (1.0 + p[c_cort_tptd] * in.x_tptd);
    rs::rates(y[RS_cort], cort, T(p[tau_RS]), coupled, dydt[RS_cort], refill);
    refill += mf::rate(T(p[modelling_share]), nu_c, y[BV_cort], in.phi_mod);
    mn::rates_two_phase(y[BV_cort], y[OV_cort], y[MV_cort], y[MS_cort], refill, cort, T(p[t_osteoid]), T(p[v_prim]),
                        T(p[v_max]), T(p[kappa_min]), T(p[v_slow]), T(p[kappa_slow]), dydt[BV_cort], dydt[OV_cort],
                        dydt[MV_cort], dydt[MS_cort]);
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
    // Romosozumab: the denosumab PK structure with its own constants (volumes in mL, V_max in ng/d).
    modules::denosumab_pk::rates(y[A_rmab_sc], y[C_rmab], T(p[k_a_rmab]), T(p[F_rmab]), T(p[V_rmab]), T(p[V_max_rmab]),
                                 T(p[K_m_rmab]), T(p[k_el_rmab]), dydt[A_rmab_sc], dydt[C_rmab]);
    for (const BisphosphonateIndex& b : bisphosphonates) {
      modules::bisphosphonate_pk::rates(y[b.X], y[b.B], in.r, in.f, k_X,
                                        T(p[b.kd] * (1.0 / modules::estrogen::days_per_year)), nu_B, T(p[b.fb]),
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
    // P1NP is released by the collagen-synthesising osteoblasts: their activity relative to the
    // start. Not the state equations' refill flux b·RS/τ_RS: b = f/r jumps when an antiresorptive
    // removes the osteoclasts, which made the proxy spike (+90 % on day 20 of denosumab) where serum
    // P1NP falls steadily, later than CTX (Eastell R et al. J Bone Miner Res 2011;26:530).
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
    out[bisphosphonate_effect] = in.bp.apoptosis;
    out[denosumab_pM] = in.C_pM;
    out[romosozumab_serum] = y[C_rmab] * 1e-3;
    out[teriparatide_pth_avg] = in.pth_tptd;
    // Fracture risk: outputs only (no right-hand side term), so balance training leaves BMD bitwise unchanged.
    namespace fr = modules::fracture_risk;
    const T age_now = p[age] + t * (1.0 / modules::estrogen::days_per_year);
    const T falls =
        fr::fall_factor(t, T(p[balance_start]), T(p[balance_stop]), T(p[balance_adherence]), T(p[fall_rr_balance]));
    const T delta_fn = out[t_score_femoral_neck] - p[t_score_FN];
    out[fall_rate_rel] = falls;
    out[fracture_risk_hip_rel] = fr::relative_risk(fr::hip_gradient(age_now), delta_fn, falls);
    out[fracture_risk_major_rel] = fr::relative_risk(fr::osteoporotic_gradient(age_now), delta_fn, falls);
    out[fracture_probability_hip_10y] =
        fr::ten_year_probability(age_now, out[t_score_femoral_neck], fr::probability_hip) * falls;
    out[fracture_probability_major_10y] =
        fr::ten_year_probability(age_now, out[t_score_femoral_neck], fr::probability_osteoporotic) * falls;
  }

  static void derive(const double* p, const double* p_start, double* d);
  // How many times this thread has solved a start (steady state and history)
  // in derive(), the rest being reused: lets tests check the reuse.
  static long start_solves();
  // How many of those integrated her history (life_course = 1), the rest
  // reusing the history of a run that differed only in its regimens.
  static long history_solves();
  static bool steady_state(const double* p, double* y);
  // The state at scenario start: her simulated history (life_course = 1) or
  // her steady state (life_course = 0); see derive().
  static bool initial_state(const double* p, double* y);
  static void steady_state_guess(const double* p, double* y);
  static std::string check(const double* p);

  // patient:, drugs:, exercise: and nutrition: into parameters and actions.
  static void compile_regimens(const Scenario& s, std::vector<double>& params, Schedule& schedule);
  // An aromatase inhibitor started before menopause (no validity range can say it).
  static std::vector<std::string> scenario_warnings(const Scenario& s, const std::vector<double>& params);
};

}  // namespace osteon::models
