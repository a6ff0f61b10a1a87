// Batched stiff integrator: RODAS4 (rosenbrock_coefficients.hpp) over SIMD
// lanes. Right-hand sides and the Jacobian (forward-mode AD through the same
// templated right-hand side) are evaluated for all lanes at once; the small
// dense LU factorisation and solves are done per lane.
#pragma once

#include <array>
#include <cmath>
#include <limits>

#include <Eigen/LU>

#include "integrate/jacobian.hpp"
#include "numerics/flatten.hpp"
#include "integrate/lane_batch.hpp"
#include "numerics/math.hpp"
#include "integrate/rosenbrock_coefficients.hpp"

namespace osteon {

template <OdeModel M, int W>
class BatchedRosenbrockWorker final : public RunWorker {
  static constexpr int N = M::n_states;
  using L = Lane<W>;
  using Batch = LaneBatch<M, W>;
  using Vec = std::array<L, N>;
  using Mat = Eigen::Matrix<double, N, N>;
  using Col = Eigen::Matrix<double, N, 1>;

 public:
  BatchedRosenbrockWorker(const OutputPlan& plan, const SolverSettings& settings) : plan_(plan), settings_(settings) {}

  // The right-hand side and its AD Jacobian each inlined into one body, as in the dopri5
  // worker (see there); -ffp-contract=off keeps the numbers identical.
  OSTEON_FLATTEN static void evaluate_rhs(const L& t, const L* y, const L* p, L* dydt) {
    M::template rhs<L>(t, y, p, dydt);
  }
  OSTEON_FLATTEN static void evaluate_jacobian(const L& t, const L* y, const L* p, L* jac, L* dfdt, L* f) {
    model_jacobian<M, L>(t, y, p, jac, dfdt, f);
  }

  void run(RunSource& source, ResultSink& sink) override {
    namespace r = rodas4;
    Batch b(plan_, settings_);
    Vec f0, dfdt, F, yt, yn, u1, u2, u3, u4, u5, u6, rhs;
    for (auto* v : {&f0, &dfdt, &F, &yt, &yn, &u1, &u2, &u3, &u4, &u5, &u6, &rhs}) {
      for (auto& x : *v) x = L::Zero();
    }
    std::array<L, N * N> jac;
    std::array<Eigen::PartialPivLU<Mat>, W> lu;
    const double rtol = settings_.rtol, atol = settings_.atol;
    const double hmax = b.max_step();
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

    b.refill(source, sink);
    L facmax = L::Constant(6.0);
    while (b.any_active()) {
      for (int l = 0; l < W; ++l) {
        if (!(b.active[l] && b.fresh[l])) continue;
        if (b.needs_initial_step(l)) b.h[l] = std::min(b.initial_step(l), hmax);
        facmax[l] = 6.0;
        b.fresh[l] = false;
      }
      const L remaining = b.t_break - b.t;
      const L h_proposed = b.h.min(hmax);
      const auto last = h_proposed >= remaining * (1.0 - 1e-12);
      const L h = last.select(remaining, h_proposed);
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

      L sum = L::Zero();
      for (int i = 0; i < N; ++i) {
        yn[i] = yt[i] + u6[i];
        const L sc = atol + rtol * y[i].abs().max(yn[i].abs());
        sum += (u6[i] / sc).square();
      }
      const L err = (sum / static_cast<double>(N)).sqrt();
      const auto finite = err < std::numeric_limits<double>::infinity();
      const auto ok = finite && (err <= 1.0);
      const L safe_err = finite.select(err, L::Ones()).max(1e-300);
      // fac = 0.9 err^(-1/4) within [0.2, facmax] (error estimate of order 3).
      const L fac = finite.select((0.9 * math::exp(L(-0.25 * math::log(safe_err)))).max(0.2).min(facmax), L::Constant(0.2));
      const L h_next = h * fac;
      const L t_new = last.select(b.t_break, t_end_step);

      Vec& y_old = b.y_old();
      for (int i = 0; i < N; ++i) {
        y_old[i] = y[i];
        b.y[i] = ok.select(yn[i], y[i]);
      }
      const L t_old = b.t;
      b.t = ok.select(t_new, b.t);
      b.h = ok.select((last && (h_next < b.h)).select(b.h, h_next), h_next).min(hmax);
      facmax = ok.select(L::Constant(6.0), L::Constant(1.0));

      b.screen();
      bool dense_ready = false;
      for (int l = 0; l < W; ++l) {
        if (!b.active[l]) continue;
        if (!ok[l]) {
          b.after_reject(l, sink);
          if (b.active[l]) b.check_budget(l, sink);
          continue;
        }
        auto interpolate = [&](int lane, double tau, double* x) {
          if (!dense_ready) {
            for (int i = 0; i < N; ++i) {
              cont3_[i] = r::d21 * u1[i] + r::d22 * u2[i] + r::d23 * u3[i] + r::d24 * u4[i] + r::d25 * u5[i];
              cont4_[i] = r::d31 * u1[i] + r::d32 * u2[i] + r::d33 * u3[i] + r::d34 * u4[i] + r::d35 * u5[i];
            }
            dense_ready = true;
          }
          const double s = (tau - t_old[lane]) / h[lane], s1 = 1.0 - s;
          for (int i = 0; i < N; ++i) {
            x[i] = y_old[i][lane] * s1 + s * (yn[i][lane] + s1 * (cont3_[i][lane] + s * cont4_[i][lane]));
          }
        };
        b.after_step(l, t_old[l], interpolate, sink);
        if (b.active[l]) b.check_budget(l, sink);
      }
      b.refill(source, sink);
    }
  }

 private:
  const OutputPlan& plan_;
  SolverSettings settings_;
  std::array<L, N> cont3_, cont4_;
};

}  // namespace osteon
