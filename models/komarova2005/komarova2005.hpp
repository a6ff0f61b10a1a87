// Komarova SV. Mathematical model of paracrine interactions between
// osteoclasts and osteoblasts predicts anabolic action of parathyroid hormone
// on bone. Endocrinology 2005;146(8):3589-3595. BioModels BIOMD0000000279;
// Physiome CellML komarova_2005.
//
// The Komarova 2003 cell and bone-mass equations (komarova2003.hpp, reused
// unchanged) with PTH acting only on the osteoblast-to-osteoclast paracrine
// exponent: while PTH is present (PTH_on = 1) g21 is replaced by g21_PTH.
#pragma once

#include <array>
#include <string>

#include "komarova2003/komarova2003.hpp"
#include "model/model_info.hpp"
#include "model/param_table.hpp"

// States and parameters in table order (komarova2005.cpp checks its tables against these lists at
// compile time).
// clang-format off
#define OSTEON_KOMAROVA2005_PARAMS(X) \
    X(alpha1) X(alpha2) X(beta1) X(beta2) X(g11) X(g12) X(g21) X(g22) X(k1) X(k2) \
    X(freeze_reference) X(PTH_on) X(g21_PTH)
// clang-format on

namespace osteon::models {

struct Komarova2005 {
  using Base = Komarova2003;
  enum State { OC = Base::OC, OB = Base::OB, z = Base::z };
  // The first parameters are Komarova 2003's, in its order.
  enum Param { OSTEON_KOMAROVA2005_PARAMS(OSTEON_ENUMERATOR) };
  static_assert(static_cast<int>(freeze_reference) == static_cast<int>(Base::freeze_reference) &&
                    static_cast<int>(g21) == static_cast<int>(Base::g21) &&
                    Base::n_params == static_cast<int>(freeze_reference) + 1,
                "Komarova2005 must start with Komarova2003's parameters in the same order");

  static constexpr int n_states = Base::n_states;
  static constexpr int n_params = g21_PTH + 1;
  // Derived: the full Komarova 2003 parameter vector in effect (g21 replaced
  // by g21_PTH while PTH is on) followed by its derived reference state.
  static constexpr int base_offset = n_params;
  static constexpr int n_derived = Base::n_params + Base::n_derived;
  static constexpr int n_observables = Base::n_observables + 1;
  static constexpr int g21_in_effect = Base::n_observables;  // observable index

  static const ModelInfo& info();

  static bool pth_present(const double* p) { return p[PTH_on] != 0.0; }

  // Komarova 2003 parameters in effect for Komarova 2005 parameters q.
  static std::array<double, Base::n_params> effective(const double* q) {
    std::array<double, Base::n_params> e{};
    for (int i = 0; i < Base::n_params; ++i) e[i] = q[i];
    e[Base::g21] = pth_present(q) ? q[g21_PTH] : q[g21];
    return e;
  }

  // The reference steady state follows Komarova 2003: frozen at the starting
  // parameters (with PTH as it was at the start) or recomputed from the
  // current ones, by freeze_reference.
  static void derive(const double* p, const double* p_start, double* d) {
    const auto now = effective(p), start = effective(p_start);
    for (int i = 0; i < Base::n_params; ++i) d[i] = now[i];
    Base::derive(d, start.data(), d + Base::n_params);
  }

  template <class T>
  static void rhs(const T& t, const T* y, const T* p, T* dydt) {
    Base::rhs(t, y, p + base_offset, dydt);
  }

  template <class T>
  static void observables(const T& t, const T* y, const T* p, T* out) {
    Base::observables(t, y, p + base_offset, out);
    out[g21_in_effect] = p[base_offset + Base::g21];
  }

  // Closed form of Komarova 2003 with the g21 in effect.
  static bool steady_state(const double* p, double* y) { return Base::steady_state(p + base_offset, y); }

  static std::string check(const double* p) {
    if (p[PTH_on] != 0.0 && p[PTH_on] != 1.0) return "PTH_on must be 0 (no PTH) or 1 (PTH present)";
    return Base::check(p + base_offset);
  }
};

}  // namespace osteon::models
