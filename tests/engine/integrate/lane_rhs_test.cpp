// The right-hand side is written once: the same template must compile and
// agree for double, for Eigen lane packs of width 4 and 8 (one scenario per
// lane), and for forward-mode AD numbers.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "integrate/jacobian.hpp"
#include "komarova2003/komarova2003.hpp"
#include "numerics/lane.hpp"

namespace {

using osteon::Lane;
using osteon::models::Komarova2003;
constexpr int N = Komarova2003::n_states;
constexpr int P = Komarova2003::n_params + Komarova2003::n_derived;

// Parameters of lane l: the Fig. 2 set with alpha1 and g11 varied per lane.
std::array<double, P> lane_params(int l) {
  std::array<double, P> p{};
  const auto& info = Komarova2003::info();
  for (int i = 0; i < Komarova2003::n_params; ++i) p[i] = info.params[i].value;
  p[Komarova2003::alpha1] *= 1.0 + 0.05 * l;
  p[Komarova2003::g11] += 0.01 * l;
  Komarova2003::derive(p.data(), p.data(), p.data() + Komarova2003::n_params);
  return p;
}

std::array<double, N> lane_state(int l) { return {11.0 - 0.5 * l, 212.0 + 3.0 * l, 100.0 - l}; }

// Lane l of the packs holds lane_params(l) and lane_state(l).
template <int W>
void fill_lanes(std::array<Lane<W>, P>& p, std::array<Lane<W>, N>& y) {
  for (int l = 0; l < W; ++l) {
    const auto ps = lane_params(l);
    const auto ys = lane_state(l);
    for (int i = 0; i < P; ++i) p[i][l] = ps[i];
    for (int i = 0; i < N; ++i) y[i][l] = ys[i];
  }
}

template <int W>
void check_lanes_match_scalar() {
  std::array<Lane<W>, N> y, dy;
  std::array<Lane<W>, P> p;
  fill_lanes<W>(p, y);
  const Lane<W> t = Lane<W>::Constant(3.0);
  Komarova2003::rhs<Lane<W>>(t, y.data(), p.data(), dy.data());
  for (int l = 0; l < W; ++l) {
    const auto ps = lane_params(l);
    const auto ys = lane_state(l);
    std::array<double, N> ds{};
    Komarova2003::rhs<double>(3.0, ys.data(), ps.data(), ds.data());
    for (int i = 0; i < N; ++i) {
      // Lanes compute x^g as exp(g log x); agreement to a few ulps is expected.
      EXPECT_NEAR(dy[i][l], ds[i], 1e-13 * (std::fabs(ds[i]) + 1.0)) << "lane " << l << " state " << i;
    }
  }
}

TEST(LaneRhs, Width4MatchesScalar) { check_lanes_match_scalar<4>(); }
TEST(LaneRhs, Width8MatchesScalar) { check_lanes_match_scalar<8>(); }

TEST(LaneRhs, AdJacobianMatchesFiniteDifferences) {
  const auto p = lane_params(0);
  const auto y = lane_state(0);
  std::array<double, N * N> jac{};
  osteon::model_jacobian<Komarova2003, double>(0.0, y.data(), p.data(), jac.data());
  for (int j = 0; j < N; ++j) {
    const double h = 1e-6 * std::fabs(y[j]);
    auto yp = y, ym = y;
    yp[j] += h;
    ym[j] -= h;
    std::array<double, N> fp{}, fm{};
    Komarova2003::rhs<double>(0.0, yp.data(), p.data(), fp.data());
    Komarova2003::rhs<double>(0.0, ym.data(), p.data(), fm.data());
    for (int i = 0; i < N; ++i) {
      const double fd = (fp[i] - fm[i]) / (2.0 * h);
      EXPECT_NEAR(jac[i * N + j], fd, 1e-6 * (std::fabs(fd) + 1e-3)) << "J(" << i << "," << j << ")";
    }
  }
}

TEST(LaneRhs, AdJacobianOnLanesMatchesScalarAd) {
  constexpr int W = 4;
  std::array<Lane<W>, N> y;
  std::array<Lane<W>, P> p;
  fill_lanes<W>(p, y);
  std::array<Lane<W>, N * N> jl;
  osteon::model_jacobian<Komarova2003, Lane<W>>(Lane<W>::Zero(), y.data(), p.data(), jl.data());
  for (int l = 0; l < W; ++l) {
    const auto ps = lane_params(l);
    const auto ys = lane_state(l);
    std::array<double, N * N> js{};
    osteon::model_jacobian<Komarova2003, double>(0.0, ys.data(), ps.data(), js.data());
    for (int k = 0; k < N * N; ++k) EXPECT_NEAR(jl[k][l], js[k], 1e-12 * (std::fabs(js[k]) + 1.0));
  }
}

}  // namespace
