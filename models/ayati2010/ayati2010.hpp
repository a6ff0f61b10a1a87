// Ayati BP, Edwards CM, Webb GF, Wikswo JP. A mathematical model of bone
// remodeling dynamics for normal bone cell populations and myeloma bone
// disease. Biol Direct 2010;5:28. BioModels BIOMD0000000402 (the model with
// tumour, curated with the authors' agreement).
#pragma once

#include <string>

#include "komarova2003/komarova2003.hpp"
#include "model/model_info.hpp"
#include "model/param_table.hpp"
#include "numerics/math.hpp"

// States and parameters in table order (ayati2010.cpp checks its tables against these lists at
// compile time).
// clang-format off
#define OSTEON_AYATI2010_STATES(X) \
    X(OC) X(OB) X(z) X(tumour)
#define OSTEON_AYATI2010_PARAMS(X) \
    X(alpha1) X(alpha2) X(beta1) X(beta2) X(g11) X(g12) X(g21) X(g22) X(k1) X(k2) \
    X(gamma_T) X(L_T) X(r11) X(r12) X(r21) X(r22)
// clang-format on

namespace osteon::models {

// Komarova 2003's osteoclasts (x1), osteoblasts (x2) and bone mass z with a myeloma tumour that
// grows by Gompertz's law and, in proportion to its burden T/L_T, changes the four exponents:
// g11·(1 + r11·T/L_T), g21·(1 + r21·T/L_T), g12/(1 + r12·T/L_T) and g22 - r22·T/L_T.
struct Ayati2010 {
  using Base = Komarova2003;
  enum State { OSTEON_AYATI2010_STATES(OSTEON_ENUMERATOR) };
  enum Param { OSTEON_AYATI2010_PARAMS(OSTEON_ENUMERATOR) };
  static_assert(static_cast<int>(OC) == static_cast<int>(Base::OC) &&
                    static_cast<int>(OB) == static_cast<int>(Base::OB) &&
                    static_cast<int>(z) == static_cast<int>(Base::z),
                "Ayati2010 starts with Komarova2003's states in the same order");
  enum Observable { OC_excess, OB_excess, resorption, formation };

  static constexpr int n_states = 4;
  static constexpr int n_params = r22 + 1;
  // Derived: Komarova 2003's parameters at full tumour burden (T = L_T) followed by its derived
  // reference (x̄1, x̄2), the reference of the bone-mass equation.
  static constexpr int base_offset = n_params;
  static constexpr int n_derived = Base::n_params + Base::n_derived;
  static constexpr int OC_ref = base_offset + Base::OC_ss, OB_ref = base_offset + Base::OB_ss;
  static constexpr int n_observables = Base::n_observables;

  static const ModelInfo& info();

  // Komarova 2003's parameters with the four exponents at T = L_T (the paper's Eqs. 13 and 14
  // as corrected in BIOMD0000000402); its reference follows parameter changes, as the
  // encoding's assignment rules do.
  static void derive(const double* p, const double* /*p_start*/, double* d) {
    d[Base::alpha1] = p[alpha1];
    d[Base::alpha2] = p[alpha2];
    d[Base::beta1] = p[beta1];
    d[Base::beta2] = p[beta2];
    d[Base::g11] = p[g11] * (1.0 + p[r11]);
    d[Base::g12] = p[g12] / (1.0 + p[r12]);
    d[Base::g21] = p[g21] * (1.0 + p[r21]);
    d[Base::g22] = p[g22] - p[r22];
    d[Base::k1] = p[k1];
    d[Base::k2] = p[k2];
    d[Base::freeze_reference] = 0.0;
    Base::derive(d, d, d + Base::n_params);
  }

  template <class T>
  static void rhs(const T& t, const T* y, const T* p, T* dydt) {
    const T burden = y[tumour] / p[L_T];
    const T e11 = p[g11] * (1.0 + p[r11] * burden), e21 = p[g21] * (1.0 + p[r21] * burden);
    const T e12 = p[g12] / (1.0 + p[r12] * burden), e22 = p[g22] - p[r22] * burden;
    dydt[OC] = p[alpha1] * math::pow(y[OC], e11) * math::pow(y[OB], e21) - p[beta1] * y[OC];
    dydt[OB] = p[alpha2] * math::pow(y[OC], e12) * math::pow(y[OB], e22) - p[beta2] * y[OB];
    T excess[n_observables];
    Base::observables(t, y, p + base_offset, excess);
    dydt[z] = excess[formation] - excess[resorption];
    // Gompertz growth γ_T·T·ln(L_T/T); T·ln(1/T) → 0 as T → 0, so no tumour stays none.
    const T tiny = math::constant(y[OC], 1e-300);
    dydt[tumour] = p[gamma_T] * y[tumour] * math::log(T(p[L_T] / math::max(y[tumour], tiny)));
  }

  // Komarova 2003's: cells in excess of the reference, and the rates they resorb and form at.
  template <class T>
  static void observables(const T& t, const T* y, const T* p, T* out) {
    Base::observables(t, y, p + base_offset, out);
  }

  // Tumour at its carrying capacity and cells at the reference; bone mass 100 % by convention
  // (any z is steady there).
  static bool steady_state(const double* p, double* y) {
    if (!Base::steady_state(p + base_offset, y)) return false;
    y[tumour] = p[L_T];
    return true;
  }

  static std::string check(const double* p) {
    if (!(p[L_T] > 0.0)) return "L_T = 0: the tumour has no carrying capacity";
    return Base::check(p + base_offset);
  }
};

}  // namespace osteon::models
