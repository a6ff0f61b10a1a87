// Pivonka P, Zimak J, Smith DW, Gardiner BS, Dunstan CR, Sims NA, Martin TJ,
// Mundy GR. Model structure and control of bone remodeling: a theoretical
// study. Bone 2008;43:249-263.
//
// Osteoblast precursors, active osteoblasts and active osteoclasts regulated
// by TGF-β, PTH and the RANK-RANKL-OPG system (models/modules/), plus the bone
// volume they form and resorb.
#pragma once

#include <cmath>
#include <string>

#include "model/model_info.hpp"
#include "model/param_table.hpp"
#include "modules/bone_cell_populations.hpp"
#include "modules/bone_signalling.hpp"
#include "numerics/math.hpp"
#include "numerics/recent_results.hpp"
#include "pivonka2008/pivonka2008_observables.hpp"

// States and parameters in table order (pivonka2008.cpp checks its tables against these lists
// at compile time).
// clang-format off
#define OSTEON_PIVONKA2008_STATES(X) \
    X(OBp) X(OBa) X(OCa) X(BV)
#define OSTEON_PIVONKA2008_PARAMS(X) \
    X(D_OBu) X(D_OBp) X(D_OCp) X(A_OBa) X(A_OCa) \
    X(K_D1_TGFb) X(K_D2_TGFb) X(K_D3_TGFb) X(alpha_TGFb) X(D_TGFb) \
    X(beta_PTH) X(D_PTH) X(K_D4_PTH) X(K_D6_PTH) \
    X(beta1_OPG) X(beta2_OPG) X(OPG_max) X(D_OPG) \
    X(R1_RANKL) X(R2_RANKL) X(K_A1) X(K_A2) X(RANK) X(beta_RANKL) X(D_RANKL) X(K_RANKL_RANK) \
    X(k_res) X(k_form) \
    X(P_TGFb) X(P_PTH) X(P_OPG) X(P_RANKL) X(I_OBp) X(I_OBa) X(I_OCa)
// clang-format on

namespace osteon::models {

struct Pivonka2008 {
  enum State { OSTEON_PIVONKA2008_STATES(OSTEON_ENUMERATOR) };
  enum Param { OSTEON_PIVONKA2008_PARAMS(OSTEON_ENUMERATOR) };
  // Steady state of the parameters the run started with: the reference of
  // the bone-volume balance. Then the PTH terms, which depend on parameters only:
  // computed when they change (derive) instead of in every right-hand side.
  enum Derived { OBp_ref = I_OCa + 1, OBa_ref, OCa_ref, PTH_level, PTH_activation, PTH_repression };
  enum Observable {
    TGFb,
    PTH,
    OPG,
    RANKL,
    RANKL_RANK,
    RANKL_eff,
    pi_act_TGFb_OBu,
    pi_rep_TGFb_OBp,
    pi_act_TGFb_OCa,
    pi_act_PTH,
    pi_rep_PTH,
    pi_act_RANKL,
    formation,
    resorption,
  };

  static constexpr int n_states = 4;
  static constexpr int n_params = I_OCa + 1;
  static constexpr int n_derived = 6;
  static constexpr int n_observables = resorption + 1;

  static constexpr auto signalling = modules::bone_signalling::index_by_name<Param>(k_res);  // α·k_res·OCa
  static constexpr modules::bone_cell_populations::CellIndex cells{D_OBu, D_OBp, D_OCp, A_OBa,
                                                                   A_OCa, I_OBp, I_OBa, I_OCa};

  static const ModelInfo& info();

  // The cell steady state of the declared parameters p[0 .. n_params). A run asks for the same
  // one up to four times (the reference at the start and after every event, the initial state);
  // a few recent answers per thread, one per lane in flight, serve the repeats bitwise unchanged.
  static modules::bone_cell_populations::SteadyCells cell_steady_state(const double* p) {
    thread_local RecentResults<n_params, modules::bone_cell_populations::SteadyCells> recent(32);
    return recent.get(
        p, [&] { return modules::bone_cell_populations::steady_state(p, signalling, cells, 0.0, 0.0, 1.0, 0.0); });
  }

  static void derive(const double* p, const double* p_start, double* d) {
    const auto c = cell_steady_state(p_start);
    d[0] = c.ok ? c.OBp : NAN;
    d[1] = c.ok ? c.OBa : NAN;
    d[2] = c.ok ? c.OCa : NAN;
    // The same operations as modules::bone_signalling::evaluate, so results stay bitwise equal.
    namespace bs = modules::bone_signalling;
    d[3] = bs::pth(p[beta_PTH], p[P_PTH], p[D_PTH]);
    d[4] = bs::activation(d[3], p[K_D4_PTH]);
    d[5] = bs::repression(d[3], p[K_D6_PTH]);
  }

  // modules::bone_signalling::evaluate for this model (no extra RANKL production or
  // sequestration), with the PTH terms from derive(): 9 divisions per call instead of 12.
  template <class T>
  static modules::bone_signalling::Signals<T> signals(const T* y, const T* p) {
    namespace bs = modules::bone_signalling;
    bs::Signals<T> s;
    s.TGFb = bs::tgfb(T(p[alpha_TGFb] * p[k_res]), y[OCa], p[P_TGFb], p[D_TGFb]);
    s.pi_act_TGFb_OBu = bs::activation(s.TGFb, p[K_D1_TGFb]);
    s.pi_rep_TGFb_OBp = bs::repression(s.TGFb, p[K_D2_TGFb]);
    s.pi_act_TGFb_OCa = bs::activation(s.TGFb, p[K_D3_TGFb]);
    s.PTH = p[PTH_level];
    s.pi_act_PTH = p[PTH_activation];
    s.pi_rep_PTH = p[PTH_repression];
    s.OPG = bs::opg(T((p[beta1_OPG] * y[OBp] + p[beta2_OPG] * y[OBa]) * s.pi_rep_PTH), p[P_OPG], p[OPG_max], p[D_OPG]);
    s.RANKL_eff = (p[R1_RANKL] * y[OBp] + p[R2_RANKL] * y[OBa]) * s.pi_act_PTH;
    const T zero = math::constant(y[OBp], 0.0);
    s.RANKL =
        bs::rankl(s.RANKL_eff, s.OPG, p[K_A1], p[K_A2], p[RANK], zero, p[beta_RANKL], T(p[P_RANKL] + zero), p[D_RANKL]);
    s.RANKL_RANK = p[K_A2] * s.RANKL * p[RANK];
    s.pi_act_RANKL = bs::activation(s.RANKL_RANK, p[K_RANKL_RANK]);
    return s;
  }

  template <class T>
  static void rhs(const T& /*t*/, const T* y, const T* p, T* dydt) {
    const auto s = signals(y, p);
    const T one = math::constant(y[OBp], 1.0);
    const T zero = math::constant(y[OBp], 0.0);
    modules::bone_cell_populations::rates(p, cells, s, y[OBp], y[OBa], y[OCa], one, zero, dydt);
    // Formation and resorption in excess of the reference steady state
    // (Physiome CellML encoding): BV is constant at that steady state.
    dydt[BV] = p[k_form] * (y[OBa] - p[OBa_ref]) - p[k_res] * (y[OCa] - p[OCa_ref]);
  }

  template <class T>
  static void observables(const T& /*t*/, const T* y, const T* p, T* out) {
    const auto s = signals(y, p);
    pivonka2008_observables::write_concentrations<Observable>(s, out);
    out[RANKL_eff] = s.RANKL_eff;
    pivonka2008_observables::write_regulation<Observable>(s, out);
    out[formation] = p[k_form] * y[OBa];
    out[resorption] = p[k_res] * y[OCa];
  }

  // Cells from the one-dimensional reduction of the balances; BV = 100 %
  // (the bone volume at the start, by convention: any value is steady).
  static bool steady_state(const double* p, double* y) {
    const auto c = cell_steady_state(p);
    if (!c.ok) return false;
    y[OBp] = c.OBp;
    y[OBa] = c.OBa;
    y[OCa] = c.OCa;
    y[BV] = 100.0;
    return true;
  }

  static std::string check(const double* p) {
    if (p[R1_RANKL] == 0.0 && p[R2_RANKL] == 0.0) return "R1_RANKL and R2_RANKL are both 0: no cell carries RANKL";
    if (!std::isfinite(p[OBp_ref]) || !std::isfinite(p[OCa_ref])) {
      return "the cell balances have no positive steady state for these parameters";
    }
    return {};
  }
};

}  // namespace osteon::models
