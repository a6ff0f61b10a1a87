// The outcome of one run and where it goes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace osteon {

enum class RunStatus : std::int8_t { ok = 0, failed = 1, not_run = 2 };

// The flag_values / flag_meanings written next to the status dataset.
inline constexpr const char* run_status_meanings = "ok failed not_run";

struct IntegrationStats {
  long steps = 0;      // accepted steps
  long rejected = 0;   // rejected step attempts
  long rhs_evals = 0;  // right-hand-side evaluations
  long jacobians = 0;  // Jacobian evaluations (stiff paths, Newton)
};

// A rule of the run's care pathway fired (care_pathway.hpp).
struct Decision {
  double time = 0.0;  // days
  int rule = 0;       // index into the scenario's rules
};

struct RunResult {
  std::size_t index = 0;
  RunStatus status = RunStatus::ok;
  std::string message;         // plain words; empty when ok
  std::vector<double> values;  // n_variables x n_times, variable-major; NaN when failed
  IntegrationStats stats;
  // With monitoring visits: what was measured (n_visits x n_measures, visit-major, NaN where a
  // visit was not reached) and the decisions of the rules, in time order.
  std::vector<double> measured;
  std::vector<Decision> decisions;
};

// Receives finished runs, in any order, from any thread.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void accept(RunResult&& result) = 0;
};

}  // namespace osteon
