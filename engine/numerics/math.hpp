// Elementary functions written once for every scalar type a right-hand side is
// instantiated with: double, Lane<W> (SIMD lanes) and Dual<S, N> (AD numbers).
// Models call them qualified (math::pow, math::select) so that overloads from
// Eigen are never picked up by argument-dependent lookup by accident.
#pragma once

#include <algorithm>
#include <cmath>

#include "numerics/dual.hpp"
#include "numerics/lane.hpp"

namespace osteon::math {

// ---- double ---------------------------------------------------------------
inline double exp(double x) { return std::exp(x); }
inline double log(double x) { return std::log(x); }
inline double sqrt(double x) { return std::sqrt(x); }
inline double abs(double x) { return std::fabs(x); }
inline double pow(double x, double y) { return std::pow(x, y); }
inline double max(double a, double b) { return a > b ? a : b; }
inline double min(double a, double b) { return a < b ? a : b; }
inline double select(bool c, double a, double b) { return c ? a : b; }
inline double constant(double, double c) { return c; }

// ---- Lane<W> --------------------------------------------------------------
template <int W>
Lane<W> exp(const Lane<W>& x) {
  return x.exp();
}
template <int W>
Lane<W> log(const Lane<W>& x) {
  return x.log();
}
template <int W>
Lane<W> sqrt(const Lane<W>& x) {
  return x.sqrt();
}
template <int W>
Lane<W> abs(const Lane<W>& x) {
  return x.abs();
}
// x^y = exp(y log x): vectorised, where Eigen's element-wise pow is not.
template <int W>
Lane<W> pow(const Lane<W>& x, const Lane<W>& y) {
  return (y * x.log()).exp();
}
template <int W>
Lane<W> max(const Lane<W>& a, const Lane<W>& b) {
  return (a > b).select(a, b);
}
template <int W>
Lane<W> min(const Lane<W>& a, const Lane<W>& b) {
  return (a < b).select(a, b);
}
template <class Mask, int W>
Lane<W> select(const Mask& c, const Lane<W>& a, const Lane<W>& b) {
  return c.select(a, b);
}
template <int W>
Lane<W> constant(const Lane<W>&, double c) {
  return Lane<W>::Constant(c);
}

// ---- Dual<S, N> -----------------------------------------------------------
template <class S, int N>
Dual<S, N> exp(const Dual<S, N>& x) {
  Dual<S, N> r;
  r.v = math::exp(x.v);
  for (int i = 0; i < N; ++i) r.d[i] = x.d[i] * r.v;
  return r;
}
template <class S, int N>
Dual<S, N> log(const Dual<S, N>& x) {
  Dual<S, N> r;
  r.v = math::log(x.v);
  for (int i = 0; i < N; ++i) r.d[i] = x.d[i] / x.v;
  return r;
}
template <class S, int N>
Dual<S, N> sqrt(const Dual<S, N>& x) {
  Dual<S, N> r;
  r.v = math::sqrt(x.v);
  const S half_inv = S(0.5 / r.v);
  for (int i = 0; i < N; ++i) r.d[i] = x.d[i] * half_inv;
  return r;
}
template <class S, int N>
Dual<S, N> pow(const Dual<S, N>& x, const Dual<S, N>& y) {
  Dual<S, N> r;
  r.v = math::pow(x.v, y.v);
  const S lx = math::log(x.v);
  const S dx = S(y.v * r.v / x.v);  // d/dx x^y = y x^(y-1)
  for (int i = 0; i < N; ++i) r.d[i] = dx * x.d[i] + r.v * lx * y.d[i];
  return r;
}
template <class Mask, class S, int N>
Dual<S, N> select(const Mask& c, const Dual<S, N>& a, const Dual<S, N>& b) {
  Dual<S, N> r;
  r.v = math::select(c, a.v, b.v);
  for (int i = 0; i < N; ++i) r.d[i] = math::select(c, a.d[i], b.d[i]);
  return r;
}
template <class S, int N>
Dual<S, N> abs(const Dual<S, N>& x) {
  return math::select(x.v < x.v * 0.0, -x, x);
}
template <class S, int N>
Dual<S, N> max(const Dual<S, N>& a, const Dual<S, N>& b) {
  return math::select(a.v > b.v, a, b);
}
template <class S, int N>
Dual<S, N> min(const Dual<S, N>& a, const Dual<S, N>& b) {
  return math::select(a.v < b.v, a, b);
}
template <class S, int N>
Dual<S, N> constant(const Dual<S, N>& like, double c) {
  return Dual<S, N>(math::constant(like.v, c));
}

}  // namespace osteon::math
