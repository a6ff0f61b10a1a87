// The batched loop, written once for every lane-parallel method: W runs
// advance together (lane_batch.hpp), each with its own step size and error
// control; a step lands exactly on the next breakpoint when within reach,
// rejected lanes keep their state, and the step-size controller is vectorised
// (no scalar pow per lane). A Stages class (batched_dopri5_worker.hpp,
// batched_rosenbrock_worker.hpp) supplies one step attempt and its dense output:
//   Stages(const SolverSettings&)
//   static constexpr double facmax, error_exponent  // growth limit; -1/(order+1)
//   void start_lanes(Batch&)             // once when some lanes (re)started
//   void restart_lane(Batch&, int l)     // for each (re)started lane
//   void attempt(Batch&, const L& h, Vec& yn, Vec& err)  // new state and error estimate
//   void prepare_dense(const L& h, const Vec& y_old, const Vec& yn)
//   void dense(int l, double theta, const Vec& y_old, const Vec& yn, double* x) const
//   void accepted(int l)                 // after an accepted step of lane l
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "integrate/lane_batch.hpp"
#include "numerics/math.hpp"

namespace osteon {

template <OdeModel M, int W, class Stages>
class BatchedWorker final : public RunWorker {
  static constexpr int N = M::n_states;
  using L = Lane<W>;
  using Vec = std::array<L, N>;
  using Batch = LaneBatch<M, W>;

 public:
  BatchedWorker(const OutputPlan& plan, const SolverSettings& settings) : plan_(plan), settings_(settings) {}

  void run(RunSource& source, ResultSink& sink) override {
    Batch b(plan_, settings_);
    Stages stages(settings_);
    Vec yn, err;
    for (auto* v : {&yn, &err}) {
      for (auto& x : *v) x = L::Zero();
    }
    const double rtol = settings_.rtol, atol = settings_.atol;
    const double hmax = b.max_step();

    b.refill(source, sink);
    L facmax = L::Constant(Stages::facmax);
    while (b.any_active()) {
      // Lanes that (re)started may need f(t, y); new runs also an initial step.
      bool any_fresh = false;
      for (int l = 0; l < W; ++l) any_fresh = any_fresh || (b.active[l] && b.fresh[l]);
      if (any_fresh) {
        stages.start_lanes(b);
        for (int l = 0; l < W; ++l) {
          if (!(b.active[l] && b.fresh[l])) continue;
          stages.restart_lane(b, l);
          if (b.needs_initial_step(l)) b.h[l] = std::min(b.initial_step(l), hmax);
          facmax[l] = Stages::facmax;
          b.fresh[l] = false;
        }
      }

      // Step length: land exactly on the next breakpoint when within reach.
      const L remaining = b.t_break - b.t;
      const L h_proposed = b.h.min(hmax);
      const auto last = h_proposed >= remaining * (1.0 - 1e-12);
      const L h = last.select(remaining, h_proposed);
      Vec& y = b.y;
      stages.attempt(b, h, yn, err);
      const L t_new = last.select(b.t_break, b.t + h);

      // Error: RMS over states of e_i / (atol + rtol max(|y_i|, |y_new_i|)).
      L sum = L::Zero();
      for (int i = 0; i < N; ++i) {
        const L sc = atol + rtol * y[i].abs().max(yn[i].abs());
        sum += (err[i] / sc).square();
      }
      const L e = (sum / static_cast<double>(N)).sqrt();
      // A step that produced NaN or Inf is rejected and shrunk five-fold.
      const auto finite = e < std::numeric_limits<double>::infinity();  // false for NaN
      const auto ok = finite && (e <= 1.0);
      // fac = 0.9 err^(-1/(order+1)), within [0.2, facmax].
      const L safe_err = finite.select(e, L::Ones()).max(1e-300);
      const L fac = finite.select(
          (0.9 * math::exp(L(Stages::error_exponent * math::log(safe_err)))).max(0.2).min(facmax), L::Constant(0.2));
      const L h_next = h * fac;

      // Accepted lanes move on; rejected lanes keep their state.
      Vec& y_old = b.y_old();
      for (int i = 0; i < N; ++i) {
        y_old[i] = y[i];
        y[i] = ok.select(yn[i], y[i]);
      }
      const L t_old = b.t;
      b.t = ok.select(t_new, b.t);
      // After landing on a breakpoint keep the longer of the old and proposed steps.
      b.h = ok.select((last && (h_next < b.h)).select(b.h, h_next), h_next).min(hmax);
      facmax = ok.select(L::Constant(Stages::facmax), L::Constant(1.0));

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
            stages.prepare_dense(h, y_old, yn);
            dense_ready = true;
          }
          stages.dense(lane, (tau - t_old[lane]) / h[lane], y_old, yn, x);
        };
        b.after_step(l, t_old[l], interpolate, sink);
        stages.accepted(l);
        if (b.active[l]) b.check_budget(l, sink);
      }
      b.refill(source, sink);
    }
  }

 private:
  const OutputPlan& plan_;
  SolverSettings settings_;
};

}  // namespace osteon
