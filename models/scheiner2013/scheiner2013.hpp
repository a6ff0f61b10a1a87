// Scheiner S, Pivonka P, Hellmich C. Coupling systems biology with multiscale
// mechanics, for computer simulations of bone remodeling. Comput Methods Appl
// Mech Eng 2013;254:181-196.
//
// The Pivonka 2008 cell model (recalibrated) in cortical bone, coupled to the
// strain energy density of the extravascular bone matrix: a Mori-Tanaka
// estimate from the vascular porosity (models/modules/cortical_micromechanics)
// drives OBp proliferation and extra RANKL production
// (models/modules/mechanical_feedback).
#pragma once

#include <cmath>
#include <string>

#include "model/model_info.hpp"
#include "model/param_table.hpp"
#include "modules/bone_cell_populations.hpp"
#include "modules/bone_signalling.hpp"
#include "modules/cortical_micromechanics.hpp"
#include "modules/mechanical_feedback.hpp"
#include "numerics/math.hpp"
#include "pivonka2008/pivonka2008_observables.hpp"
#include "scheiner2013/scheiner2013_parameters.hpp"

// The parameters in table order (scheiner2013.cpp checks the table against this list at compile time).
// clang-format off
#define OSTEON_SCHEINER2013_PARAMS(X) \
    OSTEON_SCHEINER2013_CELL_AND_MECHANOSTAT_PARAMS(X) \
    X(mech_feedback) X(f_vas_0) X(Sigma33) X(P_TGFb) X(P_PTH) X(P_OPG) X(P_RANKL)
// clang-format on

namespace osteon::models {

struct Scheiner2013 {
  enum State { OBp, OBa, OCa, f_vas };
  enum Param { OSTEON_SCHEINER2013_PARAMS(OSTEON_ENUMERATOR) };
  // Fixed at the habitual-load steady state of the starting parameters:
  // the OBp proliferation rate (Scheiner 2013, Eq. 16) and the habitual SED ψ*.
  enum Derived { P_OBp = P_RANKL + 1, psi_ref };
  enum Observable {
    TGFb,
    PTH,
    OPG,
    RANKL,
    RANKL_RANK,
    pi_act_TGFb_OBu,
    pi_rep_TGFb_OBp,
    pi_act_TGFb_OCa,
    pi_act_PTH,
    pi_rep_PTH,
    pi_act_RANKL,
    f_bm,
    psi_bm,
    psi_ratio,
    Pi_act_OBp_mech,
    P_RANKL_mech,
    formation,
    resorption,
  };

  static constexpr int n_states = 4;
  static constexpr int n_params = P_RANKL + 1;
  static constexpr int n_derived = 2;
  static constexpr int n_observables = resorption + 1;

  // TGF-β release α·OCa, as coded (no k_res).
  static constexpr auto signalling = modules::bone_signalling::index_by_name<Param>(-1);
  static constexpr modules::bone_cell_populations::CellIndex cells{D_OBu, D_OBp, D_OCp, A_OBa, A_OCa};

  static const ModelInfo& info();

  // The mechanical inputs at porosity fv (%) and stress Σ33 for a full
  // parameter vector: (Π_act,OBp^mech, P_RANKL^mech, ψ_bm).
  template <class T>
  struct Mechanics {
    T Pi, P_RANKL_mech, psi, ratio;
  };
  template <class T>
  static Mechanics<T> mechanics(const T& fv, const T* p) {
    Mechanics<T> m;
    m.psi = modules::cortical_micromechanics::sed_bone_matrix(fv, p[Sigma33]);
    m.ratio = m.psi / p[psi_ref];
    const T on = math::constant(fv, 0.5);
    m.Pi =
        math::select(p[mech_feedback] > on,
                     modules::mechanical_feedback::anabolic(m.ratio, p[Pi_mech_ref], p[lambda_mech]), p[Pi_mech_ref]);
    m.P_RANKL_mech =
        math::select(p[mech_feedback] > on, modules::mechanical_feedback::catabolic(m.ratio, p[kappa_mech]),
                     math::constant(fv, 0.0));
    return m;
  }

  // P_OBp and ψ* from the habitual steady state of the starting parameters
  // p_start: there Π = Π* and P_RANKL^mech = 0, and proliferation replaces the
  // share a_P of the OBu supply: P_OBp·Π*·OBp* = a_P·D_OBu·π_act,TGF^OBu*.
  static void derive(const double* /*p*/, const double* p_start, double* d) {
    const auto c = modules::bone_cell_populations::steady_state(p_start, signalling, cells, 0.0, 0.0, 1.0, 0.0);
    double pi_act = NAN;
    if (c.ok) {
      const auto s = modules::bone_signalling::evaluate<double>(p_start, signalling, c.OBp, c.OBa, c.OCa, 0.0, 0.0);
      pi_act = s.pi_act_TGFb_OBu;
    }
    d[0] = c.ok ? p_start[a_P] * p_start[D_OBu] * pi_act / (c.OBp * p_start[Pi_mech_ref]) : NAN;
    d[1] = modules::cortical_micromechanics::sed_bone_matrix(p_start[f_vas_0], p_start[Sigma33]);
  }

  template <class T>
  static void rhs(const T& /*t*/, const T* y, const T* p, T* dydt) {
    const Mechanics<T> m = mechanics(y[f_vas], p);
    const T zero = math::constant(y[OBp], 0.0);
    const auto s = modules::bone_signalling::evaluate(p, signalling, y[OBp], y[OBa], y[OCa], m.P_RANKL_mech, zero);
    const T share = 1.0 - p[a_P];
    const T proliferation = p[P_OBp] * m.Pi;
    modules::bone_cell_populations::rates(p, cells, s, y[OBp], y[OBa], y[OCa], share, proliferation, dydt);
    // Resorption opens vascular pores, formation fills them (Scheiner 2013, Eq. 17).
    dydt[f_vas] = p[k_res] * y[OCa] - p[k_form] * y[OBa];
  }

  template <class T>
  static void observables(const T& /*t*/, const T* y, const T* p, T* out) {
    const Mechanics<T> m = mechanics(y[f_vas], p);
    const T zero = math::constant(y[OBp], 0.0);
    const auto s = modules::bone_signalling::evaluate(p, signalling, y[OBp], y[OBa], y[OCa], m.P_RANKL_mech, zero);
    pivonka2008_observables::write_concentrations<Observable>(s, out);
    pivonka2008_observables::write_regulation<Observable>(s, out);
    out[f_bm] = 100.0 - y[f_vas];
    out[psi_bm] = m.psi;
    out[psi_ratio] = m.ratio;
    out[Pi_act_OBp_mech] = m.Pi;
    out[P_RANKL_mech] = m.P_RANKL_mech;
    out[formation] = p[k_form] * y[OBa];
    out[resorption] = p[k_res] * y[OCa];
  }

  // Cells in balance at the starting porosity f_vas_0 under the current load;
  // it is a steady state of the whole system only if formation then equals
  // resorption (always so at the calibrated defaults). Otherwise the engine
  // falls back to Newton from this point.
  static bool steady_state(const double* p, double* y) {
    const Mechanics<double> m = mechanics(p[f_vas_0], p);
    const auto c = modules::bone_cell_populations::steady_state(p, signalling, cells, m.P_RANKL_mech, 0.0, 1.0 - p[a_P],
                                                                p[P_OBp] * m.Pi);
    if (!c.ok) return false;
    y[OBp] = c.OBp;
    y[OBa] = c.OBa;
    y[OCa] = c.OCa;
    y[f_vas] = p[f_vas_0];
    return true;
  }
  static void steady_state_guess(const double* p, double* y) {
    if (!steady_state(p, y)) {
      y[OBp] = 1e-3, y[OBa] = 5e-4, y[OCa] = 1e-4, y[f_vas] = p[f_vas_0];
    }
  }

  static std::string check(const double* p) {
    if (p[R1_RANKL] == 0.0 && p[R2_RANKL] == 0.0) return "R1_RANKL and R2_RANKL are both 0: no cell carries RANKL";
    if (!std::isfinite(p[P_OBp])) return "the cell balances have no positive steady state for these parameters";
    if (!(p[psi_ref] > 0.0)) return "the habitual strain energy density is zero: Sigma33 must not be 0";
    return {};
  }
};

}  // namespace osteon::models
