// A sweep run into its output file, the one procedure behind `osteon sweep`
// and Python's osteon.sweep(): start (or resume) the resumable file, compute
// the runs it does not hold, then either keep the partial file (stopped) or
// finish it with the sensitivity analysis and the metrics summary.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>

#include "cluster/sweep_shard.hpp"
#include "sweep/sweep_analysis.hpp"
#include "sweep/sweep_runner.hpp"

namespace osteon {

struct SweepFileOptions {
  std::string output;
  std::string history;  // the invocation, stored in the file
  bool force = false;   // replace OUT and any OUT.partial
  bool resume = false;  // continue OUT.partial
  std::optional<SweepShard> shard;
};

// What the caller shows while the sweep runs. run_done() is called from worker threads, one
// call at a time.
class SweepObserver {
 public:
  virtual ~SweepObserver() = default;
  virtual void note(const std::string& /*message*/) {}                     // e.g. nothing to resume
  virtual void started(std::size_t /*n_runs*/, std::size_t /*stored*/) {}  // the file is open
  virtual void run_done() {}
  virtual void runs_finished() {}  // every run computed or stopped; the file is not yet final
};

struct SweepFileResult {
  enum class Outcome { complete, interrupted, already_complete };
  Outcome outcome = Outcome::complete;
  std::size_t n_runs = 0;    // runs of the file (of the shard)
  std::size_t computed = 0;  // runs computed by this call
  std::size_t kept = 0;      // interrupted: runs stored in the partial file
  std::size_t failed = 0, ok = 0;
  double seconds = 0.0;
  SweepSensitivity analysis;  // empty for a shard
  std::string summary;        // summarize_metrics() of the file
};

// No new run starts once *stop is true; the partial file then keeps the finished runs
// (Outcome::interrupted). Bad input (an existing output without force, ...) throws InputError.
SweepFileResult run_sweep_file(const SweepRunner& runner, const SweepFileOptions& options, SweepObserver& observer,
                               const std::atomic<bool>* stop = nullptr);

}  // namespace osteon
