// The ResultSink between the integrators and the writer in a sweep: it
// computes each run's summary metrics from the run's sampled trajectories as
// the run arrives, drops the trajectories nobody asked to keep, and forwards
// the reduced run (kept trajectories, then one value per metric). Nothing is
// kept between runs, so memory does not grow with the number of runs.
#pragma once

#include <cstddef>
#include <vector>

#include "model/run_result.hpp"
#include "sweep/sweep_metric.hpp"

namespace osteon {

struct MetricPlan {
  MetricSpec spec;
  std::size_t variable = 0;    // position among the run's variables
  std::size_t i0 = 0, i1 = 0;  // sample indices (see evaluate_metric)
};

class MetricSink final : public ResultSink {
 public:
  // Runs arrive with `n_variables` trajectories over `times`; the first
  // `kept` of them are forwarded.
  MetricSink(ResultSink& next, std::vector<double> times, std::size_t n_variables, std::size_t kept,
             std::vector<MetricPlan> metrics);
  void accept(RunResult&& r) override;  // thread-safe: no shared state

 private:
  ResultSink& next_;
  std::vector<double> times_;
  std::size_t n_variables_, kept_;
  std::vector<MetricPlan> metrics_;
};

}  // namespace osteon
