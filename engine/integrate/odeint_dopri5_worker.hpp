// The scalar reference path: one run at a time with Boost.Odeint's
// runge_kutta_dopri5 under its error controller, driven by the scalar loop
// (scalar_worker.hpp); outputs come from the method's dense output.
#pragma once

#include <array>
#include <utility>

#include <boost/numeric/odeint.hpp>

#include "integrate/initial_step.hpp"
#include "integrate/scalar_worker.hpp"

namespace osteon {

template <OdeModel M>
class OdeintDopri5Method {
  static constexpr int N = M::n_states;
  using State = std::array<double, N>;
  using Stepper = boost::numeric::odeint::runge_kutta_dopri5<State>;

  struct System {
    RunContext<M>* ctx;
    RunResult* res;
    void operator()(const State& x, State& dx, double t) const {
      ++res->stats.rhs_evals;
      M::template rhs<double>(t, x.data(), ctx->p.data(), dx.data());
    }
  };
  static auto make_controller(const SolverSettings& s) {
    namespace odeint = boost::numeric::odeint;
    return s.max_step > 0.0 ? odeint::make_controlled(s.atol, s.rtol, s.max_step, Stepper())
                            : odeint::make_controlled(s.atol, s.rtol, Stepper());
  }

 public:
  static constexpr const char* budget_hint = " or try --integrator rosenbrock if the model is stiff";

  OdeintDopri5Method(RunContext<M>& ctx, RunResult& res, const SolverSettings& settings)
      : sys_{&ctx, &res}, settings_(settings), ctrl_(make_controller(settings)) {}

  // The derivative at the segment's start (first same as last from then on).
  void begin_segment(double t, const State& y, double& dt) {
    sys_(y, dydt_, t);
    if (dt <= 0.0) {
      dt = initial_step_size<N>([&](double tt, const State& x, State& dx) { sys_(x, dx, tt); }, t, y, dydt_,
                                settings_.rtol, settings_.atol, 5);
    }
  }
  bool try_step(State& y, double& t, double& dt) {
    return ctrl_.try_step(sys_, y, dydt_, t, dt) == boost::numeric::odeint::success;
  }
  void save() { dydt_old_ = dydt_; }
  void undo() { dydt_ = dydt_old_; }
  static double retry_after_nan(double tried, double /*proposed*/) { return tried * 0.2; }
  void calc_state(double tau, State& out, const State& y_old, double t_old, const State& y, double t) {
    ctrl_.stepper().calc_state(tau, out, y_old, dydt_old_, t_old, y, dydt_, t);
  }

 private:
  System sys_;
  const SolverSettings& settings_;
  decltype(make_controller(std::declval<const SolverSettings&>())) ctrl_;
  State dydt_{}, dydt_old_{};
};

template <OdeModel M>
using OdeintDopri5Worker = ScalarWorker<M, OdeintDopri5Method<M>>;

}  // namespace osteon
