// The scalar reference loop, written once for every one-run-at-a-time method:
// integrate to each scheduled action and stop exactly there, apply it, sample
// outputs from the method's dense output in between, and fail with a message
// on an exhausted step budget, a step that underflows or an inadmissible state.
// A Method (odeint_dopri5_worker.hpp, odeint_rosenbrock4_worker.hpp) supplies
// the step attempt and its dense output:
//   Method(RunContext<M>&, RunResult&, const SolverSettings&)
//   void begin_segment(double t, const State& y, double& dt)  // dt <= 0: choose one
//   bool try_step(State& y, double& t, double& dt)  // odeint's contract: on success
//        y, t advance and dt is the next proposal; on failure dt shrinks
//   void save() / void undo()                     // method state beside y (e.g. FSAL)
//   double retry_after_nan(double tried, double proposed)  // step after a NaN step
//   void calc_state(double tau, State& out, const State& y_old, double t_old, const State& y, double t)
//   static constexpr const char* budget_hint      // appended to the max_steps message
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "integrate/run_context.hpp"
#include "model/model.hpp"

namespace osteon {

template <OdeModel M, class Method>
class ScalarWorker final : public RunWorker {
  static constexpr int N = M::n_states;
  using State = std::array<double, N>;

 public:
  ScalarWorker(const OutputPlan& plan, const SolverSettings& settings) : plan_(plan), settings_(settings) {}

  void run(RunSource& source, ResultSink& sink) override {
    RunSpec spec;
    while (source.next(spec)) sink.accept(integrate(spec));
  }

  RunResult integrate(const RunSpec& spec) const {
    RunResult res = blank_result(spec, plan_);
    RunContext<M> ctx;
    SteadyStateOptions ss;
    ss.atol = settings_.atol;
    Schedule schedule = spec.schedule;  // the run's own: rules at visits may add to it
    if (std::string why = ctx.prepare(spec, ss, schedule, res); !why.empty()) {
      fail_result(res, why);
      return res;
    }
    Method method(ctx, res, settings_);

    const auto& actions = schedule.actions();
    const auto& times = plan_.times;
    std::size_t a = 0, k = 0;
    double t = 0.0;
    State& y = ctx.y;
    State y_old{}, yk{};
    double dt = settings_.initial_step;

    auto apply_due = [&](double t_now) -> bool {
      while (a < actions.size() && actions[a].time <= t_now) {
        if (std::string why = ctx.apply(actions[a]); !why.empty()) {
          fail_result(res, why);
          return false;
        }
        ++a;
      }
      return true;
    };
    auto record_due = [&](double t_now) {
      for (; k < times.size() && times[k] <= t_now; ++k) ctx.record(times[k], y.data(), k, plan_, res);
    };

    if (!apply_due(0.0)) return res;
    record_due(0.0);
    while (t < plan_.t_end) {
      const double t_break = a < actions.size() ? std::min(actions[a].time, plan_.t_end) : plan_.t_end;
      method.begin_segment(t, y, dt);
      while (t < t_break) {
        const double remaining = t_break - t;
        const bool last = dt >= remaining * (1.0 - 1e-12);
        const double tried = last ? remaining : dt;
        double step = tried;
        y_old = y;
        method.save();
        const double t_old = t;
        const bool success = method.try_step(y, t, step);
        if (success && !all_finite(y)) {
          // odeint accepts a step whose error is NaN: undo it and shrink instead.
          y = y_old;
          method.undo();
          t = t_old;
          dt = method.retry_after_nan(tried, step);
          ++res.stats.rejected;
        } else if (success) {
          ++res.stats.steps;
          if (last) t = t_break;  // land exactly on the breakpoint
          // Keep the controller's proposal unless the step was shortened to land.
          if (!last || step > dt) dt = step;
          for (; k < times.size() && times[k] < t; ++k) {
            method.calc_state(times[k], yk, y_old, t_old, y, t);
            ctx.record(times[k], yk.data(), k, plan_, res);
          }
          if (std::string why = ctx.check_state(t); !why.empty()) {
            fail_result(res, why);
            return res;
          }
        } else {
          ++res.stats.rejected;
          dt = step;
        }
        if (res.stats.steps + res.stats.rejected >= settings_.max_steps) {
          fail_result(res, "more than " + std::to_string(settings_.max_steps) + " steps before " +
                               format_time(plan_.t_end) + " (stopped at " + format_time(t) +
                               "); raise solver.max_steps" + Method::budget_hint);
          return res;
        }
        if (dt < 1e-12 * std::max(1.0, std::fabs(t))) {
          fail_result(res, ctx.step_underflow_message(dt, t, y.data()));
          return res;
        }
      }
      if (!apply_due(t)) return res;
      record_due(t);
    }
    record_due(plan_.t_end);
    return res;
  }

 private:
  static bool all_finite(const State& x) {
    for (double v : x) {
      if (!std::isfinite(v)) return false;
    }
    return true;
  }

  const OutputPlan& plan_;
  SolverSettings settings_;
};

}  // namespace osteon
