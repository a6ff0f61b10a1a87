// The scalar reference path: one run at a time with Boost.Odeint's
// runge_kutta_dopri5 under its error controller, stopping exactly at every
// scheduled action and sampling outputs from the method's dense output.
#pragma once

#include <array>
#include <cmath>

#include <boost/numeric/odeint.hpp>

#include "integrate/initial_step.hpp"
#include "model/model.hpp"
#include "integrate/run_context.hpp"

namespace osteon {

template <OdeModel M>
class OdeintDopri5Worker final : public RunWorker {
  static constexpr int N = M::n_states;
  using State = std::array<double, N>;
  using Stepper = boost::numeric::odeint::runge_kutta_dopri5<State>;

 public:
  OdeintDopri5Worker(const OutputPlan& plan, const SolverSettings& settings) : plan_(plan), settings_(settings) {}

  void run(RunSource& source, ResultSink& sink) override {
    RunSpec spec;
    while (source.next(spec)) sink.accept(integrate(spec));
  }

  RunResult integrate(const RunSpec& spec) const {
    namespace odeint = boost::numeric::odeint;
    RunResult res = blank_result(spec, plan_);
    RunContext<M> ctx;
    SteadyStateOptions ss;
    ss.atol = settings_.atol;
    Schedule schedule = spec.schedule;  // the run's own: rules at visits may add to it
    if (std::string why = ctx.prepare(spec, ss, schedule, res); !why.empty()) {
      fail_result(res, why);
      return res;
    }
    auto sys = [&ctx, &res](const State& x, State& dx, double t) {
      ++res.stats.rhs_evals;
      M::template rhs<double>(t, x.data(), ctx.p.data(), dx.data());
    };
    auto ctrl = settings_.max_step > 0.0
                    ? odeint::make_controlled(settings_.atol, settings_.rtol, settings_.max_step, Stepper())
                    : odeint::make_controlled(settings_.atol, settings_.rtol, Stepper());

    const auto& actions = schedule.actions();
    const auto& times = plan_.times;
    std::size_t a = 0, k = 0;
    double t = 0.0;
    State& y = ctx.y;
    State dydt{}, y_old{}, dydt_old{};
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
      sys(y, dydt, t);
      if (dt <= 0.0) {
        dt = initial_step_size<N>([&](double tt, const State& x, State& dx) { sys(x, dx, tt); }, t, y, dydt,
                                  settings_.rtol, settings_.atol, 5);
      }
      while (t < t_break) {
        const double remaining = t_break - t;
        const bool last = dt >= remaining * (1.0 - 1e-12);
        double step = last ? remaining : dt;
        y_old = y;
        dydt_old = dydt;
        const double t_old = t;
        const auto outcome = ctrl.try_step(sys, y, dydt, t, step);
        if (outcome == odeint::success && !all_finite(y)) {
          // odeint accepts a step whose error is NaN: undo it and shrink instead.
          y = y_old;
          dydt = dydt_old;
          t = t_old;
          dt = (last ? remaining : dt) * 0.2;
          ++res.stats.rejected;
        } else if (outcome == odeint::success) {
          ++res.stats.steps;
          if (last) t = t_break;  // land exactly on the breakpoint
          // Keep the controller's proposal unless the step was shortened to land.
          if (!last || step > dt) dt = step;
          for (; k < times.size() && times[k] < t; ++k) {
            State yk{};
            ctrl.stepper().calc_state(times[k], yk, y_old, dydt_old, t_old, y, dydt, t);
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
                               "); raise solver.max_steps or try --integrator rosenbrock if the model is stiff");
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
