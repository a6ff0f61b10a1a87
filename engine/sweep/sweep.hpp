// A sweep (docs/sweeps.md): a base scenario, the factors that vary (model
// parameters or scenario paths, scenario_path.hpp), a design that says which
// values each run gets, and what to keep of each run: full trajectories of a
// few variables and summary metrics. Read from YAML with every rejection
// naming file, line and key.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "sweep/factor_distribution.hpp"
#include "sweep/sensitivity.hpp"
#include "sweep/sweep_design.hpp"
#include "sweep/sweep_metric.hpp"

namespace osteon {

class ModelRegistry;

struct SweepFactor {
  std::string name;  // dataset name in the output (default: the path)
  std::string path;  // scenario path, e.g. A_OCa or drugs[1].start
  std::string unit;  // the path's declared unit
  FactorDistribution distribution;
  Origin origin;
};

struct Sweep {
  std::string file;  // the sweep file ("<string>" when given as text)
  std::string text;  // its YAML
  std::string name, description;
  Scenario base;          // the base scenario as written (no runs)
  std::string base_file;  // where the base came from (the sweep file when inline)
  std::vector<SweepFactor> factors;
  DesignSpec design;
  Origin design_origin;
  std::vector<std::string> outputs;  // variables stored as full trajectories
  std::vector<MetricSpec> metrics;
  BootstrapOptions analysis;  // sobol and morris designs
  std::string inputs_text;    // everything the numbers depend on that is read from files
};

Sweep load_sweep_file(const std::string& path, const ModelRegistry& models);
// True when the file is YAML whose top level has `design:` (a sweep, not a scenario).
bool is_sweep_file(const std::string& path);
Sweep load_sweep_text(const std::string& text, const std::string& file_label, const ModelRegistry& models);

}  // namespace osteon
