// Reads the `runs:` section of a scenario: a CSV file (`file: runs.csv`,
// relative to the scenario) or an inline table (`columns:` and `rows:`).
#pragma once

#include <yaml-cpp/yaml.h>

#include "scenario/scenario.hpp"

namespace osteon {

class Model;

// Throws InputError naming the scenario or CSV file, line, column and key.
RunsTable read_runs_table(const YAML::Node& node, const Scenario& scenario, const Model& model);

}  // namespace osteon
