// Batched explicit Dormand–Prince 5(4) over SIMD lanes: W runs advance
// together, each with its own step size and error control; rejected lanes
// simply keep their state. The step-size controller is vectorised (no scalar
// pow per lane). Coefficients and the 4th-order dense output are those of
// Dormand & Prince (1980) as given by Hairer, Nørsett & Wanner, Solving
// Ordinary Differential Equations I, Sec. II.5-6 (DOPRI5).
#pragma once

#include <array>
#include <cmath>
#include <limits>

#include "integrate/initial_step.hpp"
#include "numerics/flatten.hpp"
#include "integrate/lane_batch.hpp"
#include "numerics/math.hpp"

namespace osteon {

namespace dopri5 {
inline constexpr double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
inline constexpr double a21 = 1.0 / 5;
inline constexpr double a31 = 3.0 / 40, a32 = 9.0 / 40;
inline constexpr double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
inline constexpr double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
inline constexpr double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176,
                        a65 = -5103.0 / 18656;
inline constexpr double a71 = 35.0 / 384, a73 = 500.0 / 1113, a74 = 125.0 / 192, a75 = -2187.0 / 6784,
                        a76 = 11.0 / 84;
inline constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200,
                        e6 = 22.0 / 525, e7 = -1.0 / 40;
inline constexpr double d1 = -12715105075.0 / 11282082432, d3 = 87487479700.0 / 32700410799,
                        d4 = -10690763975.0 / 1880347072, d5 = 701980252875.0 / 199316789632,
                        d6 = -1453857185.0 / 822651844, d7 = 69997945.0 / 29380423;
}  // namespace dopri5

template <OdeModel M, int W>
class BatchedDopri5Worker final : public RunWorker {
  static constexpr int N = M::n_states;
  using L = Lane<W>;
  using Batch = LaneBatch<M, W>;

 public:
  BatchedDopri5Worker(const OutputPlan& plan, const SolverSettings& settings)
      : plan_(plan), settings_(settings) {}

  // The right-hand side with every helper it calls inlined into one body (modules, Eigen's
  // vectorised log/exp and select): GCC otherwise keeps several of them out of line, which
  // costs calls and spills of whole lane packs. -ffp-contract=off keeps the numbers identical.
  OSTEON_FLATTEN static void evaluate_rhs(const L& t, const L* y, const L* p, L* dydt) {
    M::template rhs<L>(t, y, p, dydt);
  }

  void run(RunSource& source, ResultSink& sink) override {
    Batch b(plan_, settings_);
    std::array<L, N> k1, k2, k3, k4, k5, k6, k7, yt, yn;
    for (auto* arr : {&k1, &k2, &k3, &k4, &k5, &k6, &k7, &yt, &yn}) {
      for (auto& v : *arr) v = L::Zero();
    }
    const double rtol = settings_.rtol, atol = settings_.atol;
    const double hmax = b.max_step();
    auto f = [&](const L& tt, const std::array<L, N>& x, std::array<L, N>& dx) {
      evaluate_rhs(tt, x.data(), b.p.data(), dx.data());
    };

    b.refill(source, sink);
    L facmax = L::Constant(10.0);
    while (b.any_active()) {
      // Lanes that (re)started need f(t, y); new runs also an initial step.
      bool any_fresh = false;
      for (int l = 0; l < W; ++l) any_fresh = any_fresh || (b.active[l] && b.fresh[l]);
      if (any_fresh) {
        f(b.t, b.y, k7);
        for (int l = 0; l < W; ++l) {
          if (!(b.active[l] && b.fresh[l])) continue;
          b.count_rhs(l, 1);
          for (int i = 0; i < N; ++i) k1[i][l] = k7[i][l];
          if (b.needs_initial_step(l)) b.h[l] = std::min(b.initial_step(l), hmax);
          facmax[l] = 10.0;
          b.fresh[l] = false;
        }
      }

      // Step length: land exactly on the next breakpoint when within reach.
      const L remaining = b.t_break - b.t;
      const L h_proposed = b.h.min(hmax);
      const auto last = h_proposed >= remaining * (1.0 - 1e-12);
      const L h = last.select(remaining, h_proposed);
      std::array<L, N>& y = b.y;

      for (int i = 0; i < N; ++i) yt[i] = y[i] + h * (dopri5::a21 * k1[i]);
      f(b.t + dopri5::c2 * h, yt, k2);
      for (int i = 0; i < N; ++i) yt[i] = y[i] + h * (dopri5::a31 * k1[i] + dopri5::a32 * k2[i]);
      f(b.t + dopri5::c3 * h, yt, k3);
      for (int i = 0; i < N; ++i) yt[i] = y[i] + h * (dopri5::a41 * k1[i] + dopri5::a42 * k2[i] + dopri5::a43 * k3[i]);
      f(b.t + dopri5::c4 * h, yt, k4);
      for (int i = 0; i < N; ++i) {
        yt[i] = y[i] + h * (dopri5::a51 * k1[i] + dopri5::a52 * k2[i] + dopri5::a53 * k3[i] + dopri5::a54 * k4[i]);
      }
      f(b.t + dopri5::c5 * h, yt, k5);
      for (int i = 0; i < N; ++i) {
        yt[i] = y[i] + h * (dopri5::a61 * k1[i] + dopri5::a62 * k2[i] + dopri5::a63 * k3[i] + dopri5::a64 * k4[i] +
                            dopri5::a65 * k5[i]);
      }
      const L t_new = last.select(b.t_break, b.t + h);
      f(b.t + h, yt, k6);
      for (int i = 0; i < N; ++i) {
        yn[i] = y[i] + h * (dopri5::a71 * k1[i] + dopri5::a73 * k3[i] + dopri5::a74 * k4[i] + dopri5::a75 * k5[i] +
                            dopri5::a76 * k6[i]);
      }
      f(b.t + h, yn, k7);
      for (int l = 0; l < W; ++l) b.count_rhs(l, 6);

      // Error: RMS over states of e_i / (atol + rtol max(|y_i|, |y_new_i|)).
      L sum = L::Zero();
      for (int i = 0; i < N; ++i) {
        const L e = h * (dopri5::e1 * k1[i] + dopri5::e3 * k3[i] + dopri5::e4 * k4[i] + dopri5::e5 * k5[i] +
                         dopri5::e6 * k6[i] + dopri5::e7 * k7[i]);
        const L sc = atol + rtol * y[i].abs().max(yn[i].abs());
        sum += (e / sc).square();
      }
      const L err = (sum / static_cast<double>(N)).sqrt();
      // A step that produced NaN or Inf is rejected and shrunk five-fold.
      const auto finite = err < std::numeric_limits<double>::infinity();  // false for NaN
      const auto ok = finite && (err <= 1.0);
      // Vectorised controller: fac = 0.9 err^(-1/5), within [0.2, facmax].
      const L safe_err = finite.select(err, L::Ones()).max(1e-300);
      const L fac = finite.select((0.9 * math::exp(L(-0.2 * math::log(safe_err)))).max(0.2).min(facmax), L::Constant(0.2));
      const L h_next = h * fac;

      // Accepted lanes move on; rejected lanes keep their state.
      std::array<L, N>& y_old = b.y_old();
      for (int i = 0; i < N; ++i) {
        y_old[i] = y[i];
        y[i] = ok.select(yn[i], y[i]);
      }
      const L t_old = b.t;
      b.t = ok.select(t_new, b.t);
      // After landing on a breakpoint keep the longer of the old and proposed steps.
      b.h = ok.select((last && (h_next < b.h)).select(b.h, h_next), h_next).min(hmax);
      facmax = ok.select(L::Constant(10.0), L::Constant(1.0));

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
              const L ydiff = yn[i] - y_old[i];
              const L bspl = h * k1[i] - ydiff;
              r2_[i] = ydiff;
              r3_[i] = bspl;
              r4_[i] = ydiff - h * k7[i] - bspl;
              r5_[i] = h * (dopri5::d1 * k1[i] + dopri5::d3 * k3[i] + dopri5::d4 * k4[i] + dopri5::d5 * k5[i] +
                            dopri5::d6 * k6[i] + dopri5::d7 * k7[i]);
            }
            dense_ready = true;
          }
          const double th = (tau - t_old[lane]) / h[lane], th1 = 1.0 - th;
          for (int i = 0; i < N; ++i) {
            x[i] = y_old[i][lane] +
                   th * (r2_[i][lane] + th1 * (r3_[i][lane] + th * (r4_[i][lane] + th1 * r5_[i][lane])));
          }
        };
        b.after_step(l, t_old[l], interpolate, sink);
        // FSAL: the last stage is the derivative at the new point.
        for (int i = 0; i < N; ++i) k1[i][l] = k7[i][l];
        if (b.active[l]) b.check_budget(l, sink);
      }
      b.refill(source, sink);
    }
  }

 private:
  const OutputPlan& plan_;
  SolverSettings settings_;
  std::array<L, N> r2_, r3_, r4_, r5_;
};

}  // namespace osteon
