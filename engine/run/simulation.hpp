// A scenario ready to run: the model, the output plan, solver settings and the
// runs (one, or one per row of an ensemble), dispatched over threads.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/run_result.hpp"
#include "output/output_description.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_path.hpp"

namespace osteon {

// Command-line or API choices that override the scenario's own settings.
struct RunOptions {
  static constexpr int max_threads = 1024;  // a guard against typos that would start a thread per run
  int threads = 0;                          // 0 = every core
  std::optional<Method> method;
  std::optional<double> rtol, atol;
  std::optional<int> deflate_level;    // --compression, over the scenario's output.compression
  std::optional<Precision> precision;  // --precision, over output.precision
};

class Simulation {
 public:
  // Compiles the scenario for the model; throws InputError.
  Simulation(Scenario scenario, const Model& model, const RunOptions& options = {});

  const Scenario& scenario() const { return scenario_; }
  const Model& model() const { return model_; }
  const OutputPlan& plan() const { return plan_; }
  const SolverSettings& settings() const { return settings_; }
  const OutputStorage& storage() const { return storage_; }
  std::size_t n_runs() const { return scenario_.runs ? scenario_.runs->n_rows() : 1; }
  int threads() const { return threads_; }

  // The fully resolved run i (thread-safe).
  RunSpec run_spec(std::size_t i) const;

  // Values outside the model's validity ranges (ModelInfo::validity), one
  // sentence each; written to the file (attribute `validity_warnings`) and
  // printed by the commands. Of the scenario's base run (not of each row of an ensemble).
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Names, units and provenance for the output file.
  OutputDescription output_description(const std::string& history) const;

  // Integrates every run; results go to `sink` from the worker threads. When
  // `stop` becomes true no further run is started (runs under way finish).
  void run(ResultSink& sink, const std::atomic<bool>* stop = nullptr) const;

 private:
  Scenario scenario_;
  const Model& model_;
  OutputPlan plan_;
  SolverSettings settings_;
  OutputStorage storage_;
  RunSpec base_;
  Scenario row_template_;              // the scenario without its runs table, copied per run
  std::vector<ScenarioPath> columns_;  // of the runs table
  bool parameters_only_ = true;        // every column is a parameter: no recompilation per run
  int threads_ = 1;
  std::vector<std::string> warnings_;
};

// Keeps every result in memory, ordered by run index (for small ensembles,
// summaries and the Python API).
class ResultCollector final : public ResultSink {
 public:
  explicit ResultCollector(std::size_t n_runs) : results_(n_runs) {}
  void accept(RunResult&& r) override;
  const std::vector<RunResult>& results() const { return results_; }

 private:
  std::mutex mutex_;
  std::vector<RunResult> results_;
};

// Hands out run indices 0..n-1 in order, each built on demand (thread-safe),
// until they are used up or *stop is set.
class IndexedRunSource final : public RunSource {
 public:
  IndexedRunSource(std::size_t n, std::function<RunSpec(std::size_t)> make, const std::atomic<bool>* stop = nullptr)
      : n_(n), make_(std::move(make)), stop_(stop) {}
  bool next(RunSpec& spec) override {
    if (stop_ && stop_->load(std::memory_order_relaxed)) return false;
    const std::size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= n_) return false;
    spec = make_(i);
    return true;
  }

 private:
  std::atomic<std::size_t> next_{0};
  std::size_t n_;
  std::function<RunSpec(std::size_t)> make_;
  const std::atomic<bool>* stop_;
};

// Runs `workers` threads, each with its own RunWorker pulling from `source`.
void run_on_threads(const Model& model, const OutputPlan& plan, const SolverSettings& settings, RunSource& source,
                    ResultSink& sink, int workers);

// Number of hardware threads, at least 1.
int hardware_threads();

}  // namespace osteon
