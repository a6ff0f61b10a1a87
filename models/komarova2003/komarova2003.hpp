// Komarova SV, Smith RJ, Dixon SJ, Sims SM, Wahl LM. Mathematical model predicts
// a critical role for osteoclast autocrine regulation in the control of bone
// remodeling. Bone 2003;33(2):206-215. BioModels BIOMD0000000148.
#pragma once

#include <array>
#include <cmath>
#include <string>

#include "model/model_info.hpp"
#include "model/param_table.hpp"
#include "numerics/math.hpp"

// States and parameters in table order (komarova2003.cpp checks its tables against these lists at
// compile time).
// clang-format off
#define OSTEON_KOMAROVA2003_STATES(X) \
    X(OC) X(OB) X(z)
#define OSTEON_KOMAROVA2003_PARAMS(X) \
    X(alpha1) X(alpha2) X(beta1) X(beta2) X(g11) X(g12) X(g21) X(g22) X(k1) X(k2) \
    X(freeze_reference)
// clang-format on

namespace osteon::models {

struct Komarova2003 {
  enum State { OSTEON_KOMAROVA2003_STATES(OSTEON_ENUMERATOR) };
  enum Param { OSTEON_KOMAROVA2003_PARAMS(OSTEON_ENUMERATOR) };
  enum Derived { OC_ss = freeze_reference + 1, OB_ss };
  enum Observable { OC_excess, OB_excess, resorption, formation };

  static constexpr int n_states = 3;
  static constexpr int n_params = 11;
  static constexpr int n_derived = 2;
  static constexpr int n_observables = 4;

  // Also the first rows of komarova2005's table, which evaluates the same observables.
  static constexpr std::array<ObservableInfo, n_observables> observable_rows{{
      {"OC_excess", "cells", "osteoclasts above the reference steady state (y1)"},
      {"OB_excess", "cells", "osteoblasts above the reference steady state (y2)"},
      {"resorption", "%/d", "bone resorption rate k1*y1"},
      {"formation", "%/d", "bone formation rate k2*y2"},
  }};

  static const ModelInfo& info();

  // Closed-form steady state (x̄1, x̄2) of the cell equations for parameters q
  // (Komarova 2003 Eq. A2 as corrected by the BioModels/CellML curators:
  // exponent (1 - g11)/γ, not 1 - g11/γ). False when γ = 0.
  static bool cell_steady_state(const double* q, double& oc, double& ob) {
    const double gamma = q[g12] * q[g21] - (1.0 - q[g11]) * (1.0 - q[g22]);
    if (gamma == 0.0) return false;
    const double r1 = q[beta1] / q[alpha1], r2 = q[beta2] / q[alpha2];
    oc = std::pow(r1, (1.0 - q[g22]) / gamma) * std::pow(r2, q[g21] / gamma);
    ob = std::pow(r1, q[g12] / gamma) * std::pow(r2, (1.0 - q[g11]) / gamma);
    return std::isfinite(oc) && std::isfinite(ob);
  }

  // The reference steady state against which excess cells resorb or form bone:
  // frozen at the run's starting parameters (default), or recomputed from the
  // current ones after each parameter change (freeze_reference = 0).
  static void derive(const double* p, const double* p_start, double* d) {
    const double* q = p[freeze_reference] != 0.0 ? p_start : p;
    double oc = NAN, ob = NAN;
    cell_steady_state(q, oc, ob);
    d[0] = oc;
    d[1] = ob;
  }

  template <class T>
  static void rhs(const T& /*t*/, const T* y, const T* p, T* dydt) {
    const T zero = math::constant(y[OC], 0.0);
    dydt[OC] = p[alpha1] * math::pow(y[OC], p[g11]) * math::pow(y[OB], p[g21]) - p[beta1] * y[OC];
    dydt[OB] = p[alpha2] * math::pow(y[OC], p[g12]) * math::pow(y[OB], p[g22]) - p[beta2] * y[OB];
    const T excess_oc = math::max(T(y[OC] - p[OC_ss]), zero);
    const T excess_ob = math::max(T(y[OB] - p[OB_ss]), zero);
    dydt[z] = p[k2] * excess_ob - p[k1] * excess_oc;
  }

  template <class T>
  static void observables(const T& /*t*/, const T* y, const T* p, T* out) {
    const T zero = math::constant(y[OC], 0.0);
    out[OC_excess] = math::max(T(y[OC] - p[OC_ss]), zero);
    out[OB_excess] = math::max(T(y[OB] - p[OB_ss]), zero);
    out[resorption] = p[k1] * out[OC_excess];
    out[formation] = p[k2] * out[OB_excess];
  }

  // Cells at (x̄1, x̄2); bone mass 100 % by convention (any z is steady).
  static bool steady_state(const double* p, double* y) {
    if (!cell_steady_state(p, y[OC], y[OB])) return false;
    y[z] = 100.0;
    return true;
  }

  static std::string check(const double* p) {
    if (p[g12] * p[g21] - (1.0 - p[g11]) * (1.0 - p[g22]) == 0.0) {
      return "g12*g21 - (1-g11)*(1-g22) = 0: the cell equations have no isolated steady state";
    }
    if (!std::isfinite(p[OC_ss]) || !std::isfinite(p[OB_ss])) return "the reference steady state is not finite";
    return {};
  }
};

}  // namespace osteon::models
