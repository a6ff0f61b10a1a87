// The bookkeeping shared by the batched integrators: W runs side by side, one
// per SIMD lane, each with its own time, step size, breakpoints (scheduled
// actions), output times and status. A lane that finishes is refilled at once
// from the RunSource. Nothing here mixes data between lanes, so a run's
// numbers never depend on which lane, batch or thread it ran in.
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "integrate/initial_step.hpp"
#include "integrate/run_context.hpp"
#include "integrate/solver_settings.hpp"
#include "model/model.hpp"
#include "numerics/lane.hpp"

namespace osteon {

template <OdeModel M, int W>
class LaneBatch {
 public:
  static constexpr int N = M::n_states;
  static constexpr int PF = M::n_params + M::n_derived > 0 ? M::n_params + M::n_derived : 1;
  using L = Lane<W>;

  LaneBatch(const OutputPlan& plan, const SolverSettings& settings) : plan_(plan), settings_(settings) {
    for (auto& v : y) v = L::Ones();
    for (auto& v : p) v = L::Ones();
    t = L::Zero();
    h = L::Zero();
    t_break = L::Zero();
    active.fill(false);
    fresh.fill(false);
  }

  // --- state seen by the steppers (structure of arrays) ---
  std::array<L, N> y;
  std::array<L, PF> p;
  L t, h, t_break;
  std::array<bool, W> active;  // lane holds a run in progress
  std::array<bool, W> fresh;   // lane (re)started: derivative and, for new runs, h to initialise

  bool any_active() const {
    for (bool a : active) {
      if (a) return true;
    }
    return false;
  }

  // Fills every idle lane with the next run from `source`. Runs that fail
  // before their first step are sent to `sink` at once.
  void refill(RunSource& source, ResultSink& sink) {
    for (int l = 0; l < W; ++l) {
      while (!active[l] && !exhausted_) {
        if (!source.next(spec_[l])) {
          exhausted_ = true;
          break;
        }
        start(l, sink);
      }
    }
  }

  // After an accepted step of lane l from t_old to t[l]: record outputs in
  // [t_old, t) through `interpolate(l, tau, x)`, check the state, and at a
  // breakpoint apply the actions due, record outputs at that time, and finish
  // the run at its end. Returns true when the lane's state or parameters changed.
  template <class Interpolate>
  bool after_step(int l, double t_old, Interpolate&& interpolate, ResultSink& sink) {
    RunResult& r = res_[l];
    const double tn = t[l];
    ++r.stats.steps;
    std::array<double, N> x{};
    std::size_t& k = next_output_[l];
    for (; k < plan_.times.size() && plan_.times[k] < tn; ++k) {
      if (plan_.times[k] <= t_old) {
        for (int i = 0; i < N; ++i) x[i] = y_old_[i][l];
      } else {
        interpolate(l, plan_.times[k], x.data());
      }
      ctx_[l].record(plan_.times[k], x.data(), k, plan_, r);
    }
    for (int i = 0; i < N; ++i) x[i] = y[i][l];
    if (suspect_[l]) {  // only lanes the vectorised screen flagged get the scalar check and its message
      if (std::string why = ctx_[l].check_state(tn, x.data()); !why.empty()) {
        fail(l, why, sink);
        return false;
      }
    }
    if (tn < t_break[l]) return false;
    // At the breakpoint: apply every action due now, then sample (post-event).
    for (int i = 0; i < N; ++i) ctx_[l].y[i] = x[i];
    const auto& actions = spec_[l].schedule.actions();
    std::size_t& a = next_action_[l];
    bool changed = false;
    while (a < actions.size() && actions[a].time <= tn) {
      if (std::string why = ctx_[l].apply(actions[a]); !why.empty()) {
        fail(l, why, sink);
        return false;
      }
      ++a;
      changed = true;
    }
    for (; k < plan_.times.size() && plan_.times[k] <= tn; ++k)
      ctx_[l].record(plan_.times[k], ctx_[l].y.data(), k, plan_, r);
    if (tn >= plan_.t_end) {
      finish(l, sink);
      return true;
    }
    if (changed) {
      scatter(l);
      fresh[l] = true;  // derivative must be recomputed; h carries on
    }
    set_break(l);
    return changed;
  }

  // Flags, for all lanes at once, states that are not finite or negative where
  // they must not be. Steppers call it after updating y, before after_step().
  void screen() {
    Eigen::Array<bool, W, 1> bad = Eigen::Array<bool, W, 1>::Constant(false);
    const double tol = RunContext<M>::negative_tolerance(0.0);
    for (int i = 0; i < N; ++i) {
      bad = bad || !(y[i].abs() <= std::numeric_limits<double>::max());  // NaN or infinite
      if (M::info().states[static_cast<std::size_t>(i)].nonnegative) bad = bad || (y[i] < -tol);
    }
    for (int l = 0; l < W; ++l) suspect_[l] = bad[l];
  }

  // Counts a rejected attempt and fails the lane on step-size underflow.
  void after_reject(int l, ResultSink& sink) {
    ++res_[l].stats.rejected;
    if (h[l] < 1e-12 * std::max(1.0, std::fabs(t[l]))) {
      std::array<double, N> x{};
      for (int i = 0; i < N; ++i) x[i] = y[i][l];
      fail(l, ctx_[l].step_underflow_message(h[l], t[l], x.data()), sink);
    }
  }

  // Fails lanes over their step budget.
  void check_budget(int l, ResultSink& sink) {
    const RunResult& r = res_[l];
    if (r.stats.steps + r.stats.rejected >= settings_.max_steps) {
      fail(l,
           "more than " + std::to_string(settings_.max_steps) + " steps before " + format_time(plan_.t_end) +
               " (stopped at " + format_time(t[l]) + "); raise solver.max_steps or try --integrator rosenbrock",
           sink);
    }
  }

  void count_rhs(int l, int evaluations) {
    if (active[l]) res_[l].stats.rhs_evals += evaluations;
  }
  void count_jacobian(int l) {
    if (active[l]) ++res_[l].stats.jacobians;
  }

  // The state at the start of the current step (for dense output and outputs at t_old).
  std::array<L, N>& y_old() { return y_old_; }

  // Scalar initial step for a newly started lane, from its double-precision derivative.
  double initial_step(int l) const {
    std::array<double, N> y0{}, f0{};
    for (int i = 0; i < N; ++i) y0[i] = ctx_[l].y[i];
    const auto& pp = ctx_[l].p;
    auto f = [&](double tt, const std::array<double, N>& x, std::array<double, N>& dx) {
      M::template rhs<double>(tt, x.data(), pp.data(), dx.data());
    };
    f(t[l], y0, f0);
    double h0 = settings_.initial_step > 0.0 ? settings_.initial_step
                                             : initial_step_size<N>(f, t[l], y0, f0, settings_.rtol, settings_.atol, 5);
    return h0;
  }

  bool needs_initial_step(int l) const { return h[l] <= 0.0; }
  double max_step() const {
    return settings_.max_step > 0.0 ? settings_.max_step : std::numeric_limits<double>::infinity();
  }

 private:
  void start(int l, ResultSink& sink) {
    res_[l] = blank_result(spec_[l], plan_);
    SteadyStateOptions ss;
    ss.atol = settings_.atol;
    if (std::string why = ctx_[l].prepare(spec_[l], ss, spec_[l].schedule, res_[l]); !why.empty()) {
      fail_result(res_[l], why);
      sink.accept(std::move(res_[l]));
      return;
    }
    next_action_[l] = 0;
    next_output_[l] = 0;
    t[l] = 0.0;
    h[l] = 0.0;
    const auto& actions = spec_[l].schedule.actions();
    std::size_t& a = next_action_[l];
    while (a < actions.size() && actions[a].time <= 0.0) {
      if (std::string why = ctx_[l].apply(actions[a]); !why.empty()) {
        fail_result(res_[l], why);
        sink.accept(std::move(res_[l]));
        return;
      }
      ++a;
    }
    std::size_t& k = next_output_[l];
    for (; k < plan_.times.size() && plan_.times[k] <= 0.0; ++k)
      ctx_[l].record(plan_.times[k], ctx_[l].y.data(), k, plan_, res_[l]);
    if (plan_.t_end <= 0.0) {
      sink.accept(std::move(res_[l]));
      return;
    }
    scatter(l);
    set_break(l);
    active[l] = true;
    fresh[l] = true;
  }

  void scatter(int l) {
    for (int i = 0; i < N; ++i) y[i][l] = ctx_[l].y[i];
    for (int i = 0; i < PF; ++i) p[i][l] = ctx_[l].p[i];
  }

  void set_break(int l) {
    const auto& actions = spec_[l].schedule.actions();
    const std::size_t a = next_action_[l];
    t_break[l] = a < actions.size() ? std::min(actions[a].time, plan_.t_end) : plan_.t_end;
  }

  void finish(int l, ResultSink& sink) {
    active[l] = false;
    sink.accept(std::move(res_[l]));
  }

  void fail(int l, const std::string& why, ResultSink& sink) {
    fail_result(res_[l], why);
    finish(l, sink);
  }

  const OutputPlan& plan_;
  SolverSettings settings_;
  std::array<L, N> y_old_;
  std::array<RunContext<M>, W> ctx_;
  std::array<RunSpec, W> spec_;
  std::array<RunResult, W> res_;
  std::array<std::size_t, W> next_action_{};
  std::array<std::size_t, W> next_output_{};
  std::array<bool, W> suspect_{};
  bool exhausted_ = false;
};

}  // namespace osteon
