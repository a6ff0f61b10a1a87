// A model as the engine sees it: its self-description plus the operations the
// engine needs, behind one virtual interface. Virtual calls happen once per
// run or per batch of runs, never inside the right-hand side: each concrete
// model's templated right-hand side is compiled into its own integrators by
// ModelAdapter (model_adapter.hpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "integrate/solver_settings.hpp"
#include "integrate/steady_state_report.hpp"
#include "model/model_info.hpp"
#include "model/parameter_uncertainty.hpp"
#include "model/run_result.hpp"
#include "model/run_spec.hpp"

namespace osteon {

struct Scenario;

// A thread-safe supply of runs; workers pull from it until it is empty, so a
// lane that finishes is refilled with the next run.
class RunSource {
 public:
  virtual ~RunSource() = default;
  // Fills `spec` with the next run and returns true, or returns false at the end.
  virtual bool next(RunSpec& spec) = 0;
};

// Integrates runs one after another (scalar) or W at a time (lanes). One
// worker per thread; it owns its buffers, so nothing is allocated per step.
class RunWorker {
 public:
  virtual ~RunWorker() = default;
  virtual void run(RunSource& source, ResultSink& sink) = 0;
};

class Model {
 public:
  virtual ~Model() = default;

  virtual const ModelInfo& info() const = 0;
  int n_states() const { return static_cast<int>(info().states.size()); }
  int n_params() const { return static_cast<int>(info().params.size()); }
  int n_observables() const { return static_cast<int>(info().observables.size()); }
  std::vector<double> default_params() const;

  // Parameters the right-hand side reads beyond the declared ones (reciprocals,
  // reference steady states): computed from the current parameters `p` and
  // from the parameters the run started with, `p_start`.
  virtual int n_derived() const = 0;
  virtual void derive(const double* p, const double* p_start, double* derived) const = 0;

  // Scalar evaluations on a full parameter vector (declared then derived).
  virtual void rhs(double t, const double* y, const double* p_full, double* dydt) const = 0;
  virtual void observables(double t, const double* y, const double* p_full, double* out) const = 0;
  // Row-major n_states x n_states Jacobian from forward-mode AD.
  virtual void jacobian(double t, const double* y, const double* p_full, double* jac) const = 0;

  // Empty when the parameters are admissible, else a message naming the cause.
  virtual std::string check_parameters(const double* p) const;

  // Closed form where the model has one; Newton on the AD Jacobian otherwise,
  // falling back to time integration. Always returns a report.
  virtual SteadyStateReport steady_state(const double* p, const SteadyStateOptions& options) const = 0;

  // Turns drugs, exercise, patient and nutrition entries of a scenario into
  // parameter values and scheduled actions. Models without such inputs reject
  // them with an InputError at the offending key.
  virtual void compile_regimens(const Scenario& scenario, std::vector<double>& params, Schedule& schedule) const;

  // Combinations of inputs the model was not calibrated for that no single parameter range
  // (ModelInfo::validity) can express, one sentence each, given the compiled parameters: the run
  // goes ahead, with these beside the validity warnings (stderr, file, Python). None by default.
  virtual std::vector<std::string> scenario_warnings(const Scenario&, const std::vector<double>&) const { return {}; }

  virtual std::unique_ptr<RunWorker> make_worker(const OutputPlan& plan, const SolverSettings& settings) const = 0;

  // The calibrated parameters' uncertainty (nullptr when the model declares none): it comes from
  // a calibration's output rather than the model's source, so it is declared at registration.
  const ParameterUncertainty* uncertainty() const { return uncertainty_; }
  void declare_uncertainty(const ParameterUncertainty* u) { uncertainty_ = u; }

 private:
  const ParameterUncertainty* uncertainty_ = nullptr;
};

}  // namespace osteon
