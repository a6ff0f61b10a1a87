// Batched explicit Dormand–Prince 5(4) over SIMD lanes: the stages of one
// step and their dense output, driven by the batched loop (batched_worker.hpp).
// Coefficients and the 4th-order dense output are those of
// Dormand & Prince (1980) as given by Hairer, Nørsett & Wanner, Solving
// Ordinary Differential Equations I, Sec. II.5-6 (DOPRI5).
#pragma once

#include <array>

#include "integrate/batched_worker.hpp"
#include "numerics/flatten.hpp"

namespace osteon {

namespace dopri5 {
inline constexpr double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
inline constexpr double a21 = 1.0 / 5;
inline constexpr double a31 = 3.0 / 40, a32 = 9.0 / 40;
inline constexpr double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
inline constexpr double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
inline constexpr double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176,
                        a65 = -5103.0 / 18656;
inline constexpr double a71 = 35.0 / 384, a73 = 500.0 / 1113, a74 = 125.0 / 192, a75 = -2187.0 / 6784, a76 = 11.0 / 84;
inline constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200,
                        e6 = 22.0 / 525, e7 = -1.0 / 40;
inline constexpr double d1 = -12715105075.0 / 11282082432, d3 = 87487479700.0 / 32700410799,
                        d4 = -10690763975.0 / 1880347072, d5 = 701980252875.0 / 199316789632,
                        d6 = -1453857185.0 / 822651844, d7 = 69997945.0 / 29380423;
}  // namespace dopri5

template <OdeModel M, int W>
class Dopri5Stages {
  static constexpr int N = M::n_states;
  using L = Lane<W>;
  using Vec = std::array<L, N>;
  using Batch = LaneBatch<M, W>;

 public:
  static constexpr double facmax = 10.0;
  static constexpr double error_exponent = -0.2;  // error estimate of order 4

  explicit Dopri5Stages(const SolverSettings& /*settings*/) {
    for (auto* arr : {&k1, &k2, &k3, &k4, &k5, &k6, &k7, &yt}) {
      for (auto& v : *arr) v = L::Zero();
    }
  }

  // The right-hand side with every helper it calls inlined into one body (modules, Eigen's
  // vectorised log/exp and select): GCC otherwise keeps several of them out of line, which
  // costs calls and spills of whole lane packs. -ffp-contract=off keeps the numbers identical.
  OSTEON_FLATTEN static void evaluate_rhs(const L& t, const L* y, const L* p, L* dydt) {
    M::template rhs<L>(t, y, p, dydt);
  }

  // Lanes that (re)started need f(t, y) as their first stage.
  void start_lanes(Batch& b) { evaluate_rhs(b.t, b.y.data(), b.p.data(), k7.data()); }
  void restart_lane(Batch& b, int l) {
    b.count_rhs(l, 1);
    for (int i = 0; i < N; ++i) k1[i][l] = k7[i][l];
  }

  void attempt(Batch& b, const L& h, Vec& yn, Vec& err) {
    auto f = [&](const L& tt, const Vec& x, Vec& dx) { evaluate_rhs(tt, x.data(), b.p.data(), dx.data()); };
    const Vec& y = b.y;
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
    f(b.t + h, yt, k6);
    for (int i = 0; i < N; ++i) {
      yn[i] = y[i] + h * (dopri5::a71 * k1[i] + dopri5::a73 * k3[i] + dopri5::a74 * k4[i] + dopri5::a75 * k5[i] +
                          dopri5::a76 * k6[i]);
    }
    f(b.t + h, yn, k7);
    for (int l = 0; l < W; ++l) b.count_rhs(l, 6);
    for (int i = 0; i < N; ++i) {
      err[i] = h * (dopri5::e1 * k1[i] + dopri5::e3 * k3[i] + dopri5::e4 * k4[i] + dopri5::e5 * k5[i] +
                    dopri5::e6 * k6[i] + dopri5::e7 * k7[i]);
    }
  }

  void prepare_dense(const L& h, const Vec& y_old, const Vec& yn) {
    for (int i = 0; i < N; ++i) {
      const L ydiff = yn[i] - y_old[i];
      const L bspl = h * k1[i] - ydiff;
      r2_[i] = ydiff;
      r3_[i] = bspl;
      r4_[i] = ydiff - h * k7[i] - bspl;
      r5_[i] = h * (dopri5::d1 * k1[i] + dopri5::d3 * k3[i] + dopri5::d4 * k4[i] + dopri5::d5 * k5[i] +
                    dopri5::d6 * k6[i] + dopri5::d7 * k7[i]);
    }
  }
  void dense(int l, double th, const Vec& y_old, const Vec& /*yn*/, double* x) const {
    const double th1 = 1.0 - th;
    for (int i = 0; i < N; ++i) {
      x[i] = y_old[i][l] + th * (r2_[i][l] + th1 * (r3_[i][l] + th * (r4_[i][l] + th1 * r5_[i][l])));
    }
  }

  // FSAL: the last stage is the derivative at the new point.
  void accepted(int l) {
    for (int i = 0; i < N; ++i) k1[i][l] = k7[i][l];
  }

 private:
  Vec k1, k2, k3, k4, k5, k6, k7, yt;
  Vec r2_, r3_, r4_, r5_;
};

template <OdeModel M, int W>
using BatchedDopri5Worker = BatchedWorker<M, W, Dopri5Stages<M, W>>;

}  // namespace osteon
