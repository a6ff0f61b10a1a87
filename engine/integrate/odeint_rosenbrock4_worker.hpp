// The scalar stiff reference path: Boost.Odeint's rosenbrock4 under its
// controller (odeint_rosenbrock4_stepper.hpp), one run at a time, Jacobians
// from forward-mode AD of the model's templated right-hand side. Stops exactly
// at every scheduled action; outputs come from the method's dense output.
#pragma once

#include <array>
#include <cmath>

#include "integrate/initial_step.hpp"
#include "integrate/jacobian.hpp"
#include "model/model.hpp"
#include "integrate/odeint_rosenbrock4_stepper.hpp"
#include "integrate/run_context.hpp"

namespace osteon {

template <OdeModel M>
class OdeintRosenbrock4Worker final : public RunWorker {
  static constexpr int N = M::n_states;
  using State = std::array<double, N>;

  struct Context {
    RunContext<M>* ctx;
    RunResult* res;
  };
  static void rhs(void* c, const double* y, double* dy, double t) {
    auto* k = static_cast<Context*>(c);
    ++k->res->stats.rhs_evals;
    M::template rhs<double>(t, y, k->ctx->p.data(), dy);
  }
  static void jac(void* c, const double* y, double* j, double t, double* dfdt) {
    auto* k = static_cast<Context*>(c);
    ++k->res->stats.jacobians;
    model_jacobian<M, double>(t, y, k->ctx->p.data(), j, dfdt);
  }

 public:
  OdeintRosenbrock4Worker(const OutputPlan& plan, const SolverSettings& settings) : plan_(plan), settings_(settings) {}

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
    Context context{&ctx, &res};
    OdeintRosenbrock4Stepper stepper(N, settings_.atol, settings_.rtol, settings_.max_step, &rhs, &jac, &context);

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
      if (dt <= 0.0) {
        State f0{};
        auto f = [&](double tt, const State& x, State& dx) { M::template rhs<double>(tt, x.data(), ctx.p.data(), dx.data()); };
        f(t, y, f0);
        dt = initial_step_size<N>(f, t, y, f0, settings_.rtol, settings_.atol, 4);
      }
      while (t < t_break) {
        const double remaining = t_break - t;
        const bool last = dt >= remaining * (1.0 - 1e-12);
        double step = last ? remaining : dt;
        y_old = y;
        const double t_old = t;
        const bool success = stepper.try_step(y.data(), t, step);
        bool finite = true;
        for (double v : y) finite = finite && std::isfinite(v);
        if (success && finite) {
          ++res.stats.steps;
          if (last) t = t_break;
          if (!last || step > dt) dt = step;
          for (; k < times.size() && times[k] < t; ++k) {
            stepper.calc_state(times[k], yk.data(), y_old.data(), t_old, y.data(), t);
            ctx.record(times[k], yk.data(), k, plan_, res);
          }
          if (std::string why = ctx.check_state(t); !why.empty()) {
            fail_result(res, why);
            return res;
          }
        } else if (success) {
          y = y_old;  // a NaN step: undo it and shrink
          t = t_old;
          dt = step * 0.2;
          ++res.stats.rejected;
        } else {
          ++res.stats.rejected;
          dt = step;
        }
        if (res.stats.steps + res.stats.rejected >= settings_.max_steps) {
          fail_result(res, "more than " + std::to_string(settings_.max_steps) + " steps before " +
                               format_time(plan_.t_end) + " (stopped at " + format_time(t) + "); raise solver.max_steps");
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
  const OutputPlan& plan_;
  SolverSettings settings_;
};

}  // namespace osteon
