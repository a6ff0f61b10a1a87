// The scalar stiff reference path: Boost.Odeint's rosenbrock4 under its
// controller (odeint_rosenbrock4_stepper.hpp), one run at a time, Jacobians
// from forward-mode AD of the model's templated right-hand side, driven by the
// scalar loop (scalar_worker.hpp); outputs come from the method's dense output.
#pragma once

#include <array>

#include "integrate/initial_step.hpp"
#include "integrate/jacobian.hpp"
#include "integrate/odeint_rosenbrock4_stepper.hpp"
#include "integrate/scalar_worker.hpp"

namespace osteon {

template <OdeModel M>
class OdeintRosenbrock4Method {
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
  static constexpr const char* budget_hint = "";

  OdeintRosenbrock4Method(RunContext<M>& ctx, RunResult& res, const SolverSettings& settings)
      : context_{&ctx, &res},
        settings_(settings),
        stepper_(N, settings.atol, settings.rtol, settings.max_step, &rhs, &jac, &context_) {}

  // Only a first step to choose; the method evaluates its own derivatives (not counted here).
  void begin_segment(double t, const State& y, double& dt) {
    if (dt > 0.0) return;
    const auto& p = context_.ctx->p;
    auto f = [&](double tt, const State& x, State& dx) { M::template rhs<double>(tt, x.data(), p.data(), dx.data()); };
    State f0{};
    f(t, y, f0);
    dt = initial_step_size<N>(f, t, y, f0, settings_.rtol, settings_.atol, 4);
  }
  bool try_step(State& y, double& t, double& dt) { return stepper_.try_step(y.data(), t, dt); }
  void save() {}
  void undo() {}
  static double retry_after_nan(double /*tried*/, double proposed) { return proposed * 0.2; }
  void calc_state(double tau, State& out, const State& y_old, double t_old, const State& y, double t) {
    stepper_.calc_state(tau, out.data(), y_old.data(), t_old, y.data(), t);
  }

 private:
  Context context_;
  const SolverSettings& settings_;
  OdeintRosenbrock4Stepper stepper_;
};

template <OdeModel M>
using OdeintRosenbrock4Worker = ScalarWorker<M, OdeintRosenbrock4Method<M>>;

}  // namespace osteon
