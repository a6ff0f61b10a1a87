// Forward-mode automatic differentiation numbers. A Dual<S, N> carries a value
// and N partial derivatives, each of scalar type S (double or a Lane), so one
// templated right-hand side yields exact Jacobians for one or W scenarios.
#pragma once

#include <array>
#include <cmath>

namespace osteon {

template <class S, int N>
struct Dual {
  S v{};
  std::array<S, N> d{};

  Dual() = default;
  // A constant: value with zero derivatives.
  Dual(const S& value) : v(value) {  // NOLINT(google-explicit-constructor)
    for (auto& x : d) x = S(value * 0.0);
  }
  template <class T = S>
  requires(!std::is_same_v<T, double>) Dual(double value)
      : v(S::Constant(value)) {  // NOLINT(google-explicit-constructor)
    for (auto& x : d) x = S::Zero();
  }
  // The i-th independent variable.
  static Dual variable(const S& value, int i) {
    Dual r(value);
    r.d[static_cast<std::size_t>(i)] = S(value * 0.0 + 1.0);
    return r;
  }

  Dual& operator+=(const Dual& o) { return *this = *this + o; }
  Dual& operator-=(const Dual& o) { return *this = *this - o; }
  Dual& operator*=(const Dual& o) { return *this = *this * o; }
  Dual& operator/=(const Dual& o) { return *this = *this / o; }

  friend Dual operator+(const Dual& a, const Dual& b) {
    Dual r;
    r.v = a.v + b.v;
    for (int i = 0; i < N; ++i) r.d[i] = a.d[i] + b.d[i];
    return r;
  }
  friend Dual operator-(const Dual& a, const Dual& b) {
    Dual r;
    r.v = a.v - b.v;
    for (int i = 0; i < N; ++i) r.d[i] = a.d[i] - b.d[i];
    return r;
  }
  friend Dual operator-(const Dual& a) {
    Dual r;
    r.v = -a.v;
    for (int i = 0; i < N; ++i) r.d[i] = -a.d[i];
    return r;
  }
  friend Dual operator*(const Dual& a, const Dual& b) {
    Dual r;
    r.v = a.v * b.v;
    for (int i = 0; i < N; ++i) r.d[i] = a.d[i] * b.v + a.v * b.d[i];
    return r;
  }
  friend Dual operator/(const Dual& a, const Dual& b) {
    Dual r;
    const S inv = S(1.0 / b.v);
    r.v = a.v * inv;
    for (int i = 0; i < N; ++i) r.d[i] = (a.d[i] - r.v * b.d[i]) * inv;
    return r;
  }
  // Mixed with plain double constants.
  friend Dual operator+(const Dual& a, double b) {
    Dual r = a;
    r.v = a.v + b;
    return r;
  }
  friend Dual operator+(double a, const Dual& b) { return b + a; }
  friend Dual operator-(const Dual& a, double b) {
    Dual r = a;
    r.v = a.v - b;
    return r;
  }
  friend Dual operator-(double a, const Dual& b) {
    Dual r = -b;
    r.v = a - b.v;
    return r;
  }
  friend Dual operator*(const Dual& a, double b) {
    Dual r;
    r.v = a.v * b;
    for (int i = 0; i < N; ++i) r.d[i] = a.d[i] * b;
    return r;
  }
  friend Dual operator*(double a, const Dual& b) { return b * a; }
  friend Dual operator/(const Dual& a, double b) { return a * (1.0 / b); }
  friend Dual operator/(double a, const Dual& b) { return Dual(S(b.v * 0.0 + a)) / b; }

  // Comparisons look at values only and give the mask type of S.
  friend auto operator<(const Dual& a, const Dual& b) { return a.v < b.v; }
  friend auto operator>(const Dual& a, const Dual& b) { return a.v > b.v; }
  friend auto operator<=(const Dual& a, const Dual& b) { return a.v <= b.v; }
  friend auto operator>=(const Dual& a, const Dual& b) { return a.v >= b.v; }
};

}  // namespace osteon
