// What the monitoring visits of each run measured and what its rules decided
// (RunResult::measured, RunResult::decisions), gathered while runs finish and
// written next to the trajectories (docs/output-format.md, "Care pathways"):
//   /visit (visit)                   time of each visit, d (dimension scale)
//   /measured_<name> (run, visit)    measured T-score, BMD change or marker
//   /rule (rule)                     rule index; attributes name the rules
//   /rule_name, /rule_action (rule)  strings
//   /decision (decision)             0 .. most decisions of a run - 1
//   /decision_time (run, decision)   d, NaN after a run's last decision
//   /decision_rule (run, decision)   rule index, -1 after a run's last decision
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <mutex>
#include <vector>

#include "model/run_result.hpp"
#include "output/output_description.hpp"

namespace osteon {

class PathwayRecords {
 public:
  PathwayRecords(const PathwayLayout& layout, std::size_t n_runs);
  // Thread-safe; `row` counts from the file's first run.
  void add(std::size_t row, const RunResult& r);
  std::size_t runs_added() const { return added_; }
  void write(hid_t file) const;

 private:
  const PathwayLayout& layout_;
  std::size_t n_runs_;
  std::size_t nm_;
  std::vector<double> measured_;                  // run x visit x measure
  std::vector<std::vector<Decision>> decisions_;  // per run
  std::size_t added_ = 0;
  std::mutex mutex_;
};

}  // namespace osteon
