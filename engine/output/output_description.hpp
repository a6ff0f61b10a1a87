// What one output file holds, independent of how it is stored: the variables with
// units, the times, the per-run coordinates and the provenance attributes
// (DESIGN.md section 6). The HDF5 writer and the web API both take it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace osteon {

// A per-run input of an ensemble, stored as a coordinate along `run`.
struct RunFactor {
  std::string name;
  std::string unit;
  std::string long_name;
  std::vector<double> values;  // one per run
  std::vector<std::pair<std::string, std::string>> attributes = {};  // further string attributes
};

// A per-run text coordinate along `run`, e.g. the scenario name of each run of
// `osteon compare`.
struct RunLabel {
  std::string name;
  std::string long_name;
  std::vector<std::string> values;  // one per run
};

// A per-run scalar output (a sweep's summary metric): one (run) dataset. Its
// value travels in RunResult::values after the trajectories.
struct RunScalar {
  std::string name;
  std::string unit;
  std::string long_name;
  std::vector<std::pair<std::string, std::string>> attributes;
};

using AttributeValue = std::variant<std::string, double, std::int64_t>;

struct OutputDescription {
  std::string title;
  std::string model_id;
  std::string model_citation;
  std::string scenario_text;
  std::string settings_json;
  std::string history;                 // command line that made the file
  std::vector<double> times;           // days
  std::vector<std::string> names;      // one per variable
  std::vector<std::string> units;
  std::vector<std::string> long_names;
  std::size_t n_runs = 1;
  std::size_t first_run = 0;           // global index of the first run (a shard of a sweep holds runs
                                       // first_run .. first_run + n_runs - 1; /run stores these indices)
  std::vector<RunFactor> factors;
  std::vector<RunLabel> labels;        // text coordinates along run
  std::vector<RunScalar> scalars;      // after the trajectories in each RunResult::values
  std::vector<std::pair<std::string, AttributeValue>> attributes;  // further root attributes
};

}  // namespace osteon
