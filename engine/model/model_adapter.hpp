// Wraps a concrete model type M into the engine's Model interface, compiling
// its templated right-hand side into every integrator once.
#pragma once

#include <memory>
#include <stdexcept>

#include "integrate/batched_dopri5_worker.hpp"
#include "integrate/batched_rosenbrock_worker.hpp"
#include "integrate/jacobian.hpp"
#include "integrate/odeint_dopri5_worker.hpp"
#include "model/model.hpp"
#include "model/model_concept.hpp"
#if !defined(__EMSCRIPTEN__)  // its stepper (Boost uBLAS, gnu++17) is not in the web build
#include "integrate/odeint_rosenbrock4_worker.hpp"
#endif
#include "integrate/steady_state.hpp"

namespace osteon {

template <OdeModel M>
class ModelAdapter final : public Model {
 public:
  const ModelInfo& info() const override { return M::info(); }
  int n_derived() const override { return M::n_derived; }

  void derive(const double* p, const double* p_start, double* derived) const override {
    if constexpr (M::n_derived > 0) M::derive(p, p_start, derived);
  }
  void rhs(double t, const double* y, const double* p, double* dydt) const override {
    M::template rhs<double>(t, y, p, dydt);
  }
  void observables(double t, const double* y, const double* p, double* out) const override {
    if constexpr (M::n_observables > 0) M::template observables<double>(t, y, p, out);
  }
  void jacobian(double t, const double* y, const double* p, double* jac) const override {
    model_jacobian<M, double>(t, y, p, jac);
  }
  std::string check_parameters(const double* p) const override {
    std::string why = Model::check_parameters(p);
    if constexpr (HasParameterCheck<M>) {
      if (why.empty()) {
        std::vector<double> full(p, p + M::n_params);
        full.resize(M::n_params + M::n_derived);
        derive(full.data(), full.data(), full.data() + M::n_params);
        why = M::check(full.data());
      }
    }
    return why;
  }
  SteadyStateReport steady_state(const double* p, const SteadyStateOptions& options) const override {
    std::vector<double> full(p, p + M::n_params);
    full.resize(M::n_params + M::n_derived);
    derive(full.data(), full.data(), full.data() + M::n_params);
    return find_steady_state<M>(full.data(), options);
  }
  void compile_regimens(const Scenario& s, std::vector<double>& params, Schedule& schedule) const override {
    if constexpr (HasRegimens<M>) {
      M::compile_regimens(s, params, schedule);
    } else {
      Model::compile_regimens(s, params, schedule);
    }
  }
  std::vector<std::string> scenario_warnings(const Scenario& s, const std::vector<double>& params) const override {
    if constexpr (HasScenarioWarnings<M>) {
      return M::scenario_warnings(s, params);
    } else {
      return {};
    }
  }
  std::unique_ptr<RunWorker> make_worker(const OutputPlan& plan, const SolverSettings& settings) const override {
    switch (settings.method) {
      case Method::dopri5:
        return std::make_unique<BatchedDopri5Worker<M, lane_width>>(plan, settings);
      case Method::rosenbrock:
        return std::make_unique<BatchedRosenbrockWorker<M, lane_width>>(plan, settings);
      case Method::odeint_dopri5:
        return std::make_unique<OdeintDopri5Worker<M>>(plan, settings);
      case Method::odeint_rosenbrock4:
#if defined(__EMSCRIPTEN__)
        throw std::invalid_argument("the odeint-rosenbrock4 integrator is not in the web build: use rosenbrock");
#else
        return std::make_unique<OdeintRosenbrock4Worker<M>>(plan, settings);
#endif
    }
    throw std::invalid_argument("unknown integrator");
  }
};

template <OdeModel M>
std::unique_ptr<Model> make_model() {
  return std::make_unique<ModelAdapter<M>>();
}

}  // namespace osteon
