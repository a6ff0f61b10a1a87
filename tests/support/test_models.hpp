// Small models with known answers, used to test the engine itself.
#pragma once

#include <array>
#include <cmath>

#include "model/model_info.hpp"
#include "model/registry.hpp"
#include "numerics/math.hpp"

namespace osteon::testing {

// Robertson's chemical kinetics (Hairer & Wanner II, Sec. IV.1): the classic
// stiff test problem. Reference at t = 40: y1 = 0.7158271, y2 = 9.185535e-6.
struct Robertson {
  static constexpr int n_states = 3, n_params = 3, n_derived = 0, n_observables = 0;
  static const ModelInfo& info() {
    static const std::array<StateInfo, 3> s{
        {{"y1", "1", "species 1"}, {"y2", "1", "species 2"}, {"y3", "1", "species 3"}}};
    static const std::array<ParamInfo, 3> p{{{"k1", 0.04, "1/d", "k1", "", "Robertson 1966", 0.0},
                                             {"k2", 3e7, "1/d", "k2", "", "Robertson 1966", 0.0},
                                             {"k3", 1e4, "1/d", "k3", "", "Robertson 1966", 0.0}}};
    static const ModelInfo i{"robertson", "Robertson 1966", "stiff kinetics", s, p, {}};
    return i;
  }
  static void derive(const double*, const double*, double*) {}
  template <class T>
  static void rhs(const T&, const T* y, const T* p, T* dy) {
    const T r1 = p[0] * y[0], r2 = p[1] * y[1] * y[1], r3 = p[2] * y[1] * y[2];
    dy[0] = r3 - r1;
    dy[1] = r1 - r2 - r3;
    dy[2] = r2;
  }
  template <class T>
  static void observables(const T&, const T*, const T*, T*) {}
};

// y' = -a y + cos(t): depends on time explicitly. Exact solution
// y(t) = (a cos t + sin t)/(a^2 + 1) + (y0 - a/(a^2 + 1)) e^(-a t).
struct ForcedDecay {
  static constexpr int n_states = 1, n_params = 1, n_derived = 0, n_observables = 1;
  static const ModelInfo& info() {
    static const std::array<StateInfo, 1> s{{{"y", "1", "response", false}}};
    static const std::array<ParamInfo, 1> p{{{"a", 0.5, "1/d", "a", "decay rate", "test", 0.0}}};
    static const std::array<ObservableInfo, 1> o{{{"forcing", "1/d", "cos(t)"}}};
    static const ModelInfo i{"forced_decay", "test", "linear decay with periodic forcing", s, p, o};
    return i;
  }
  static double exact(double t, double a, double y0) {
    const double c = a / (a * a + 1.0);
    return (a * std::cos(t) + std::sin(t)) / (a * a + 1.0) + (y0 - c) * std::exp(-a * t);
  }
  static void derive(const double*, const double*, double*) {}
  template <class T>
  static void rhs(const T& t, const T* y, const T* p, T* dy) {
    dy[0] = -p[0] * y[0] + cosine(t);
  }
  template <class T>
  static void observables(const T& t, const T*, const T*, T* out) {
    out[0] = cosine(t);
  }
  // cos t for each scalar type (the engine's math.hpp has no trigonometry).
  static double cosine(double t) { return std::cos(t); }
  template <int W>
  static Lane<W> cosine(const Lane<W>& t) {
    return t.cos();
  }
  template <class S, int N>
  static Dual<S, N> cosine(const Dual<S, N>& t) {
    Dual<S, N> r;
    r.v = cosine(t.v);
    const S ms = S(-sine(t.v));
    for (int i = 0; i < N; ++i) r.d[i] = ms * t.d[i];
    return r;
  }
  static double sine(double t) { return std::sin(t); }
  template <int W>
  static Lane<W> sine(const Lane<W>& t) {
    return t.sin();
  }
};

// y' = c y^2 blows up at t = 1/(c y0): a run that must fail cleanly.
struct BlowUp {
  static constexpr int n_states = 1, n_params = 1, n_derived = 0, n_observables = 0;
  static const ModelInfo& info() {
    static const std::array<StateInfo, 1> s{{{"y", "1", "amount"}}};
    static const std::array<ParamInfo, 1> p{{{"c", 0.0, "1/d", "c", "growth constant", "test", -1.0, 10.0}}};
    static const ModelInfo i{"blow_up", "test", "quadratic growth", s, p, {}};
    return i;
  }
  static void derive(const double*, const double*, double*) {}
  template <class T>
  static void rhs(const T&, const T* y, const T* p, T* dy) {
    dy[0] = p[0] * y[0] * y[0];
  }
  template <class T>
  static void observables(const T&, const T*, const T*, T*) {}
};

// Production, first-order loss and mutual inhibition, with an equilibrium
// but no closed form in the engine: y1' = a - b y1 - c y1 y2, y2' = d y1 - e y2.
struct TwoPools {
  static constexpr int n_states = 2, n_params = 5, n_derived = 0, n_observables = 0;
  static const ModelInfo& info() {
    static const std::array<StateInfo, 2> s{{{"y1", "pM", "pool 1"}, {"y2", "pM", "pool 2"}}};
    static const std::array<ParamInfo, 5> p{{{"a", 2.0, "pM/d", "a", "", "test", 0.0},
                                             {"b", 0.1, "1/d", "b", "", "test", 0.0},
                                             {"c", 0.05, "1/(pM*d)", "c", "", "test", 0.0},
                                             {"d", 0.3, "1/d", "d", "", "test", 0.0},
                                             {"e", 0.2, "1/d", "e", "", "test", 0.0}}};
    static const ModelInfo i{"two_pools", "test", "two coupled pools", s, p, {}};
    return i;
  }
  // y1* solves a - b y1 - (c d / e) y1^2 = 0.
  static std::array<double, 2> equilibrium(const double* p) {
    const double q = p[2] * p[3] / p[4];
    const double y1 = (-p[1] + std::sqrt(p[1] * p[1] + 4.0 * q * p[0])) / (2.0 * q);
    return {y1, p[3] * y1 / p[4]};
  }
  static void derive(const double*, const double*, double*) {}
  template <class T>
  static void rhs(const T&, const T* y, const T* p, T* dy) {
    dy[0] = p[0] - p[1] * y[0] - p[2] * y[0] * y[1];
    dy[1] = p[3] * y[0] - p[4] * y[1];
  }
  template <class T>
  static void observables(const T&, const T*, const T*, T*) {}
};

// A registry holding the test models (and nothing else).
const ModelRegistry& test_registry();

}  // namespace osteon::testing
