// A loaded sweep made ready to run: the design in the factors' units, the
// scenario with one row per run (compiled by Simulation), the output plan
// extended by the times the metrics need, and the description of the output
// file (DESIGN.md §6 plus per-run metrics and the sweep's own attributes).
#pragma once

#include <atomic>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cluster/sweep_shard.hpp"
#include "output/result_writer.hpp"
#include "run/simulation.hpp"
#include "sweep/metric_sink.hpp"
#include "sweep/sweep.hpp"

namespace osteon {

class SweepRunner {
 public:
  // Generates the design in chunks and checks every value against its path
  // (InputError naming the factor); compiles the runs unless `compile` is
  // false (then the design is not kept: only n_runs(), problem_json() and
  // write_design_csv() may be used).
  SweepRunner(Sweep sweep, const Model& model, const RunOptions& options = {}, bool compile = true);

  const Sweep& sweep() const { return sweep_; }
  // The value of factor j in run i, in the factor's unit. The design is held once: by the
  // compiled runs table, or (not compiled) by the runner.
  double design_value(std::size_t run, std::size_t factor) const;
  std::size_t n_runs() const { return design_.runs; }
  const Simulation& simulation() const { return *sim_; }

  OutputDescription output_description(const std::string& history) const;
  // The file of one shard (sweep_shard.hpp): the shard's runs only, /run
  // holding their global indices, plus the root attributes sweep_shard ("I/N")
  // and sweep_total_runs that `osteon merge` checks.
  OutputDescription output_description(const std::string& history, const SweepShard& shard) const;
  // FNV-1a (64 bit) of everything the stored numbers depend on: osteon's
  // version, the sweep and base scenario texts (and a list's CSV), the solver
  // settings and the output layout. Not the thread count: results do not depend on it.
  std::string fingerprint() const;
  // SALib's problem dictionary for the factors, as JSON.
  std::string problem_json() const;
  // The design as CSV: a header of factor names, one row per run (generated in chunks).
  void write_design_csv(std::ostream& out) const;

  // Integrates the given runs (ascending indices), streaming each reduced
  // run (kept trajectories, then metrics) into `sink`. No new run starts once
  // *stop is true; runs already started are finished and delivered.
  void run(const std::vector<std::size_t>& runs, ResultSink& sink, const std::atomic<bool>* stop = nullptr) const;
  // The runs of a (resumed) writer's range that it does not hold yet.
  std::vector<std::size_t> pending_runs(const ResultWriter& writer) const;

 private:
  Sweep sweep_;
  const Model& model_;
  DesignMatrix design_;  // its values move into the runs table when compiled
  std::unique_ptr<Simulation> sim_;
  std::vector<MetricPlan> metric_plans_;
  std::size_t n_variables_ = 0;
};

}  // namespace osteon
