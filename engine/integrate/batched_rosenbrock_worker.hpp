// Batched stiff integrator: RODAS4 (rosenbrock_coefficients.hpp) over SIMD
// lanes, the stages of one step and their dense output, driven by the batched
// loop (batched_worker.hpp). Right-hand sides and the Jacobian (forward-mode AD
// through the same templated right-hand side) are evaluated for all lanes at
// once; the small dense LU factorisation and solves are done per lane.
#pragma once

#include <array>

#include <Eigen/LU>

#include "integrate/batched_worker.hpp"
#include "integrate/jacobian.hpp"
#include "integrate/rosenbrock_coefficients.hpp"
#include "numerics/flatten.hpp"

namespace osteon {

template <OdeModel M, int W>
class RosenbrockStages {
  static constexpr int N = M::n_states;
  using L = Lane<W>;
  using Vec = std::array<L, N>;
  using Batch = LaneBatch<M, W>;
  using Mat = Eigen::Matrix<double, N, N>;
  using Col = Eigen::Matrix<double, N, 1>;

 public:
  static constexpr double facmax = 6.0;
  static constexpr double error_exponent = -0.25;  // error estimate of order 3

  explicit RosenbrockStages(const SolverSettings& /*settings*/) {
    for (auto* v : {&f0, &dfdt, &F, &yt, &u1, &u2, &u3, &u4, &u5, &u6, &rhs}) {
      for (auto& x : *v) x = L::Zero();
    }
  }

  // The right-hand side and its AD Jacobian each inlined into one body, as in the dopri5
  // stages (see there); -ffp-contract=off keeps the numbers identical.
  OSTEON_FLATTEN static void evaluate_rhs(const L& t, const L* y, const L* p, L* dydt) {
    M::template rhs<L>(t, y, p, dydt);
  }
  OSTEON_FLATTEN static void evaluate_jacobian(const L& t, const L* y, const L* p, L* jac, L* dfdt, L* f) {
    model_jacobian<M, L>(t, y, p, jac, dfdt, f);
  }

  // Every step starts from a fresh Jacobian and f(t, y): nothing to carry over.
  void start_lanes(Batch& /*b*/) {}
  void restart_lane(Batch& /*b*/, int /*l*/) {}

  void attempt(Batch& b, const L& h, Vec& yn, Vec& err) {
    namespace r = rodas4;
    auto f = [&](const L& tt, const Vec& x, Vec& dx) { evaluate_rhs(tt, x.data(), b.p.data(), dx.data()); };
    // Solves W u = rhs lane by lane.
    auto solve = [&](const Vec& in, Vec& out) {
      for (int l = 0; l < W; ++l) {
        if (!b.active[l]) continue;
        Col v;
        for (int i = 0; i < N; ++i) v(i) = in[i][l];
        const Col x = lu[l].solve(v);
        for (int i = 0; i < N; ++i) out[i][l] = x(i);
      }
    };
    const L inv_h = 1.0 / h;
    const Vec& y = b.y;

    evaluate_jacobian(b.t, y.data(), b.p.data(), jac.data(), dfdt.data(), f0.data());
    for (int l = 0; l < W; ++l) {
      if (!b.active[l]) continue;
      b.count_jacobian(l);
      b.count_rhs(l, 5);
      Mat a;
      for (int i = 0; i < N; ++i) {
        for (int j = 0; j < N; ++j) a(i, j) = -jac[i * N + j][l];
        a(i, i) += 1.0 / (r::gamma * h[l]);
      }
      lu[l].compute(a);
    }

    for (int i = 0; i < N; ++i) rhs[i] = f0[i] + h * r::d1 * dfdt[i];
    solve(rhs, u1);
    for (int i = 0; i < N; ++i) yt[i] = y[i] + r::a21 * u1[i];
    f(b.t + r::c2 * h, yt, F);
    for (int i = 0; i < N; ++i) rhs[i] = F[i] + h * r::d2 * dfdt[i] + inv_h * (r::c21 * u1[i]);
    solve(rhs, u2);
    for (int i = 0; i < N; ++i) yt[i] = y[i] + r::a31 * u1[i] + r::a32 * u2[i];
    f(b.t + r::c3 * h, yt, F);
    for (int i = 0; i < N; ++i) rhs[i] = F[i] + h * r::d3 * dfdt[i] + inv_h * (r::c31 * u1[i] + r::c32 * u2[i]);
    solve(rhs, u3);
    for (int i = 0; i < N; ++i) yt[i] = y[i] + r::a41 * u1[i] + r::a42 * u2[i] + r::a43 * u3[i];
    f(b.t + r::c4 * h, yt, F);
    for (int i = 0; i < N; ++i) {
      rhs[i] = F[i] + h * r::d4 * dfdt[i] + inv_h * (r::c41 * u1[i] + r::c42 * u2[i] + r::c43 * u3[i]);
    }
    solve(rhs, u4);
    for (int i = 0; i < N; ++i) yt[i] = y[i] + r::a51 * u1[i] + r::a52 * u2[i] + r::a53 * u3[i] + r::a54 * u4[i];
    const L t_end_step = b.t + h;
    f(t_end_step, yt, F);
    for (int i = 0; i < N; ++i) {
      rhs[i] = F[i] + inv_h * (r::c51 * u1[i] + r::c52 * u2[i] + r::c53 * u3[i] + r::c54 * u4[i]);
    }
    solve(rhs, u5);
    for (int i = 0; i < N; ++i) yt[i] += u5[i];
    f(t_end_step, yt, F);
    for (int i = 0; i < N; ++i) {
      rhs[i] = F[i] + inv_h * (r::c61 * u1[i] + r::c62 * u2[i] + r::c63 * u3[i] + r::c64 * u4[i] + r::c65 * u5[i]);
    }
    solve(rhs, u6);
    for (int i = 0; i < N; ++i) {
      yn[i] = yt[i] + u6[i];
      err[i] = u6[i];
    }
  }

  void prepare_dense(const L& /*h*/, const Vec& /*y_old*/, const Vec& /*yn*/) {
    namespace r = rodas4;
    for (int i = 0; i < N; ++i) {
      cont3_[i] = r::d21 * u1[i] + r::d22 * u2[i] + r::d23 * u3[i] + r::d24 * u4[i] + r::d25 * u5[i];
      cont4_[i] = r::d31 * u1[i] + r::d32 * u2[i] + r::d33 * u3[i] + r::d34 * u4[i] + r::d35 * u5[i];
    }
  }
  void dense(int l, double s, const Vec& y_old, const Vec& yn, double* x) const {
    const double s1 = 1.0 - s;
    for (int i = 0; i < N; ++i) {
      x[i] = y_old[i][l] * s1 + s * (yn[i][l] + s1 * (cont3_[i][l] + s * cont4_[i][l]));
    }
  }

  void accepted(int /*l*/) {}

 private:
  Vec f0, dfdt, F, yt, u1, u2, u3, u4, u5, u6, rhs;
  std::array<L, N * N> jac;
  std::array<Eigen::PartialPivLU<Mat>, W> lu;
  Vec cont3_, cont4_;
};

template <OdeModel M, int W>
using BatchedRosenbrockWorker = BatchedWorker<M, W, RosenbrockStages<M, W>>;

}  // namespace osteon
