// Martínez-Reina J, Pivonka P. Effects of long-term treatment of denosumab on
// bone mineral density: insights from an in-silico model of bone
// mineralization. Bone 2019;125:87-95.
//
// The Scheiner 2013 cell model and mechanostat applied to trabecular bone
// (isotropic stiffness from BV/TV), with postmenopausal osteoporosis as a
// slowly waning extra RANKL production (models/modules/pmo_rankl) and
// denosumab given subcutaneously (models/modules/denosumab_pk), which
// sequesters RANKL. The mineralisation queue of the paper is not part of this
// model yet: the ash fraction is held constant (see docs/models).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "model/model_info.hpp"
#include "model/param_table.hpp"
#include "model/schedule.hpp"
#include "modules/bone_cell_populations.hpp"
#include "modules/bone_signalling.hpp"
#include "modules/denosumab_pk.hpp"
#include "modules/mechanical_feedback.hpp"
#include "modules/pmo_rankl.hpp"
#include "numerics/math.hpp"
#include "pivonka2008/pivonka2008_observables.hpp"
#include "scheiner2013/scheiner2013_parameters.hpp"

// The parameters in table order (martinez_reina2019.cpp checks the table against this list at compile time).
// clang-format off
#define OSTEON_MARTINEZ_REINA2019_PARAMS(X) \
    OSTEON_SCHEINER2013_CELL_AND_MECHANOSTAT_PARAMS(X) \
    X(mech_feedback) X(f_vas_0) X(Sigma33) X(E_ref) X(E_exp_BV) X(E_exp_ash) X(alpha_ash) X(PMO) \
    X(t_PMO) X(P_PMO_ini) X(xi_PMO) X(tau_PMO) X(k_a_den) X(F_den) X(V_c_den) X(V_max_den) \
    X(K_m_den) X(k_el_den) X(body_weight) X(chi_den) X(K_A_den) X(P_TGFb) X(P_PTH) X(P_OPG) \
    X(P_RANKL)
// clang-format on

namespace osteon {
struct Scenario;
}

namespace osteon::models {

struct MartinezReina2019 {
  enum State { OBp, OBa, OCa, f_vas, A_den_sc, C_den };
  enum Param { OSTEON_MARTINEZ_REINA2019_PARAMS(OSTEON_ENUMERATOR) };
  enum Derived { P_OBp = P_RANKL + 1, psi_ref, ash_term };
  enum Observable {
    TGFb,
    PTH,
    OPG,
    RANKL,
    RANKL_RANK,
    pi_act_RANKL,
    pi_act_TGFb_OCa,
    BV_TV,
    E_app,
    psi_bm,
    psi_ratio,
    Pi_act_OBp_mech,
    P_RANKL_mech,
    P_RANKL_PMO,
    denosumab_serum,
    denosumab_pM,
    formation,
    resorption,
  };

  static constexpr int n_states = 6;
  static constexpr int n_params = P_RANKL + 1;
  static constexpr int n_derived = 3;
  static constexpr int n_observables = resorption + 1;

  // TGF-β release α·OCa, as in Scheiner 2013 (no k_res).
  static constexpr auto signalling = modules::bone_signalling::index_by_name<Param>(-1);
  static constexpr modules::bone_cell_populations::CellIndex cells{D_OBu, D_OBp, D_OCp, A_OBa, A_OCa};

  static const ModelInfo& info();

  // Apparent Young's modulus (GPa) of trabecular bone, E = E_ref·(BV/TV)^a·α_ash^b.
  // α_ash^b is constant during a run: a derived parameter, not a pow per evaluation.
  static double ash_factor(const double* p) { return std::pow(p[alpha_ash], p[E_exp_ash]); }
  template <class T>
  static T youngs_modulus(const T& fv, const T* p, const T& ash) {
    const T bv_tv = (100.0 - fv) * 0.01;
    return p[E_ref] * math::pow(bv_tv, p[E_exp_BV]) * ash;
  }
  template <class T>
  static T youngs_modulus(const T& fv, const T* p) {
    return youngs_modulus(fv, p, p[ash_term]);
  }
  // SED (MPa) under uniaxial Σ33 (MPa) of an isotropic linear solid: Σ²/(2E).
  template <class T>
  static T sed(const T& fv, const T& sigma33, const T* p) {
    return sigma33 * sigma33 / (2.0e3 * youngs_modulus(fv, p));
  }
  static double sed_declared(double fv, double sigma33, const double* p) {  // from declared parameters only
    return sigma33 * sigma33 / (2.0e3 * youngs_modulus(fv, p, ash_factor(p)));
  }

  template <class T>
  struct Inputs {
    T psi, ratio, Pi, P_RANKL_mech, P_RANKL_PMO, C_den_pM, sequestration;
  };
  template <class T>
  static Inputs<T> inputs(const T& t, const T* y, const T* p) {
    Inputs<T> in;
    in.psi = sed(y[f_vas], p[Sigma33], p);
    in.ratio = in.psi / p[psi_ref];
    const T on = math::constant(t, 0.5);
    in.Pi =
        math::select(p[mech_feedback] > on,
                     modules::mechanical_feedback::anabolic(in.ratio, p[Pi_mech_ref], p[lambda_mech]), p[Pi_mech_ref]);
    in.P_RANKL_mech =
        math::select(p[mech_feedback] > on, modules::mechanical_feedback::catabolic(in.ratio, p[kappa_mech]),
                     math::constant(t, 0.0));
    in.P_RANKL_PMO = p[PMO] * modules::pmo_rankl::production(t, p[t_PMO], p[P_PMO_ini], p[xi_PMO], p[tau_PMO]);
    in.C_den_pM = modules::denosumab_pk::ng_per_mL_to_pM(y[C_den]);
    in.sequestration = p[chi_den] * p[K_A_den] * in.C_den_pM;
    return in;
  }

  static void derive(const double* p, const double* p_start, double* d) {
    const auto c = modules::bone_cell_populations::steady_state(p_start, signalling, cells, 0.0, 0.0, 1.0, 0.0);
    double pi_act = NAN;
    if (c.ok) {
      pi_act = modules::bone_signalling::evaluate<double>(p_start, signalling, c.OBp, c.OBa, c.OCa, 0.0, 0.0)
                   .pi_act_TGFb_OBu;
    }
    d[0] = c.ok ? p_start[a_P] * p_start[D_OBu] * pi_act / (c.OBp * p_start[Pi_mech_ref]) : NAN;
    d[1] = sed_declared(p_start[f_vas_0], p_start[Sigma33], p_start);
    d[2] = ash_factor(p);
  }

  template <class T>
  static void rhs(const T& t, const T* y, const T* p, T* dydt) {
    const Inputs<T> in = inputs(t, y, p);
    const auto s = modules::bone_signalling::evaluate(p, signalling, y[OBp], y[OBa], y[OCa],
                                                      T(in.P_RANKL_mech + in.P_RANKL_PMO), in.sequestration);
    const T share = 1.0 - p[a_P];
    const T proliferation = p[P_OBp] * in.Pi;
    modules::bone_cell_populations::rates(p, cells, s, y[OBp], y[OBa], y[OCa], share, proliferation, dydt);
    dydt[f_vas] = p[k_res] * y[OCa] - p[k_form] * y[OBa];
    // The published PK is per kg of body weight: volumes and V_max scale with it.
    modules::denosumab_pk::rates(y[A_den_sc], y[C_den], p[k_a_den], p[F_den], T(p[V_c_den] * p[body_weight]),
                                 T(p[V_max_den] * p[body_weight]), p[K_m_den], p[k_el_den], dydt[A_den_sc],
                                 dydt[C_den]);
  }

  template <class T>
  static void observables(const T& t, const T* y, const T* p, T* out) {
    const Inputs<T> in = inputs(t, y, p);
    const auto s = modules::bone_signalling::evaluate(p, signalling, y[OBp], y[OBa], y[OCa],
                                                      T(in.P_RANKL_mech + in.P_RANKL_PMO), in.sequestration);
    pivonka2008_observables::write_concentrations<Observable>(s, out);
    out[pi_act_RANKL] = s.pi_act_RANKL;
    out[pi_act_TGFb_OCa] = s.pi_act_TGFb_OCa;
    out[BV_TV] = 100.0 - y[f_vas];
    out[E_app] = youngs_modulus(y[f_vas], p);
    out[psi_bm] = in.psi;
    out[psi_ratio] = in.ratio;
    out[Pi_act_OBp_mech] = in.Pi;
    out[P_RANKL_mech] = in.P_RANKL_mech;
    out[P_RANKL_PMO] = in.P_RANKL_PMO;
    out[denosumab_serum] = y[C_den];
    out[denosumab_pM] = in.C_den_pM;
    out[formation] = p[k_form] * y[OBa];
    out[resorption] = p[k_res] * y[OCa];
  }

  // Cells in balance at the starting porosity under the load, menopause and
  // drug state at t = 0 with no drug on board (the premenopausal, untreated
  // individual by default).
  static bool steady_state(const double* p, double* y) {
    double y0[n_states] = {1e-3, 5e-4, 1e-4, p[f_vas_0], 0.0, 0.0};
    const Inputs<double> in = inputs(0.0, y0, p);
    const auto c = modules::bone_cell_populations::steady_state(p, signalling, cells, in.P_RANKL_mech + in.P_RANKL_PMO,
                                                                0.0, 1.0 - p[a_P], p[P_OBp] * in.Pi);
    if (!c.ok) return false;
    y[OBp] = c.OBp;
    y[OBa] = c.OBa;
    y[OCa] = c.OCa;
    y[f_vas] = p[f_vas_0];
    y[A_den_sc] = 0.0;
    y[C_den] = 0.0;
    return true;
  }
  static void steady_state_guess(const double* p, double* y) {
    if (!steady_state(p, y)) {
      y[OBp] = 1e-3, y[OBa] = 5e-4, y[OCa] = 1e-4, y[f_vas] = p[f_vas_0], y[A_den_sc] = 0.0, y[C_den] = 0.0;
    }
  }

  static std::string check(const double* p) {
    if (p[R1_RANKL] == 0.0 && p[R2_RANKL] == 0.0) return "R1_RANKL and R2_RANKL are both 0: no cell carries RANKL";
    if (!std::isfinite(p[P_OBp])) return "the cell balances have no positive steady state for these parameters";
    if (!(p[psi_ref] > 0.0) || !std::isfinite(p[psi_ref])) {
      return "the habitual strain energy density is not positive: Sigma33 must not be 0";
    }
    return {};
  }

  // Turns `drugs:` denosumab entries into doses into the subcutaneous depot;
  // every other drug, exercise, patient and nutrition entry is rejected.
  static void compile_regimens(const Scenario& s, std::vector<double>& params, Schedule& schedule);
};

}  // namespace osteon::models
