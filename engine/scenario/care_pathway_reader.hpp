// Reading `monitoring:` and `rules:` of a scenario (docs/scenario-format.md,
// "Monitoring and rules") and checking that rules name what the scenario has:
// scanned sites, measured markers, regimens by their id.
#pragma once

#include <yaml-cpp/yaml.h>

#include "scenario/scenario.hpp"
#include "scenario/yaml_reader.hpp"

namespace osteon {

class Model;

void read_monitoring(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model);
void read_rules(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model);

// Ids of regimens (unique, held ones started by some rule) and what rules name; throws InputError.
void check_care_pathway(const Scenario& s, const Model& model);

}  // namespace osteon
