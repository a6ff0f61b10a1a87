// What the monitoring visits of each run measured and what its rules decided
// (RunResult::measured, RunResult::decisions), written next to the trajectories
// (docs/pathways.md, "In the output file"):
//   /visit (visit)                   time of each visit, d (dimension scale)
//   /measured_<name> (run, visit)    measured T-score, BMD change or marker
//   /rule (rule)                     rule index; attributes name the rules
//   /rule_name, /rule_action (rule)  strings
//   /decision (decision)             0 .. most decisions of a run - 1
//   /decision_time (run, decision)   d, NaN after a run's last decision
//   /decision_rule (run, decision)   rule index, -1 after a run's last decision
//
// Two ways to the same datasets:
// - a file written in one piece (`run`, `compare`) gathers them in memory
//   (PathwayRecords) and writes them when it finishes;
// - a resumable sweep file (result_writer.hpp) has /visit and /measured_* from
//   its creation, preallocated, and each block of runs writes its rows there as
//   raw data; the decisions, a few per run and of any number, go to a side log
//   next to the partial file (one per MPI rank), as the messages of failed runs
//   do. The file's single final writer reads the log(s) and writes /rule and
//   /decision_* exactly as PathwayRecords does. A resumed, an MPI and a merged
//   sweep thereby store the visits and decisions of every run, bitwise those
//   of a sweep run in one piece.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model/run_result.hpp"
#include "output/hdf5_file.hpp"
#include "output/output_description.hpp"
#include "output/run_block.hpp"

namespace osteon {

// Creates /visit and the /measured_* datasets (in measure order). `preallocated`: contiguous
// storage allocated now with NaN (resumable files, whose later writes change raw data only).
std::vector<h5::Handle> create_visit_datasets(hid_t file, const PathwayLayout& layout, std::size_t n_runs,
                                              bool preallocated);
// Opens the /measured_* datasets of a resumable file, or nullopt when one is missing or has another shape.
std::optional<std::vector<h5::Handle>> open_measured_datasets(hid_t file, const PathwayLayout& layout,
                                                              std::size_t n_runs);
// Creates /rule, /rule_name, /rule_action and the /decision_* datasets from the decisions of every run.
void write_decisions(hid_t file, const PathwayLayout& layout, const std::vector<std::vector<Decision>>& decisions);

// The side log of decisions: "RUN<TAB>TIME RULE<TAB>TIME RULE...", one line per run that has
// decisions, times with 17 significant digits (read back bitwise).
std::string decision_line(std::size_t run, const std::vector<Decision>& decisions);
// Parses a line without its newline; false for anything else (a line cut short by a kill).
bool parse_decision_line(const std::string& line, std::size_t& run, std::vector<Decision>& decisions);

// The visits and decisions of a block of runs in a resumable file: rows of /measured_* (the handles
// of open_measured_datasets) and lines of the decision log, flushed. Called before the block's done
// flag is set, so that a block marked done always has them. Throws on a failed write.
void write_block_pathway(const std::vector<h5::Handle>& measured, std::FILE* decision_log, const RunBlock& block,
                         std::size_t n_visits, const std::string& log_path);

// Gathered in memory by a file written in one piece.
class PathwayRecords {
 public:
  PathwayRecords(const PathwayLayout& layout, std::size_t n_runs);
  // Thread-safe; `row` counts from the file's first run.
  void add(std::size_t row, const RunResult& r);
  void write(hid_t file) const;

 private:
  const PathwayLayout& layout_;
  std::size_t n_runs_;
  std::size_t nm_;
  std::vector<double> measured_;                  // run x visit x measure
  std::vector<std::vector<Decision>> decisions_;  // per run
  std::mutex mutex_;
};

}  // namespace osteon
