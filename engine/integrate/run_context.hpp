// The double-precision bookkeeping of one run, shared by every integrator:
// parameters (declared, derived, and as they were at the start), the initial
// state, applying scheduled actions, and recording output rows.
#pragma once

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "core/number_format.hpp"
#include "integrate/steady_state.hpp"
#include "model/model_concept.hpp"
#include "model/run_result.hpp"
#include "model/run_spec.hpp"

namespace osteon {

// "t = 12.5 d" with enough digits to locate a failure.
inline std::string format_time(double t) { return "t = " + format_number(t) + " d"; }

template <OdeModel M>
struct RunContext {
  static constexpr int N = M::n_states;
  static constexpr int P = M::n_params;
  static constexpr int PF = M::n_params + M::n_derived;

  std::array<double, (PF > 0 ? PF : 1)> p{};      // declared then derived
  std::array<double, (P > 0 ? P : 1)> p_start{};  // declared, as at t = 0
  std::array<double, N> y{};
  std::array<double, N> y_start{};  // state at t = 0, after the steady state

  // The run's care pathway (monitoring visits and rules): the schedule it may add to and the
  // result its measurements and decisions go to. Unused (null) without visits.
  PathwayRun pathway;
  Schedule* schedule = nullptr;
  RunResult* result = nullptr;

  // Sets parameters and the initial state. Returns an error message, or "".
  // `schedule` is the run's own copy of spec.schedule, to which rules may add.
  std::string prepare(const RunSpec& spec, const SteadyStateOptions& ss, Schedule& run_schedule, RunResult& out) {
    schedule = &run_schedule;
    result = &out;
    pathway.start(spec.pathway.get(), spec.index);
    if (!spec.error.empty()) return spec.error;
    for (int i = 0; i < P; ++i) p[i] = p_start[i] = spec.params[static_cast<std::size_t>(i)];
    derive();
    if constexpr (HasParameterCheck<M>) {
      if (std::string why = M::check(p.data()); !why.empty()) return "inadmissible parameters: " + why;
    }
    bool started = false;
    if constexpr (HasInitialState<M>) {
      if (spec.start_at_steady_state) {
        if (!M::initial_state(p.data(), y.data())) return "initial state: the model could not compute it";
        started = true;
      }
    }
    if (spec.start_at_steady_state && !started) {
      const SteadyStateReport rep = find_steady_state<M>(p.data(), ss);
      if (!rep.converged) return "initial steady state: " + rep.message;
      for (int i = 0; i < N; ++i) y[i] = rep.state[static_cast<std::size_t>(i)];
    }
    for (const auto& [i, v] : spec.initial_values) y[i] = v;
    y_start = y;
    return check_state(0.0);
  }

  void derive() {
    if constexpr (M::n_derived > 0) M::derive(p.data(), p_start.data(), p.data() + P);
  }

  // Applies one scheduled action at time t. Returns an error message, or "".
  std::string apply(const Action& action) {
    const Action a = action;  // a visit may add to the schedule `action` lives in
    if (a.kind == ActionKind::visit) {
      std::array<double, (M::n_observables > 0 ? M::n_observables : 1)> obs{};
      if constexpr (M::n_observables > 0) M::template observables<double>(a.time, y.data(), p.data(), obs.data());
      pathway.visit(a.index, a.time, obs.data(), p.data(), *schedule, *result);
      return {};
    }
    if (a.tag >= 0) pathway.note(a);
    switch (a.kind) {
      case ActionKind::set_param:
        p[a.index] = a.value;
        break;
      case ActionKind::add_param:
        p[a.index] += a.value;
        break;
      case ActionKind::set_state:
        y[a.index] = a.value;
        break;
      case ActionKind::add_state:
        y[a.index] += a.value;
        break;
      case ActionKind::visit:
        break;
    }
    if (a.kind == ActionKind::set_param || a.kind == ActionKind::add_param) {
      const ParamInfo& info = M::info().params[static_cast<std::size_t>(a.index)];
      if (!std::isfinite(p[a.index]) || p[a.index] < info.min || p[a.index] > info.max) {
        return "parameter " + std::string(info.name) + " became " + format_number(p[a.index]) + " " +
               std::string(info.unit) + " at " + format_time(a.time) + ", outside its range";
      }
      derive();
    }
    return check_state(a.time);
  }

  // A state that is NaN, infinite, or negative where it must not be.
  std::string check_state(double t) const { return check_state(t, y.data()); }

  static std::string check_state(double t, const double* x) {
    for (int i = 0; i < N; ++i) {
      const StateInfo& s = M::info().states[static_cast<std::size_t>(i)];
      if (!std::isfinite(x[i])) {
        return "state " + std::string(s.name) + " became " + (std::isnan(x[i]) ? "NaN" : "infinite") + " at " +
               format_time(t) + " (the run diverged)";
      }
      if (s.nonnegative && x[i] < -negative_tolerance(x[i])) {
        return "state " + std::string(s.name) + " became negative (" + format_number(x[i]) + " " + std::string(s.unit) +
               ") at " + format_time(t) + "; a population or amount cannot be negative";
      }
    }
    return {};
  }

  // Why the step size collapsed, in plain words: the state that moved furthest
  // from where it started (or is not finite).
  std::string step_underflow_message(double h, double t, const double* x) const {
    int worst = 0;
    double ratio = -1.0;
    for (int i = 0; i < N; ++i) {
      const double r = std::isfinite(x[i]) ? std::fabs(x[i] - y_start[i]) / (std::fabs(y_start[i]) + 1e-300)
                                           : std::numeric_limits<double>::infinity();
      if (r > ratio) {
        ratio = r;
        worst = i;
      }
    }
    const StateInfo& s = M::info().states[static_cast<std::size_t>(worst)];
    return "step size fell to " + format_number(h) + " d at " + format_time(t) + ": the run is diverging (state " +
           std::string(s.name) + " = " + format_number(x[worst]) + " " + std::string(s.unit) + ", started at " +
           format_number(y_start[worst]) + "), or too stiff for this integrator (try --integrator rosenbrock)";
  }

  // Rounding can push a vanishing population a hair below zero; that is not a failure.
  static double negative_tolerance(double) { return 1e-14; }

  // Writes output row k of every planned variable from state x at time t.
  void record(double t, const double* x, std::size_t k, const OutputPlan& plan, RunResult& out) const {
    std::array<double, (M::n_observables > 0 ? M::n_observables : 1)> obs{};
    if constexpr (M::n_observables > 0) M::template observables<double>(t, x, p.data(), obs.data());
    const std::size_t nt = plan.times.size();
    for (std::size_t v = 0; v < plan.variables.size(); ++v) {
      const int idx = plan.variables[v];
      out.values[v * nt + k] = idx < N ? x[idx] : obs[static_cast<std::size_t>(idx - N)];
    }
  }
};

// Starts a result for `spec`: every value NaN until recorded.
inline RunResult blank_result(const RunSpec& spec, const OutputPlan& plan) {
  RunResult r;
  r.index = spec.index;
  r.values.assign(plan.variables.size() * plan.times.size(), std::numeric_limits<double>::quiet_NaN());
  if (spec.pathway) {
    r.measured.assign(spec.pathway->visit_times.size() * spec.pathway->n_measures(),
                      std::numeric_limits<double>::quiet_NaN());
  }
  return r;
}

inline void fail_result(RunResult& r, std::string message) {
  r.status = RunStatus::failed;
  r.message = std::move(message);
  std::fill(r.values.begin(), r.values.end(), std::numeric_limits<double>::quiet_NaN());
  std::fill(r.measured.begin(), r.measured.end(), std::numeric_limits<double>::quiet_NaN());
  r.decisions.clear();
}

}  // namespace osteon
