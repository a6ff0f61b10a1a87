// Checks every model of the Pivonka family must pass, whatever its equations:
// the templated right-hand side agrees between double, SIMD lanes and AD
// numbers, and the AD Jacobian agrees with finite differences.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "integrate/jacobian.hpp"
#include "numerics/lane.hpp"

namespace osteon::testing {

// Declared defaults followed by the derived parameters.
template <class M>
std::vector<double> default_full_params() {
  std::vector<double> p(M::n_params + M::n_derived);
  for (int i = 0; i < M::n_params; ++i) p[i] = M::info().params[static_cast<std::size_t>(i)].value;
  M::derive(p.data(), p.data(), p.data() + M::n_params);
  return p;
}

// Lane l of a W-wide pack evaluates state y_l = y·(1 + 0.004·l·(i mod 3 + 1)) at t_l = t + l.
template <class M, int W>
void expect_lanes_match_scalar(const std::vector<double>& p, const std::vector<double>& y, double t) {
  constexpr int N = M::n_states;
  constexpr int P = M::n_params + M::n_derived;
  constexpr int O = M::n_observables;
  auto state = [&](int l) {
    std::array<double, N> s{};
    for (int i = 0; i < N; ++i) s[i] = y[static_cast<std::size_t>(i)] * (1.0 + 0.004 * l * ((i % 3) + 1));
    return s;
  };
  std::array<Lane<W>, N> yl, dl;
  std::array<Lane<W>, P> pl;
  std::array<Lane<W>, O> ol;
  Lane<W> tl;
  for (int l = 0; l < W; ++l) {
    const auto s = state(l);
    for (int i = 0; i < N; ++i) yl[i][l] = s[i];
    for (int i = 0; i < P; ++i) pl[i][l] = p[static_cast<std::size_t>(i)];
    tl[l] = t + l;
  }
  M::template rhs<Lane<W>>(tl, yl.data(), pl.data(), dl.data());
  M::template observables<Lane<W>>(tl, yl.data(), pl.data(), ol.data());
  for (int l = 0; l < W; ++l) {
    const auto s = state(l);
    std::array<double, N> ds{};
    std::array<double, O> os{};
    M::template rhs<double>(t + l, s.data(), p.data(), ds.data());
    M::template observables<double>(t + l, s.data(), p.data(), os.data());
    for (int i = 0; i < N; ++i)
      EXPECT_NEAR(dl[i][l], ds[i], 1e-12 * std::fabs(ds[i]) + 1e-300) << "lane " << l << " state " << i;
    for (int i = 0; i < O; ++i)
      EXPECT_NEAR(ol[i][l], os[i], 1e-12 * std::fabs(os[i]) + 1e-300) << "lane " << l << " obs " << i;
  }
}

// Central differences with a relative step; `scale` gives each state's size.
template <class M>
void expect_jacobian_matches_finite_differences(const std::vector<double>& p, const std::vector<double>& y, double t,
                                                double rel_tol = 1e-5) {
  constexpr int N = M::n_states;
  std::array<double, N * N> jac{};
  model_jacobian<M, double>(t, y.data(), p.data(), jac.data());
  std::array<double, N> f0{};
  M::template rhs<double>(t, y.data(), p.data(), f0.data());
  for (int j = 0; j < N; ++j) {
    const double h = 1e-6 * (std::fabs(y[static_cast<std::size_t>(j)]) + 1e-6);
    auto yp = y, ym = y;
    yp[static_cast<std::size_t>(j)] += h;
    ym[static_cast<std::size_t>(j)] -= h;
    std::array<double, N> fp{}, fm{};
    M::template rhs<double>(t, yp.data(), p.data(), fp.data());
    M::template rhs<double>(t, ym.data(), p.data(), fm.data());
    for (int i = 0; i < N; ++i) {
      const double fd = (fp[i] - fm[i]) / (2.0 * h);
      // Scale: how much f_i changes when y_j moves by its own size.
      const double scale =
          (std::fabs(fd) + std::fabs(jac[i * N + j])) + 1e-9 * std::fabs(f0[i]) / (std::fabs(y[j]) + 1e-12);
      EXPECT_NEAR(jac[i * N + j], fd, rel_tol * scale + 1e-300) << "J(" << i << "," << j << ")";
    }
  }
}

}  // namespace osteon::testing
